import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { PROGRAMMES, type Programme, type StatDimension } from '../../../src/contracts/protection.js';
import {
  type ProtectionStats,
  type ProtectionStatsQuery,
  type ProtectionVocabulary,
  protectionApi,
  protectionStatsCsvUrl,
} from '../api.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionStatsTable } from '../components/ProtectionStatsTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { both, useLoad } from '../load.js';
import { mayUseProtection, PROGRAMME_STAT_DIMENSIONS, termLabel } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';

const PATH = '/protection/statistiques';
/** The mission's first year (resolution 2100 (2013)); the reference data are of 2020. */
const FIRST_YEAR = 2013;
const DEFAULT_YEAR = 2020;
const COUNTS = ['allegations', 'individuals'] as const;
type Count = (typeof COUNTS)[number];
type UnitOfCount = 'verified_violations' | 'allegations' | 'individuals' | 'survivors';

/** The table asked for, as the address holds it; `columns` empty for a one-way table. */
interface StatsChoice {
  programme: Programme;
  year: number;
  rows: StatDimension;
  columns: StatDimension | '';
  count: Count;
}

function lastYear(): number {
  return Math.max(new Date().getFullYear(), DEFAULT_YEAR);
}

/** A choice the server accepts: each breakdown one of the programme's, the columns other than the rows. */
function validChoice(choice: { programme: Programme; year: number; rows: string; columns: string; count: string }): StatsChoice {
  const dimensions: readonly string[] = PROGRAMME_STAT_DIMENSIONS[choice.programme];
  const rows = (dimensions.includes(choice.rows) ? choice.rows : 'region') as StatDimension;
  const columns = (dimensions.includes(choice.columns) && choice.columns !== rows ? choice.columns : '') as StatDimension | '';
  const count: Count = choice.programme === 'misconduct' && choice.count === 'individuals' ? 'individuals' : 'allegations';
  return { programme: choice.programme, year: choice.year, rows, columns, count };
}

function choiceFromSearch(search: URLSearchParams): StatsChoice {
  const programme = search.get('programme') ?? '';
  const year = Number(search.get('year'));
  return validChoice({
    programme: (PROGRAMMES as readonly string[]).includes(programme) ? (programme as Programme) : 'human_rights',
    year: Number.isInteger(year) && year >= FIRST_YEAR && year <= lastYear() ? year : DEFAULT_YEAR,
    rows: search.get('rows') ?? '',
    columns: search.get('columns') ?? '',
    count: search.get('count') ?? '',
  });
}

function queryOf(choice: StatsChoice): ProtectionStatsQuery {
  return {
    programme: choice.programme,
    year: choice.year,
    rows: choice.rows,
    columns: choice.columns || undefined,
    count: choice.programme === 'misconduct' ? choice.count : undefined,
  };
}

/** The page's address for a table: shareable, and the back button walks through the tables asked for. */
function statsHref(choice: StatsChoice): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(queryOf(choice))) if (value !== undefined) search.set(key, String(value));
  return `${PATH}?${search.toString()}`;
}

function StatsForm({ choice, vocabulary }: { choice: StatsChoice; vocabulary: ProtectionVocabulary }) {
  const { t } = useTranslation();
  const countName = useId();
  const [draft, setDraft] = useState(choice);
  const change = (next: Partial<StatsChoice>) => setDraft((previous) => validChoice({ ...previous, ...next }));
  const dimensions = PROGRAMME_STAT_DIMENSIONS[draft.programme];
  const label = (dimension: StatDimension) => termLabel(vocabulary.statDimensions, dimension) ?? dimension;
  const years = Array.from({ length: lastYear() - FIRST_YEAR + 1 }, (_, i) => lastYear() - i);

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
          onChange={(programme) => change({ programme: programme as Programme })}
        >
          {vocabulary.programmes.map((programme) => (
            <option key={programme.code} value={programme.code}>
              {programme.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('protection.stats.year')} value={String(draft.year)} onChange={(year) => change({ year: Number(year) })}>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
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

/** The table as the server returned it (its own programme, year and breakdowns), its unit of count, legend and CSV. */
function StatsResult({ table, vocabulary }: { table: ProtectionStats; vocabulary: ProtectionVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const unit = table.unitOfCount as UnitOfCount;
  const dimension = (code: string) => termLabel(vocabulary.statDimensions, code) ?? code;
  const lower = (text: string) => text.toLocaleLowerCase(locale);
  const caption = t(table.columns ? 'protection.stats.captionTwo' : 'protection.stats.captionOne', {
    unit: t(`protection.stats.units.${unit}`),
    rows: lower(dimension(table.rows.dimension)),
    columns: table.columns ? lower(dimension(table.columns.dimension)) : '',
    programme: termLabel(vocabulary.programmes, table.programme),
    year: table.year,
  });
  const query = validChoice({
    programme: table.programme,
    year: table.year,
    rows: table.rows.dimension,
    columns: table.columns?.dimension ?? '',
    count: unit === 'individuals' ? 'individuals' : 'allegations',
  });
  const total =
    table.total === null
      ? t('protection.stats.totalSuppressed')
      : t(`protection.stats.counted.${unit}`, { count: table.total, n: formatCount(table.total, locale) });

  return (
    <>
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
        <a href={protectionStatsCsvUrl(queryOf(query), locale)} download className="button-secondary">
          {t('protection.stats.csv')}
        </a>
      </p>
    </>
  );
}

/**
 * « Statistiques de protection » (`/protection/statistiques`): de-identified counts of one
 * programme and year, by one or two breakdowns, for any signed-in member. The server suppresses
 * small cells, and others so that no small one can be rebuilt; the page shows them as such,
 * never as a bound.
 */
export function ProtectionStatsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const choice = choiceFromSearch(search);
  const href = statsHref(choice);
  const vocabulary = useLoad(protectionApi.vocabulary, locale);
  const table = useLoad(() => protectionApi.stats(queryOf(choice)), `${href}|${locale}`);

  return (
    <Page title={t('protection.stats.title')}>
      {mayUseProtection(me) && (
        <p className="back-link">
          <Link to="/protection">{t('protection.back')}</Link>
        </p>
      )}
      <p className="lead">{t('protection.stats.intro')}</p>
      <Card title={t('protection.stats.formTitle')} wide>
        <Show loaded={vocabulary}>{(vocab) => <StatsForm key={href} choice={choice} vocabulary={vocab} />}</Show>
      </Card>
      <Card title={t('protection.stats.tableTitle')} wide>
        <div aria-busy={table.pending}>
          <Show loaded={both(table, vocabulary)}>{([data, vocab]) => <StatsResult table={data} vocabulary={vocab} />}</Show>
        </div>
      </Card>
    </Page>
  );
}
