import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.js';
import { useLocale } from '../i18n.js';
import { currentOutbox, flushOutbox } from '../offline/engine.js';
import { formPathOf } from '../offline/kinds.js';
import type { OutboxRecord } from '../offline/outbox.js';
import { useOutboxRecords } from '../offline/useOutboxRecords.js';
import { navigate } from '../router.js';

function when(iso: string, locale: string): string {
  return `${new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' })} UTC`;
}

/** One waiting or refused record, with the server's message and what the user may do with it. */
function OutboxItem({ record }: { record: OutboxRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const conflict = record.problem?.code === 'version_conflict';
  const form = formPathOf(record.kind, record.payload, record.key);
  const retry = async () => {
    await currentOutbox()?.retry(record.key);
    await flushOutbox();
  };
  const discard = () => void currentOutbox()?.discard(record.key);
  return (
    <li className={`outbox-item outbox-item-${record.state}`}>
      <h2 className="outbox-item-title">
        <span className="outbox-kind">{t(`offline.kinds.${record.kind}`, { defaultValue: record.kind })}</span> {record.summary}
      </h2>
      <p className="outbox-item-meta">
        {t('offline.enteredAt')} {when(record.enteredAt, locale)} · {t(`offline.states.${record.state}`)}
        {record.attempts > 0 && ` · ${t('offline.attempts', { count: record.attempts })}`}
      </p>
      {record.problem && (
        <div className="outbox-problem" role="alert">
          <p>{conflict ? t('offline.conflict') : record.problem.message}</p>
          {record.problem.errors.length > 0 && (
            <ul>
              {record.problem.errors.map((error) => (
                <li key={`${error.path}:${error.message}`}>
                  <code>{error.path}</code> : {error.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="button-row">
        {record.state !== 'sending' && !conflict && (
          <button type="button" className="button-secondary" onClick={() => void retry()}>
            {t('offline.retry')}
          </button>
        )}
        {form && (
          <button type="button" className="button-secondary" onClick={() => navigate(form)}>
            {conflict ? t('offline.resolve') : t('offline.reopen')}
          </button>
        )}
        {confirming ? (
          <>
            <span className="outbox-confirm">{t('offline.discardConfirm', { summary: record.summary })}</span>
            <button type="button" className="button-danger" onClick={discard}>
              {t('offline.discard')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('offline.signOutCancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
            {t('offline.discard')}
          </button>
        )}
      </div>
    </li>
  );
}

/** Every waiting record is due now, whatever its back-off; refused ones wait for the user. */
async function sendNow(records: readonly OutboxRecord[]): Promise<void> {
  for (const record of records) if (record.state === 'waiting') await currentOutbox()?.retry(record.key);
  await flushOutbox();
}

/** `/outbox`: the records of the signed-in account waiting on this device or refused by the server. */
export function OutboxPage() {
  const { t } = useTranslation();
  const records = useOutboxRecords();
  return (
    <Page title={t('offline.title')}>
      <p className="hint">{t('offline.intro')}</p>
      {records === null ? null : records.length === 0 ? (
        <p>{t('offline.empty')}</p>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="button-primary" onClick={() => void sendNow(records)}>
              {t('offline.sendNow')}
            </button>
          </div>
          <ul className="outbox-list">
            {records.map((record) => (
              <OutboxItem key={record.key} record={record} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
