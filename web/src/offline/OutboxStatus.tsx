import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { bindAccount, lastAccount, outboxStatus, subscribeOutbox } from './engine.js';

/**
 * In the shell's header: whether the server answers, and how many records of the signed-in account
 * wait on this device, linking to the outbox. It binds the outbox to the session's account: before
 * the session is known it only counts the last account's records; signed out, nothing is sent.
 */
export function OutboxStatus() {
  const { t } = useTranslation();
  const session = useSession();
  const status = useSyncExternalStore(subscribeOutbox, outboxStatus);
  const account = session.me?.id ?? null;
  const known = session.state.status;

  useEffect(() => {
    if (known === 'signed-in') bindAccount(account);
    else if (known === 'anonymous') bindAccount(null);
    else bindAccount(lastAccount(), { send: false });
  }, [known, account]);

  const content = (
    <>
      <span className={`outbox-dot outbox-dot-${status.link}`} aria-hidden="true" />
      {t(`offline.${status.link}`)}
      {status.count > 0 && <span className="outbox-count"> · {t('offline.waiting', { count: status.count })}</span>}
    </>
  );
  return (
    <div className="outbox-status" role="status" aria-label={t('offline.statusLabel')}>
      {status.account ? <Link to="/outbox">{content}</Link> : <span>{content}</span>}
    </div>
  );
}
