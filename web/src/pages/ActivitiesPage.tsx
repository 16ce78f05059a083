import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, type ActivityImportReport, type ActivitySummary, type ActivityTotals } from '../../../src/contracts/activities.js';
import type { Problem } from '../../../src/contracts/common.js';
import { type ActivityQueryParams, activityApi, activityQueries, useActivityVocabulary } from '../api/activities.js';
import { queryString, toProblem } from '../api/client.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { FileField, formatDate, parseDate, SelectField, TextField } from '../components/fields.js';
import { ImportReportTables } from '../components/ImportReportTables.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

const FILTERS = ['unit', 'type', 'topic', 'category', 'region', 'from', 'to'] as const;

function filterFrom(search: URLSearchParams): ActivityQueryParams {
  return Object.fromEntries(FILTERS.map((key) => [key, search.get(key) || undefined]));
}

/** Participants of the filter by type, by sex and by age, and in all. */
function Totals({ totals }: { totals: ActivityTotals }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatCount(value, locale);
  const rows = [
    ...totals.byType.map((row) => ({ key: row.type, label: t(`activities.types.${row.type}`), ...row })),
    { key: 'all', label: t('activities.totals.all'), type: null, ...totals.total },
  ];
  return (
    <ScrollingTable caption={t('activities.totals.caption')} className="activity-totals">
      <thead>
        <tr>
          <th scope="col">{t('activities.totals.group')}</th>
          <th scope="col" className="numeric">
            {t('activities.totals.activities')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.women')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.men')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.total')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.childrenShort')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.adults')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="numeric">{n(row.activities)}</td>
            <td className="numeric">{n(row.women)}</td>
            <td className="numeric">{n(row.men)}</td>
            <td className="numeric">{n(row.total)}</td>
            <td className="numeric">{n(row.children)}</td>
            <td className="numeric">{n(row.adults)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function ActivityTable({ items }: { items: readonly ActivitySummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (items.length === 0) return <p>{t('activities.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('activities.list.caption')} className="activity-table">
      <thead>
        <tr>
          <th scope="col">{t('activities.fields.title')}</th>
          <th scope="col">{t('activities.fields.type')}</th>
          <th scope="col">{t('activities.fields.topic')}</th>
          <th scope="col">{t('activities.fields.unit')}</th>
          <th scope="col">{t('activities.fields.dates')}</th>
          <th scope="col">{t('activities.fields.place')}</th>
          <th scope="col" className="numeric">
            {t('activities.fields.women')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.men')}
          </th>
          <th scope="col" className="numeric">
            {t('activities.fields.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              <Link to={`/activites/${a.id}`}>{a.title}</Link>
            </th>
            <td>{t(`activities.types.${a.type}`)}</td>
            <td>{a.topicName}</td>
            <td>{a.unit}</td>
            <td className="nowrap">
              {formatDate(a.startDate)}
              {a.endDate !== a.startDate && ` – ${formatDate(a.endDate)}`}
            </td>
            <td>{a.place ? `${a.place} (${a.regionName})` : a.regionName}</td>
            <td className="numeric">{formatCount(a.women, locale)}</td>
            <td className="numeric">{formatCount(a.men, locale)}</td>
            <td className="numeric">{formatCount(a.total, locale)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The period filter: two dates typed day/month/year, applied together. */
function PeriodFilter({ from, to, onApply }: { from: string; to: string; onApply: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ from: from ? formatDate(from) : '', to: to ? formatDate(to) : '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: { path: string; message: string }[] = [];
    const date = (path: 'from' | 'to') => {
      if (draft[path].trim() === '') return '';
      const iso = parseDate(draft[path]);
      if (!iso) errors.push({ path, message: t('activities.form.dateInvalid') });
      return iso ?? '';
    };
    const [f, to] = [date('from'), date('to')];
    if (errors.length > 0) return setProblem(clientProblem(errors));
    setProblem(null);
    onApply(f, to);
  };
  return (
    <form onSubmit={submit} noValidate className="activity-period">
      <TextField
        label={t('activities.fields.from')}
        hint={t('activities.form.dateHint')}
        value={draft.from}
        onChange={(v) => setDraft((d) => ({ ...d, from: v }))}
        error={fieldError(problem, 'from')}
        optional
      />
      <TextField
        label={t('activities.fields.to')}
        hint={t('activities.form.dateHint')}
        value={draft.to}
        onChange={(v) => setDraft((d) => ({ ...d, to: v }))}
        error={fieldError(problem, 'to')}
        optional
      />
      <button type="submit" className="button-secondary">
        {t('activities.filters.apply')}
      </button>
    </form>
  );
}

/** The CSV import of one unit's activities, all rows or none, with the server's report. */
function ImportForm({ units }: { units: readonly string[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [unit, setUnit] = useState(units[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ActivityImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setReport(null);
    if (!file) return setProblem(clientProblem([{ path: 'file', message: t('activities.import.fileMissing') }]));
    setBusy(true);
    setProblem(null);
    try {
      const text = await file.text().catch(() => null);
      if (text === null) return setProblem(clientProblem([{ path: 'file', message: t('activities.import.fileUnreadable') }]));
      setReport(await activityApi.import(text, unit));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('activities.import.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={{ file: t('activities.import.file') }} />
        <SelectField label={t('activities.import.unit')} value={unit} onChange={setUnit}>
          {units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </SelectField>
        <FileField
          label={t('activities.import.file')}
          accept=".csv,text/csv"
          onChange={(chosen) => {
            setFile(chosen);
            setReport(null);
            setProblem(null);
          }}
          error={fieldError(problem, 'file')}
        />
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('activities.import.submitting') : t('activities.import.submit')}
        </button>
      </form>
      {report && (
        <section className="import-report" aria-labelledby={titleId}>
          <h3 id={titleId}>{t('activities.import.reportTitle')}</h3>
          {report.errors.length > 0 ? (
            <div role="alert" className="alert alert-error">
              <p>{t('activities.import.nothing')}</p>
            </div>
          ) : (
            <p role="status" className="alert alert-success">
              {t('activities.import.done', { imported: report.imported, rows: report.rows })}
            </p>
          )}
          <ImportReportTables
            counts={[
              [t('activities.import.rows'), report.rows],
              [t('activities.import.imported'), report.imported],
              [t('activities.import.errors'), report.errors.length],
            ]}
            errors={report.errors}
            labels={{
              caption: t('activities.import.errorsCaption'),
              line: t('activities.import.line'),
              column: t('activities.import.column'),
              message: t('activities.import.message'),
              wholeLine: t('activities.import.wholeLine'),
            }}
          />
        </section>
      )}
    </>
  );
}

/**
 * « Activités et formations »: the activities the reader may see, filtered by the address's query
 * string (unit, type, topic, category, region, period), their participants by sex and by age, the
 * CSV export, and for the units' writers the entry form and the CSV import.
 */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const filter = filterFrom(search);
  const units = useUnits();
  const regions = useIncidentVocabulary();
  const vocabulary = useActivityVocabulary();
  const totals = useLoaded(activityQueries.totals(filter));
  const pages = usePages(activityQueries.pages(filter, locale), (list) => ({
    items: list.flatMap((page) => page.items),
    next: list.at(-1)?.next ?? null,
  }));
  const go = (next: ActivityQueryParams) => navigate(`${pathname}${queryString(next)}`);
  const set = (key: (typeof FILTERS)[number], value: string) => go({ ...filter, [key]: value || undefined });
  const writerUnits = vocabulary.status === 'done' ? vocabulary.data.units : [];

  return (
    <Page title={t('activities.title')}>
      <p className="lead">{t('activities.intro')}</p>
      {writerUnits.length > 0 && (
        <p>
          <Link to="/activites/nouvelle" className="button-primary">
            {t('activities.new')}
          </Link>
        </p>
      )}
      <Card title={t('activities.filters.title')} wide>
        <div className="project-filters">
          <SelectField label={t('activities.fields.unit')} value={filter.unit ?? ''} onChange={(v) => set('unit', v)}>
            <option value="">{t('activities.filters.all')}</option>
            {units.status === 'done' &&
              units.data.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.code}
                </option>
              ))}
          </SelectField>
          <SelectField label={t('activities.fields.type')} value={filter.type ?? ''} onChange={(v) => set('type', v)}>
            <option value="">{t('activities.filters.all')}</option>
            {ACTIVITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`activities.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('activities.fields.topic')} value={filter.topic ?? ''} onChange={(v) => set('topic', v)}>
            <option value="">{t('activities.filters.all')}</option>
            {vocabulary.status === 'done' &&
              vocabulary.data.topics.map((topic) => (
                <option key={topic.code} value={topic.code}>
                  {topic.name}
                </option>
              ))}
          </SelectField>
          <SelectField label={t('activities.fields.category')} value={filter.category ?? ''} onChange={(v) => set('category', v)}>
            <option value="">{t('activities.filters.all')}</option>
            {vocabulary.status === 'done' &&
              vocabulary.data.categories.map((category) => (
                <option key={category.code} value={category.code}>
                  {category.name}
                </option>
              ))}
          </SelectField>
          <SelectField label={t('activities.fields.region')} value={filter.region ?? ''} onChange={(v) => set('region', v)}>
            <option value="">{t('activities.filters.all')}</option>
            {regions.status === 'done' &&
              regions.data.regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {region.label}
                </option>
              ))}
          </SelectField>
        </div>
        <PeriodFilter
          key={`${filter.from ?? ''}/${filter.to ?? ''}`}
          from={filter.from ?? ''}
          to={filter.to ?? ''}
          onApply={(from, to) => go({ ...filter, from: from || undefined, to: to || undefined })}
        />
        <p>
          <a href={`/api/activities/export.csv${queryString(filter)}`} download>
            {t('activities.export')}
          </a>
          {FILTERS.some((key) => filter[key]) && (
            <>
              {' · '}
              <Link to={pathname}>{t('activities.filters.clear')}</Link>
            </>
          )}
        </p>
      </Card>
      <Card title={t('activities.totals.title')} wide>
        <Show loaded={totals}>{(data) => <Totals totals={data} />}</Show>
      </Card>
      <Card title={t('activities.list.title')} wide>
        <Show loaded={both(pages.loaded, totals)}>
          {([page]) => (
            <>
              <ActivityTable items={page.items} />
              <ProblemAlert problem={pages.moreProblem} />
              {page.next && (
                <button type="button" className="button-secondary" onClick={pages.loadMore} disabled={pages.loadingMore}>
                  {t('activities.list.more')}
                </button>
              )}
            </>
          )}
        </Show>
      </Card>
      {writerUnits.length > 0 && (
        <Card title={t('activities.import.title')} wide>
          <ImportForm units={writerUnits} />
        </Card>
      )}
    </Page>
  );
}
