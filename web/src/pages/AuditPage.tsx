import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src/contracts/audit.js';
import { auditQueries } from '../api/audit.js';
import { usePages } from '../api/queries.js';
import { AuditChainStatus } from '../components/AuditChainStatus.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Loading, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { useLocale } from '../i18n.js';

interface Filters {
  action: string;
  actor: string;
}

const NO_FILTERS: Filters = { action: '', actor: '' };

function useDateFormat() {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'UTC',
  });
  return (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <ScrollingTable caption={t('audit.tableCaption')} className="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.seq')}</th>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('audit.actor')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.record')}</th>
          <th scope="col">{t('audit.decision')}</th>
          <th scope="col">{t('audit.reason')}</th>
          <th scope="col">{t('audit.hash')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq}>
            <th scope="row">{entry.seq}</th>
            <td>
              <time dateTime={entry.at}>{formatDate(entry.at)}</time>
            </td>
            <td>{entry.actorLabel}</td>
            <td>
              <code>{entry.action}</code>
            </td>
            <td>{entry.recordType && <code>{[entry.recordType, entry.recordId].filter(Boolean).join(' ')}</code>}</td>
            <td>
              <span className={entry.decision === 'deny' ? 'status status-off' : 'status status-on'}>{t(`audit.${entry.decision}`)}</span>
            </td>
            <td>{entry.reason}</td>
            <td>
              <code className="hash">{entry.hash.slice(0, 12)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The tamper-evident audit log, newest first, with filters, "older" paging and chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const pages = usePages(auditQueries.pages(filters), (list) => ({
    entries: list.flatMap((page) => page.entries),
    nextBefore: list.at(-1)?.nextBefore ?? null,
  }));
  const loaded = pages.loaded.status === 'done' ? pages.loaded.data : null;
  const entries = loaded?.entries ?? null;
  const nextBefore = loaded?.nextBefore ?? null;
  const problem = pages.loaded.status === 'failed' ? pages.loaded.problem : pages.moreProblem;
  const loading = pages.pending;
  const logId = useId();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ action: draft.action.trim(), actor: draft.actor.trim() });
  };

  const reset = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
  };

  return (
    <Page title={t('audit.title')}>
      <div className="cards">
        <AuditChainStatus />
        <section className="card" aria-labelledby={`${logId}-filters`}>
          <h2 id={`${logId}-filters`}>{t('audit.filters')}</h2>
          <form className="form" onSubmit={apply} noValidate>
            <TextField label={t('audit.action')} value={draft.action} onChange={(action) => setDraft({ ...draft, action })} optional />
            <TextField
              label={t('audit.actor')}
              hint={t('audit.actorHint')}
              value={draft.actor}
              onChange={(actor) => setDraft({ ...draft, actor })}
              optional
            />
            <div className="button-row">
              <button type="submit" className="button-primary">
                {t('audit.apply')}
              </button>
              <button type="button" className="button-secondary" onClick={reset}>
                {t('audit.reset')}
              </button>
            </div>
          </form>
        </section>
      </div>
      <section className="card card-wide" aria-labelledby={logId}>
        <h2 id={logId}>{t('audit.entries')}</h2>
        <ProblemAlert problem={problem} />
        {entries === null ? loading && <Loading /> : entries.length === 0 ? <p>{t('audit.empty')}</p> : <AuditTable entries={entries} />}
        {entries !== null &&
          entries.length > 0 &&
          (nextBefore === null ? (
            <p className="hint">{t('audit.end')}</p>
          ) : (
            <button type="button" className="button-secondary" aria-disabled={loading} onClick={pages.loadMore}>
              {loading ? t('audit.loadingOlder') : t('audit.older')}
            </button>
          ))}
      </section>
    </Page>
  );
}
