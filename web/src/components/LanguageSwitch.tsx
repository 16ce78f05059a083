import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../src/contracts/common.js';
import { authApi } from '../api/auth.js';
import { applyLocale, useLocale } from '../i18n.js';
import { useSession } from '../session.js';

const LOCALES: readonly Locale[] = ['fr', 'en'];

// Saves run one after another, so that the account ends with the language chosen last.
let saving: Promise<void> = Promise.resolve();

/** FR / EN buttons: the choice applies at once, and is saved with the account when signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me, updated } = useSession();

  const choose = (next: Locale) => {
    if (next === locale) return;
    void applyLocale(next);
    if (!me) return;
    // The interface has already switched and this device remembers it; if saving fails (a bad
    // link in the field), the account keeps its previous language, which is harmless.
    saving = saving.then(() => authApi.updateMe({ locale: next }).then(updated, () => undefined));
  };

  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('shell.language')}</legend>
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
    </fieldset>
  );
}
