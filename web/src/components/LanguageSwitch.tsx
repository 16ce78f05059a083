import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../src/contracts/common.js';
import { api } from '../api.js';
import { applyLocale, useLocale } from '../i18n.js';
import { useSession } from '../session.js';

const LOCALES: readonly Locale[] = ['fr', 'en'];

/** FR / EN buttons: the choice applies at once, and is saved with the account when signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me, signedIn } = useSession();

  const choose = (next: Locale) => {
    void applyLocale(next);
    if (me && me.locale !== next) {
      // The interface has already switched and this device remembers it; if saving fails (a bad
      // link in the field), the account keeps its previous language, which is harmless.
      api.updateMe({ locale: next }).then(signedIn, () => undefined);
    }
  };

  return (
    <div role="group" aria-label={t('shell.language')} className="language-switch">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          title={t(`languages.${option}`)}
          aria-pressed={locale === option}
          onClick={() => choose(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
