import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { PROGRAMMES, type Programme, releaseStatDimensions, type StatDimension } from '../../../src/contracts/protection.js';
import { toProblem } from '../api/client.js';
import { type ProtectionVocabulary, useProtectionVocabulary } from '../api/protection.js';
import {
  type ProtectionStats,
  type ProtectionStatsRelease,
  protectionReleaseCsvUrl,
  protectionStatsCsvUrl,
  protectionStatsQueries,
  releaseQuarter,
  type StatsTableChoice,
} from '../api/protectionStats.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProtectionStatsTable } from '../components/ProtectionStatsTable.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { PROGRAMME_STAT_DIMENSIONS, termLabel } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';

const PATH = '/protection/statistiques';
/** The mission's first year (resolution 2100 (2013)); the reference data are of 2020. */
const FIRST_YEAR = 2013;
const DEFAULT_YEAR = 2020;
const COUNTS = ['allegations', 'individuals'] as const;
type Count = (typeof COUNTS)[number];
type UnitOfCount = 'verified_violations' | 'allegations' | 'individuals' | 'survivors';
/** Which tables: a released quarter, or the live counts of the year (the unit's managers). */
type View = 'live' | 'q1' | 'q2' | 'q3' | 'q4' | '';
const VIEWS: readonly View[] = ['live', 'q1', 'q2', 'q3', 'q4'];

/** The table asked for, as the address holds it; `columns` empty for a one-way table. */
interface StatsChoice {
  programme: Programme;
  year: number;
  view: View;
  rows: StatDimension;
  columns: StatDimension | '';
  count: Count;
}

function lastYear(): number {
  return Math.max(new Date().getFullYear(), DEFAULT_YEAR);
}

function unitOfCount(programme: Programme, count: Count): UnitOfCount {
  if (programme === 'misconduct') return count;
  return programme === 'explosive_ordnance' ? 'survivors' : 'verified_violations';
}

/** Live counts are for the managers of the programme's unit (the server decides; the page offers them only there). */
function managesProgramme(me: Me, vocabulary: ProtectionVocabulary, programme: Programme): boolean {
  const unit = vocabulary.programmes.find((p) => p.code === programme)?.unit;
  return me.memberships.some((membership) => membership.unit === unit && membership.role === 'manager');
}

function releaseOf(releases: readonly ProtectionStatsRelease[], choice: StatsChoice, quarter: number) {
  const unit = unitOfCount(choice.programme, choice.count);
  return releases.find(
    (r) => r.programme === choice.programme && r.year === choice.year && r.quarter === quarter && r.unitOfCount === unit,
  );
}

/** A choice the server accepts: a view that exists, each breakdown one of the view's, the columns other than the rows. */
function validChoice(
  choice: { programme: Programme; year: number; view: string; rows: string; columns: string; count: string },
  releases: readonly ProtectionStatsRelease[],
  live: boolean,
): StatsChoice {
  const count: Count = choice.programme === 'misconduct' && choice.count === 'individuals' ? 'individuals' : 'allegations';
  const base = { programme: choice.programme, year: choice.year, count };
  const released = [4, 3, 2, 1].filter((q) => releaseOf(releases, { ...base, view: '', rows: 'region', columns: '' }, q));
  const asked = (VIEWS as readonly string[]).includes(choice.view) ? (choice.view as View) : '';
  const exists = (view: View) => (view === 'live' ? live : view !== '' && released.includes(Number(view.slice(1))));
  const view: View = exists(asked) ? asked : released[0] ? (`q${released[0]}` as View) : live ? 'live' : '';
  const dimensions: readonly string[] =
    view === 'live' ? PROGRAMME_STAT_DIMENSIONS[choice.programme] : releaseStatDimensions(choice.programme);
  const rows = (dimensions.includes(choice.rows) ? choice.rows : 'region') as StatDimension;
  const columns = (dimensions.includes(choice.columns) && choice.columns !== rows ? choice.columns : '') as StatDimension | '';
  return { ...base, view, rows, columns };
}

function searchChoice(search: URLSearchParams) {
  const programme = search.get('programme') ?? '';
  const year = Number(search.get('year'));
  return {
    programme: (PROGRAMMES as readonly string[]).includes(programme) ? (programme as Programme) : 'human_rights',
    // No year asked: the page opens on the latest year with data (see `ProtectionStatsPage`).
    year: Number.isInteger(year) && year >= FIRST_YEAR && year <= lastYear() ? year : null,
    view: search.get('view') ?? '',
    rows: search.get('rows') ?? '',
    columns: search.get('columns') ?? '',
    count: search.get('count') ?? '',
  };
}

