import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { STRENGTH_CATEGORIES, type StrengthCategory, type StrengthSnapshot } from '../../../src/contracts/strength.js';
import { useLoaded } from '../api/queries.js';
import { type StrengthContributor, type StrengthSummaryRow, strengthQueries } from '../api/strength.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { StrengthEntryForm } from '../components/StrengthEntryForm.js';
import { StrengthImportForm } from '../components/StrengthImportForm.js';
import { Count, Day, NoValue, Percent } from '../components/StrengthValues.js';
import { formatCount, formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { useReopenedRecord } from '../offline/useOutboxRecords.js';
import { categoryTotals, newestFirst } from '../strength.js';

/** Latest authorised and deployed strength per category, with the shares the server computed. */
function SummaryTable({ rows }: { rows: readonly StrengthSummaryRow[] }) {
  const { t } = useTranslation();
  const ordered = [...rows].sort((a, b) => STRENGTH_CATEGORIES.indexOf(a.category) - STRENGTH_CATEGORIES.indexOf(b.category));
  if (ordered.length === 0) return <p>{t('strength.summaryEmpty')}</p>;
  return (
    <>
      <ScrollingTable caption={t('strength.summaryCaption')} className="strength-table" cards={false}>
        <thead>
          <tr>
            <th scope="col">{t('strength.category')}</th>
            <th scope="col">{t('strength.asOf')}</th>
            <th scope="col" className="numeric">
              {t('strength.authorised')}
            </th>
            <th scope="col" className="numeric">
              {t('strength.deployed')}
            </th>
            <th scope="col" className="numeric">
              {t('strength.deployedShare')}
            </th>
            <th scope="col" className="numeric">
              {t('strength.women')}
            </th>
            <th scope="col" className="numeric">
              {t('strength.womenShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((row) => (
            <tr key={row.category}>
              <th scope="row">{t(`strength.categories.${row.category}`)}</th>
              <td className="nowrap">
                <Day value={row.asOf} />
              </td>
              <td className="numeric">
                <Count value={row.authorised} />
              </td>
              <td className="numeric">
                <Count value={row.deployed} />
              </td>
              <td className="numeric">
                <Percent value={row.deployedShare} />
              </td>
              <td className="numeric">
                <Count value={row.women} />
              </td>
              <td className="numeric">
                <Percent value={row.womenShare} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      <p className="hint">{t('strength.sharesNote')}</p>
    </>
  );
}

/** On a phone the chart keeps a readable size and scrolls sideways in its own region, as tables do. */
function ChartRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard.
    <section className="chart-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/**
 * The server's SVG chart of one category; its text alternative states the same figures. The SVG is
 * fetched and shown from a data: address (allowed by the CSP) rather than by its own address: the
 * browser keeps an image for the page's lifetime, and the chart must change after a figure is
 * recorded or imported, or when its reader signs out.
 */
function HistoryChart({ snapshots, reader }: { snapshots: readonly StrengthSnapshot[]; reader: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [category, setCategory] = useState<StrengthCategory>('military');
  const totals = categoryTotals(snapshots, category);
  const drawn = totals.length > 0;
  const svg = useLoaded({ ...strengthQueries.chart(category, locale, reader), enabled: drawn });
  const count = (value: number | null) => (value === null ? t('strength.noValue') : formatCount(value, locale));
  const alt = t('strength.chartAlt', {
    category: t(`strength.categories.${category}`),
    points: totals
      .map((point) =>
        t('strength.chartPoint', {
          date: formatDay(point.asOf, locale),
          authorised: count(point.authorised),
          deployed: count(point.deployed),
        }),
      )
      .join(' ; '),
  });

  return (
    <>
      <SelectField label={t('strength.chartCategory')} value={category} onChange={(value) => setCategory(value as StrengthCategory)}>
        {STRENGTH_CATEGORIES.map((option) => (
          <option key={option} value={option}>
            {t(`strength.categories.${option}`)}
          </option>
        ))}
      </SelectField>
      {drawn ? (
        <Show loaded={svg}>
          {(text) => (
            <ChartRegion label={t('strength.chartRegion', { category: t(`strength.categories.${category}`) })}>
              <img
                className="strength-chart"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`}
                alt={alt}
                width={640}
                height={280}
              />
            </ChartRegion>
          )}
        </Show>
      ) : (
        <p className="chart-empty">{t('strength.chartEmpty')}</p>
      )}
    </>
  );
}

/** The countries contributing personnel, per category, named in the interface language. */
function Contributors({ contributors }: { contributors: readonly StrengthContributor[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const groups = STRENGTH_CATEGORIES.map((category) => ({
    category,
    countries: contributors.filter((contributor) => contributor.category === category),
  })).filter((group) => group.countries.length > 0);
  if (groups.length === 0) return <p>{t('strength.contributorsEmpty')}</p>;
  return (
    <>
      {groups.map(({ category, countries }) => (
        <div key={category} className="contributor-group">
          <h3>
            {t('strength.contributorsGroup', {
              category: t(`strength.categories.${category}`),
              count: countries.length,
              date: formatDay(countries[0]?.asOf ?? '', locale),
            })}
          </h3>
          <ul className="contributor-list">
            {countries.map((country) => (
              <li key={country.country}>{country.name}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** Every snapshot the reader may see, newest first. */
function SnapshotTable({ snapshots, countryNames }: { snapshots: readonly StrengthSnapshot[]; countryNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  if (snapshots.length === 0) return <p>{t('strength.snapshotsEmpty')}</p>;
  return (
    <ScrollingTable caption={t('strength.snapshotsCaption', { count: snapshots.length })} className="strength-table snapshot-table">
      <thead>
        <tr>
          <th scope="col">{t('strength.asOf')}</th>
          <th scope="col">{t('strength.category')}</th>
          <th scope="col">{t('strength.country')}</th>
          <th scope="col">{t('strength.sex')}</th>
          <th scope="col">{t('strength.location')}</th>
          <th scope="col" className="numeric">
            {t('strength.authorised')}
          </th>
          <th scope="col" className="numeric">
            {t('strength.deployed')}
          </th>
          <th scope="col">{t('strength.classification')}</th>
          <th scope="col">{t('strength.source')}</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst(snapshots).map((snapshot) => (
          <tr key={snapshot.id}>
            <td className="nowrap">
              <Day value={snapshot.asOf} />
            </td>
            <td>{t(`strength.categories.${snapshot.category}`)}</td>
            <td>
              {snapshot.country === null ? (
                <span className="all-value">{t('strength.allCountries')}</span>
              ) : (
                <span title={snapshot.country}>{countryNames.get(snapshot.country) ?? snapshot.country}</span>
              )}
            </td>
            <td className="nowrap">{t(`strength.sexes.${snapshot.sex}`)}</td>
            <td>{snapshot.location ?? <span className="all-value">{t('strength.allLocations')}</span>}</td>
            <td className="numeric">
              <Count value={snapshot.authorised} />
            </td>
            <td className="numeric">
              <Count value={snapshot.deployed} />
            </td>
            <td>
              <span className={`tag tag-${snapshot.classification}`}>{t(`strength.classifications.${snapshot.classification}`)}</span>
            </td>
            <td>{snapshot.source ?? <NoValue />}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Effectifs »: authorised and deployed personnel per category, over time, and the contributing
 * countries. Public figures without an account; signed-in staff see the internal ones too, and the
 * officers and managers of the reporting units record figures and import files.
 */
export function StrengthPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // What may be read depends on who asks: a sign-out on this page fetches the public figures again.
  const reader = me?.id ?? '';
  // Recording or importing figures makes all of these stale: they are read again.
  const summary = useLoaded(strengthQueries.summary(reader));
  const snapshots = useLoaded(strengthQueries.snapshots(reader));
  // Country names come in the interface language.
  const contributors = useLoaded(strengthQueries.contributors(locale));
  const [first, ...others] = me?.may.recordStrength ?? [];
  // `?outbox=<key>`: a snapshot the server refused while it waited on this device, opened again to be fixed.
  const reopened = useReopenedRecord('strength');

  const countryNames = new Map(contributors.status === 'done' ? contributors.data.contributors.map((c) => [c.country, c.name]) : []);

  return (
    <Page title={t('strength.title')}>
      <p className="lead">{t('strength.intro')}</p>
      <p className="hint">{me ? t('strength.signedInNote') : t('strength.publicNote')}</p>
      <Card title={t('strength.summaryTitle')} wide>
        <Show loaded={summary}>{(data) => <SummaryTable rows={data.rows} />}</Show>
      </Card>
      <Card title={t('strength.chartTitle')} wide>
        <Show loaded={snapshots}>{(data) => <HistoryChart snapshots={data.snapshots} reader={reader} />}</Show>
      </Card>
      <Card title={t('strength.contributorsTitle')} wide>
        <Show loaded={contributors}>{(data) => <Contributors contributors={data.contributors} />}</Show>
      </Card>
      {first && (
        <>
          <Card title={t('strength.entry.title')} wide>
            <p className="hint">
              {t('strength.entry.intro', { categories: [first, ...others].map((c) => t(`strength.categories.${c}`)).join(', ') })}
            </p>
            {reopened !== undefined && <StrengthEntryForm key={reopened?.key} categories={[first, ...others]} reopened={reopened} />}
          </Card>
          <Card title={t('strength.import.title')} wide>
            <StrengthImportForm categories={[first, ...others]} />
          </Card>
        </>
      )}
      <Card title={t('strength.snapshotsTitle')} wide>
        <Show loaded={snapshots}>{(data) => <SnapshotTable snapshots={data.snapshots} countryNames={countryNames} />}</Show>
      </Card>
    </Page>
  );
}
