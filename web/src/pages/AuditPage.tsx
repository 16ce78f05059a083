import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src/contracts/audit.js';
import { type AuditCatalog, type AuditFilter, auditExportUrl, auditQueries } from '../api/audit.js';
import { useLoaded, usePages } from '../api/queries.js';
import { AuditChainStatus } from '../components/AuditChainStatus.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Loading, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { useLocale } from '../i18n.js';

interface Filters {
  actor: string;
  action: string;
  recordType: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', recordType: '', from: '', to: '' };

/** The filters as the API takes them: empty fields left out. */
function applied(filters: Filters): AuditFilter {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim() !== '')) as AuditFilter;
}

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
            <td>
              <span>{entry.actorName ?? entry.actorLabel}</span>
              {entry.actorName && <span className="status-note">{entry.actorLabel}</span>}
            </td>
            <td>
              <span>{entry.actionLabel}</span>
              {entry.actionLabel !== entry.action && (
                <span className="status-note">
                  <code>{entry.action}</code>
                </span>
              )}
            </td>
            <td>
              {entry.recordType && (
                <>
                  <span>{entry.recordTypeLabel}</span>
                  {entry.recordLabel ? (
                    <span className="status-note">{entry.recordLabel}</span>
                  ) : (
                    entry.recordId && (
                      <span className="status-note">
                        <code title={entry.recordId}>{entry.recordId.length > 13 ? `${entry.recordId.slice(0, 8)}…` : entry.recordId}</code>
                      </span>
                    )
                  )}
                </>
              )}
            </td>
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

/** Who, what, which kind of record, which days: choices from the catalog, in the reader's language. */
function AuditFilters({
  draft,
  setDraft,
  catalog,
}: {
  draft: Filters;
  setDraft: (filters: Filters) => void;
  catalog: AuditCatalog | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      {catalog ? (
        <>
          <SelectField label={t('audit.actor')} value={draft.actor} onChange={(actor) => setDraft({ ...draft, actor })}>
            <option value="">{t('audit.anyone')}</option>
            {catalog.actors.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name} ({account.email})
              </option>
            ))}
          </SelectField>
          <SelectField label={t('audit.action')} value={draft.action} onChange={(action) => setDraft({ ...draft, action })}>
            <option value="">{t('audit.anyAction')}</option>
            {catalog.actions.map((action) => (
              <option key={action.code} value={action.code}>
                {action.label}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('audit.recordType')} value={draft.recordType} onChange={(recordType) => setDraft({ ...draft, recordType })}>
            <option value="">{t('audit.anyRecordType')}</option>
            {catalog.recordTypes.map((type) => (
              <option key={type.code} value={type.code}>
                {type.label}
              </option>
            ))}
          </SelectField>
        </>
      ) : (
        <>
          <TextField
            label={t('audit.actor')}
            hint={t('audit.actorHint')}
            value={draft.actor}
            onChange={(actor) => setDraft({ ...draft, actor })}
            optional
          />
          <TextField label={t('audit.action')} value={draft.action} onChange={(action) => setDraft({ ...draft, action })} optional />
        </>
      )}
      <div className="form-row">
        <TextField label={t('audit.from')} type="date" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} optional />
        <TextField label={t('audit.to')} type="date" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} optional />
      </div>
      <p className="hint">{t('audit.datesHint')}</p>
    </>
  );
}

/** The tamper-evident audit log, newest first, with filters, "older" paging and chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const locale = useLocale();
  const catalog = useLoaded(auditQueries.catalog(locale));
  const query = applied(filters);
  const pages = usePages(auditQueries.pages(query), (list) => ({
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
    setFilters(draft);
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
            <AuditFilters draft={draft} setDraft={setDraft} catalog={catalog.status === 'done' ? catalog.data : null} />
            <div className="button-row">
              <button type="submit" className="button-primary">
                {t('audit.apply')}
              </button>
              <button type="button" className="button-secondary" onClick={reset}>
                {t('audit.reset')}
              </button>
            </div>
          </form>
          <p>
            <a className="button-secondary" href={auditExportUrl(query, locale)} download>
              {t('audit.export')}
            </a>
          </p>
          <p className="hint">{t('audit.exportHint')}</p>
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
