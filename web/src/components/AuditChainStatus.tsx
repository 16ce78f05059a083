import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { auditQueries } from '../api/audit.js';
import { useLoaded } from '../api/queries.js';
import { ProblemAlert } from './ProblemAlert.js';

/** The result of re-checking the whole hash chain of the audit log, with a button to re-check. */
export function AuditChainStatus() {
  const { t } = useTranslation();
  const verification = useLoaded(auditQueries.verify());
  const titleId = useId();
  const busy = verification.pending;

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('auditChain.title')}</h2>
      {busy && <p role="status">{t('auditChain.verifying')}</p>}
      {verification.status === 'failed' && <ProblemAlert problem={verification.problem} />}
      {verification.status === 'done' &&
        (verification.data.ok ? (
          <p className="chain chain-ok">{t('auditChain.ok', { count: verification.data.checked })}</p>
        ) : (
          <div role="alert" className="chain chain-broken">
            <p>
              {verification.data.firstBroken === null
                ? t('auditChain.brokenUnknown')
                : t('auditChain.broken', { seq: verification.data.firstBroken })}
            </p>
            {verification.data.problem && <p>{t('auditChain.problem', { problem: verification.data.problem })}</p>}
          </div>
        ))}
      <button type="button" className="button-secondary" onClick={verification.reload}>
        {t('auditChain.verify')}
      </button>
    </section>
  );
}
