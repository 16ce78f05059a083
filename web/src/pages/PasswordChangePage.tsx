import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { Page } from '../components/Page.js';
import { PasswordChangeForm } from '../components/PasswordChangeForm.js';
import { navigate, safeInternalPath, useLocation } from '../router.js';

/**
 * The first thing an account sees when someone else chose its password (generated or reset by an
 * administrator): the server opens nothing else until it is changed. Then on to `next`, by way
 * of second-factor enrolment when the account needs one (the app routes there by itself).
 */
export function PasswordChangePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const next = safeInternalPath(search.get('next'));
  // Once changed (or when there is nothing to change), on to where the person was going.
  useEffect(() => {
    if (!me.mustChangePassword) navigate(next, { replace: true });
  }, [me.mustChangePassword, next]);
  if (!me.mustChangePassword) return null;
  return (
    <Page title={t('firstSignIn.passwordTitle')} narrow>
      <p className="lead">{t('firstSignIn.passwordIntro', { name: me.name })}</p>
      <p>{t('firstSignIn.passwordWhy')}</p>
      <PasswordChangeForm
        me={me}
        currentLabel={t('firstSignIn.givenPassword')}
        submitLabel={t('firstSignIn.passwordSubmit')}
        onChanged={() => undefined}
      />
    </Page>
  );
}