/** The page's address for a table: shareable, and the back button walks through the tables asked for. */
function statsHref(choice: StatsChoice): string {
  const search = new URLSearchParams({ programme: choice.programme, year: String(choice.year) });
  if (choice.view) search.set('view', choice.view);
  search.set('rows', choice.rows);
  if (choice.columns) search.set('columns', choice.columns);
  if (choice.programme === 'misconduct') search.set('count', choice.count);
  return `${PATH}?${search.toString()}`;
}

function useQuarterLabel() {
  const { t } = useTranslation();
  return (quarter: number, year: number) => t('protection.stats.quarter', { quarter, year });
}

interface FormProps {
  choice: StatsChoice;
  vocabulary: ProtectionVocabulary;
  releases: readonly ProtectionStatsRelease[];
  me: Me;
}

function StatsForm({ choice, vocabulary, releases, me }: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const quarterLabel = useQuarterLabel();
  const countName = useId();
  const [draft, setDraft] = useState(choice);
  const change = (next: Partial<StatsChoice>) =>
    setDraft((previous) => {
      const merged = { ...previous, ...next };
      return validChoice(merged, releases, managesProgramme(me, vocabulary, merged.programme));
    });
  const live = managesProgramme(me, vocabulary, draft.programme);
  const dimensions = draft.view === 'live' ? PROGRAMME_STAT_DIMENSIONS[draft.programme] : releaseStatDimensions(draft.programme);
  const label = (dimension: StatDimension) => termLabel(vocabulary.statDimensions, dimension) ?? dimension;
  const years = Array.from({ length: lastYear() - FIRST_YEAR + 1 }, (_, i) => lastYear() - i);
  const quarters = [1, 2, 3, 4].flatMap((q) => {
    const release = releaseOf(releases, draft, q);
    return release ? [{ q, release }] : [];
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(statsHref(draft));
  };

  return (
    <form className="protection-filter" onSubmit={apply}>
      <div className="stats-fields">
        <SelectField
          label={t('protection.stats.programme')}
          value={draft.programme}
          onChange={(programme) => change({ programme: programme as Programme, view: '' })}
        >
          {vocabulary.programmes.map((programme) => (
            <option key={programme.code} value={programme.code}>
              {programme.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('protection.stats.year')}
          value={String(draft.year)}
          onChange={(year) => change({ year: Number(year), view: '' })}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('protection.stats.view')} value={draft.view} onChange={(view) => change({ view: view as View })}>
          {quarters.length === 0 && !live && <option value="">{t('protection.stats.releasesNone', { year: draft.year })}</option>}
          {quarters.map(({ q, release }) => (
            <option key={q} value={`q${q}`}>
              {t('protection.stats.viewRelease', {
                quarter: quarterLabel(q, draft.year),
                date: formatDay(release.releasedAt.slice(0, 10), locale),
              })}
            </option>
          ))}
          {live && <option value="live">{t('protection.stats.viewLive')}</option>}
        </SelectField>
        <SelectField label={t('protection.stats.rows')} value={draft.rows} onChange={(rows) => change({ rows: rows as StatDimension })}>
          {dimensions.map((dimension) => (
            <option key={dimension} value={dimension}>
              {label(dimension)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('protection.stats.columns')}
          optional
          value={draft.columns}
          onChange={(columns) => change({ columns: columns as StatDimension | '' })}
        >
          <option value="">{t('protection.stats.noColumns')}</option>
          {dimensions
            .filter((dimension) => dimension !== draft.rows)
            .map((dimension) => (
              <option key={dimension} value={dimension}>
                {label(dimension)}
              </option>
            ))}
        </SelectField>
      </div>
      {draft.programme === 'misconduct' && (
        <fieldset className="stats-count">
          <legend>{t('protection.stats.count')}</legend>
          {COUNTS.map((count) => (
            <label key={count} className="radio">
              <input type="radio" name={countName} value={count} checked={draft.count === count} onChange={() => change({ count })} />
              {t(`protection.stats.counts.${count}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary">
          {t('protection.stats.apply')}
        </button>
      </div>
    </form>
  );
}

/** The table as the server returned it (its own programme, period and breakdowns), its unit of count, legend and CSV. */
function StatsResult({ table, vocabulary }: { table: ProtectionStats; vocabulary: ProtectionVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const quarterLabel = useQuarterLabel();
  const unit = table.unitOfCount as UnitOfCount;
  const dimension = (code: string) => termLabel(vocabulary.statDimensions, code) ?? code;
  const lower = (text: string) => text.toLocaleLowerCase(locale);
  const period = table.quarter === null ? t('protection.stats.livePeriod', { year: table.year }) : quarterLabel(table.quarter, table.year);
  const caption = t(table.columns ? 'protection.stats.captionTwo' : 'protection.stats.captionOne', {
    unit: t(`protection.stats.units.${unit}`),
    rows: lower(dimension(table.rows.dimension)),
    columns: table.columns ? lower(dimension(table.columns.dimension)) : '',
    programme: termLabel(vocabulary.programmes, table.programme),
    year: period,
  });
  const breakdowns = { rows: table.rows.dimension as StatDimension, columns: (table.columns?.dimension as StatDimension) ?? undefined };
  const csv = table.release
    ? protectionReleaseCsvUrl(table.release.id, breakdowns, locale)
    : protectionStatsCsvUrl(
        {
          programme: table.programme,
          year: table.year,
          ...breakdowns,
          count: table.programme === 'misconduct' ? (unit === 'individuals' ? 'individuals' : 'allegations') : undefined,
        },
        locale,
      );
  const total =
    table.total === null
      ? t('protection.stats.totalSuppressed')
      : t(`protection.stats.counted.${unit}`, { count: table.total, n: formatCount(table.total, locale) });

  return (
    <>
      {table.release ? (
        <p className="alert alert-info">
          {t('protection.stats.releasedNote', { date: formatDay(table.release.releasedAt.slice(0, 10), locale) })}
        </p>
      ) : (
        <div className="alert stats-live" role="note">
          <p>
            <strong>{t('protection.stats.liveTitle')}</strong>
          </p>
          <p>{t('protection.stats.liveWarning')}</p>
        </div>
      )}
      <p aria-live="polite" className="stats-summary">
        <strong>{total}</strong>
        <span className="stats-summary-suppressed">
          {t('protection.stats.suppressedCells', { count: table.suppressed, n: formatCount(table.suppressed, locale) })}
        </span>
      </p>
      <p>
        <strong>{t('protection.stats.unitOfCount')}</strong> {t(`protection.stats.unitHints.${unit}`)}
      </p>
      <ProtectionStatsTable
        table={table}
        caption={caption}
        rowsLabel={dimension(table.rows.dimension)}
        countLabel={t(`protection.stats.units.${unit}`)}
      />
      <p className="hint stats-legend">
        {t('protection.stats.legend', { marker: t('protection.stats.suppressed'), k: formatCount(table.minCell, locale) })}
      </p>
      <p className="stats-download">
        <a href={csv} download className="button-secondary">
          {t('protection.stats.csv')}
        </a>
      </p>
    </>
  );
}

/** The released quarters of the chosen programme and year, each a link to its tables. */
function ReleaseList({
  choice,
  releases,
  vocabulary,
}: {
  choice: StatsChoice;
  releases: readonly ProtectionStatsRelease[];
  vocabulary: ProtectionVocabulary;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const quarterLabel = useQuarterLabel();
  const mine = releases.filter((r) => r.programme === choice.programme && r.year === choice.year).sort((a, b) => a.quarter - b.quarter);
  if (mine.length === 0) return <p>{t('protection.stats.releasesNone', { year: choice.year })}</p>;
  return (
    <ScrollingTable
      caption={t('protection.stats.releasesCaption', { year: choice.year, programme: termLabel(vocabulary.programmes, choice.programme) })}
    >
      <thead>
        <tr>
          <th scope="col">{t('protection.stats.releasesQuarter')}</th>
          <th scope="col">{t('protection.stats.releasesCount')}</th>
          <th scope="col">{t('protection.stats.releasesAt')}</th>
        </tr>
      </thead>
      <tbody>
        {mine.map((release) => {
          const count: Count = release.unitOfCount === 'individuals' ? 'individuals' : 'allegations';
          const href = statsHref({ ...choice, view: `q${release.quarter}` as View, count });
          return (
            <tr key={release.id}>
              <th scope="row">
                <Link to={href}>{quarterLabel(release.quarter, release.year)}</Link>
              </th>
              <td>{t(`protection.stats.units.${release.unitOfCount as UnitOfCount}`)}</td>
              <td>{formatDay(release.releasedAt.slice(0, 10), locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollingTable>
  );
}

/** For the unit's managers: release one closed quarter of the chosen programme, year and unit of count, once. */
function ReleaseForm({
  choice,
  releases,
  onReleased,
}: {
  choice: StatsChoice;
  releases: readonly ProtectionStatsRelease[];
  onReleased: (quarter: number) => void;
}) {
  const { t } = useTranslation();
  const quarterLabel = useQuarterLabel();
  const today = new Date().toISOString().slice(0, 10);
  // A quarter has ended once the day after its last day has come.
  const closed = [1, 2, 3, 4].filter((q) => new Date(Date.UTC(choice.year, q * 3, 1)).toISOString().slice(0, 10) <= today);
  const open = closed.filter((q) => !releaseOf(releases, choice, q));
  const [quarter, setQuarter] = useState(open[0] ?? 0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = open.includes(quarter) ? quarter : (open[0] ?? 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await releaseQuarter({
        programme: choice.programme,
        year: choice.year,
        quarter: chosen,
        count: choice.programme === 'misconduct' ? choice.count : undefined,
      });
      onReleased(chosen);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (open.length === 0) return <p>{t('protection.stats.releaseNothing', { year: choice.year })}</p>;
  return (
    <form className="form" onSubmit={submit}>
      <p className="hint">{t('protection.stats.releaseHint')}</p>
      <ProblemAlert problem={problem} />
      <SelectField label={t('protection.stats.releaseQuarter')} value={String(chosen)} onChange={(q) => setQuarter(Number(q))}>
        {open.map((q) => (
          <option key={q} value={q}>
            {quarterLabel(q, choice.year)}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('protection.stats.releaseSubmit')}
        </button>
      </div>
    </form>
  );
}

/**
 * « Statistiques de protection » (`/protection/statistiques`): de-identified counts of one
 * programme, by one or two breakdowns. Every signed-in member reads the released quarters, each
 * frozen when a manager of the unit released it; the unit's managers also read the year's live
 * counts, marked as not for publication, and release closed quarters. The server suppresses
 * small cells, and others so that no small one can be rebuilt; the page shows them as such,
 * never as a bound.
 */
export function ProtectionStatsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const quarterLabel = useQuarterLabel();
  const { search } = useLocation();
  const fromSearch = searchChoice(search);
  const vocabulary = useProtectionVocabulary();
  const releases = useLoaded(protectionStatsQueries.releases());
  const latest = useLoaded(protectionStatsQueries.latest(fromSearch.programme));
  const [notice, setNotice] = useState<string | null>(null);

  // Without a year in the address, the latest year with data the reader may see (this year if none).
  const year =
    fromSearch.year ?? (latest.status === 'done' ? (latest.data.year ?? lastYear()) : latest.status === 'failed' ? lastYear() : null);
  const asked = year === null ? null : { ...fromSearch, year };
  const loaded = both(vocabulary, releases);
  const ready = loaded.status === 'done' && asked ? loaded.data : null;
  const choice = ready && asked ? validChoice(asked, ready[1].items, managesProgramme(me, ready[0], asked.programme)) : null;
  const release =
    choice && ready && choice.view !== 'live' && choice.view !== ''
      ? releaseOf(ready[1].items, choice, Number(choice.view.slice(1)))
      : undefined;
  const href = choice ? statsHref(choice) : '';
  const breakdowns = choice ? { rows: choice.rows, columns: choice.columns || undefined } : null;
  const tableChoice: StatsTableChoice =
    !choice || !breakdowns
      ? { view: 'none' }
      : choice.view === 'live'
        ? {
            view: 'live',
            query: {
              programme: choice.programme,
              year: choice.year,
              ...breakdowns,
              count: choice.programme === 'misconduct' ? choice.count : undefined,
            },
          }
        : release
          ? { view: 'release', id: release.id, query: breakdowns }
          : { view: 'none' };
  const table = useLoaded(protectionStatsQueries.table(tableChoice, locale));

  const released = (quarter: number) => {
    if (!choice) return;
    setNotice(t('protection.stats.released', { quarter: quarterLabel(quarter, choice.year) }));
    navigate(statsHref({ ...choice, view: `q${quarter}` as View }));
  };

  return (
    <Page title={t('protection.stats.title')}>
      {me?.may.useProtection && (
        <p className="back-link">
          <Link to="/protection">{t('protection.back')}</Link>
        </p>
      )}
      <p className="lead">{t('protection.stats.intro')}</p>
      {notice && (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      )}
      <Card title={t('protection.stats.formTitle')} wide>
        <Show loaded={loaded}>
          {([vocab, list]) =>
            choice && <StatsForm key={`${href}|${list.items.length}`} choice={choice} vocabulary={vocab} releases={list.items} me={me} />
          }
        </Show>
      </Card>
      <Card title={t('protection.stats.tableTitle')} wide>
        <div aria-busy={table.pending}>
          <Show loaded={both(table, vocabulary)}>
            {([data, vocab]) =>
              data ? (
                <StatsResult table={data} vocabulary={vocab} />
              ) : (
                <p>{t('protection.stats.noRelease', { year: choice?.year ?? DEFAULT_YEAR })}</p>
              )
            }
          </Show>
        </div>
      </Card>
      {ready && choice && (
        <Card title={t('protection.stats.releasesTitle', { year: choice.year })} wide>
          <ReleaseList choice={choice} releases={ready[1].items} vocabulary={ready[0]} />
        </Card>
      )}
      {ready && choice && managesProgramme(me, ready[0], choice.programme) && (
        <Card title={t('protection.stats.releaseTitle')} wide>
          <ReleaseForm
            key={`${choice.programme}|${choice.year}|${choice.count}|${ready[1].items.length}`}
            choice={choice}
            releases={ready[1].items}
            onReleased={released}
          />
        </Card>
      )}
    </Page>
  );
}
