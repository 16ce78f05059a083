import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { CATEGORIES, STATUSES } from '../../../src/contracts/justice.js';
import { queryString, toProblem } from '../api/client.js';
import type { MapCluster } from '../api/incidents.js';
import { type Facility, type FacilityFilter, type JusticeVocabulary, justiceApi, justiceQueries } from '../api/justice.js';
import { type MapPlace, mapQueries } from '../api/map.js';
import { both, useLoaded } from '../api/queries.js';
import { choroplethClasses } from '../choropleth.js';
import { Card } from '../components/Card.js';
import { CheckboxField, SelectField, TextField } from '../components/fields.js';
import { StatusLabel } from '../components/JusticeStatus.js';
import { MaliMap } from '../components/MaliMap.js';
import { Page } from '../components/Page.js';
import { fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

const FILTERS = ['category', 'kind', 'region', 'status'] as const;
const NO_PLACES: readonly MapPlace[] = [];
const noop = () => {};

function filterFrom(search: URLSearchParams): FacilityFilter {
  return Object.fromEntries(FILTERS.map((key) => [key, search.get(key) || undefined]));
}

function FacilityTable({ facilities }: { facilities: readonly Facility[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (facilities.length === 0) return <p>{t('justice.empty')}</p>;
  return (
    <ScrollingTable caption={t('justice.listCaption')} className="justice-table">
      <thead>
        <tr>
          <th scope="col">{t('justice.name')}</th>
          <th scope="col">{t('justice.kind')}</th>
          <th scope="col">{t('justice.region')}</th>
          <th scope="col">{t('justice.latestStatus')}</th>
          <th scope="col">{t('justice.computerisedShort')}</th>
        </tr>
      </thead>
      <tbody>
        {facilities.map((f) => (
          <tr key={f.id}>
            <th scope="row">
              <Link to={`/justice/${f.id}`}>{f.name}</Link>
            </th>
            <td>{f.kindName}</td>
            <td>
              {f.regionName}
              {f.cercleName && <span className="hint"> — {f.cercleName}</span>}
            </td>
            <td>
              <StatusLabel latest={f.latest} />
              {f.latest && <span className="hint"> ({formatDay(f.latest.assessedOn, locale)})</span>}
            </td>
            <td>{f.category === 'prison' ? (f.computerised ? t('justice.yes') : t('justice.no')) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The facilities on the map: one marker each, ringed when functional or partly functional. */
function FacilityMap({ facilities }: { facilities: readonly Facility[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const help = useId();
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const byId = useMemo(() => new Map(facilities.map((f) => [f.id, f])), [facilities]);
  const clusters = useMemo<MapCluster[]>(
    () =>
      facilities.map((f) => ({
        latitude: f.latitude,
        longitude: f.longitude,
        count: 1,
        verified: f.latest && f.latest.status !== 'not_functional' ? 1 : 0,
        ref: f.id,
        incident: null,
      })),
    [facilities],
  );
  const cercleCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of facilities) if (f.cercle) counts.set(f.cercle, (counts.get(f.cercle) ?? 0) + 1);
    return counts;
  }, [facilities]);
  const classes = useMemo(() => choroplethClasses(Math.max(0, ...cercleCounts.values())), [cercleCounts]);
  const markerLabel = useCallback(
    (cluster: MapCluster) => {
      const f = cluster.ref ? byId.get(cluster.ref) : undefined;
      return f
        ? t('justice.markerLabel', { name: f.name, status: f.latest ? t(`justice.statuses.${f.latest.status}`) : t('justice.notAssessed') })
        : '';
    },
    [byId, t],
  );
  const cercleLabel = useCallback(
    (name: string, count: number) => t('justice.cercleTooltip', { name, count, formatted: formatCount(count, locale) }),
    [t, locale],
  );
  return (
    <div className="incident-map-frame">
      <MaliMap
        cercleCounts={cercleCounts}
        classes={classes}
        clusters={clusters}
        places={places.status === 'done' ? places.data : NO_PLACES}
        baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
        onViewChange={noop}
        onOpenGroup={noop}
        renderPreview={(cluster) => {
          const f = cluster.ref ? byId.get(cluster.ref) : undefined;
          if (!f) return null;
          return (
            <div className="map-preview">
              <p>
                <strong>{f.name}</strong>
                <br />
                {f.kindName} — <StatusLabel latest={f.latest} />
              </p>
              <Link to={`/justice/${f.id}`}>{t('justice.open')}</Link>
            </div>
          );
        }}
        label={t('justice.mapLabel')}
        describedBy={help}
        markerLabel={markerLabel}
        cercleLabel={cercleLabel}
      />
      <p id={help} className="hint">
        {t('justice.mapKeyboard')}
      </p>
    </div>
  );
}

/** Enters a court or a prison, placed by the gazetteer or by coordinates inside Mali. */
function FacilityForm({ vocabulary }: { vocabulary: JusticeVocabulary }) {
  const { t } = useTranslation();
  const listId = useId();
  const [draft, setDraft] = useState({
    kind: 'court_first_instance',
    name: '',
    jurisdiction: '',
    place: '',
    latitude: '',
    longitude: '',
    computerised: false,
    computerisedSince: '',
    classification: 'internal',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const prison = vocabulary.kinds.find((k) => k.code === draft.kind)?.category === 'prison';
  const labels = {
    kind: t('justice.kind'),
    name: t('justice.name'),
    jurisdiction: t('justice.jurisdiction'),
    place: t('justice.place'),
    latitude: t('justice.latitude'),
    longitude: t('justice.longitude'),
    computerised: t('justice.computerised'),
    computerisedSince: t('justice.computerisedSince'),
  };
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await justiceApi.createFacility({
        kind: draft.kind as never,
        name: draft.name,
        jurisdiction: draft.jurisdiction || null,
        place: draft.place || null,
        latitude: number(draft.latitude),
        longitude: number(draft.longitude),
        computerised: prison && draft.computerised,
        computerisedSince: prison && draft.computerised && draft.computerisedSince ? draft.computerisedSince : null,
        classification: draft.classification as 'internal' | 'public',
      });
      navigate(`/justice/${created.id}`);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <SelectField label={labels.kind} value={draft.kind} onChange={set('kind')} error={fieldError(problem, 'kind')}>
          {vocabulary.kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </SelectField>
        <TextField label={labels.name} required value={draft.name} onChange={set('name')} error={fieldError(problem, 'name')} />
      </div>
      <TextField
        label={labels.jurisdiction}
        optional
        value={draft.jurisdiction}
        onChange={set('jurisdiction')}
        error={fieldError(problem, 'jurisdiction')}
      />
      <div className="form-row">
        <TextField
          label={labels.place}
          hint={t('justice.placeHint')}
          list={listId}
          value={draft.place}
          onChange={set('place')}
          error={fieldError(problem, 'place')}
        />
        <datalist id={listId}>
          {vocabulary.places.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <TextField
          label={labels.latitude}
          optional
          inputMode="decimal"
          hint={t('justice.coordinatesHint')}
          value={draft.latitude}
          onChange={set('latitude')}
          error={fieldError(problem, 'latitude')}
        />
        <TextField
          label={labels.longitude}
          optional
          inputMode="decimal"
          value={draft.longitude}
          onChange={set('longitude')}
          error={fieldError(problem, 'longitude')}
        />
      </div>
      {prison && (
        <div className="form-row">
          <CheckboxField
            label={labels.computerised}
            checked={draft.computerised}
            onChange={(checked) => setDraft((d) => ({ ...d, computerised: checked }))}
          />
          {draft.computerised && (
            <TextField
              type="date"
              label={labels.computerisedSince}
              optional
              value={draft.computerisedSince}
              onChange={set('computerisedSince')}
              error={fieldError(problem, 'computerisedSince')}
            />
          )}
        </div>
      )}
      <SelectField label={t('justice.classification')} value={draft.classification} onChange={set('classification')}>
        <option value="internal">{t('justice.classifications.internal')}</option>
        <option value="public">{t('justice.classifications.public')}</option>
      </SelectField>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('justice.create')}
      </button>
    </form>
  );
}

/**
 * « Tribunaux et prisons »: the courts and prisons the reader may see, filtered by the address's
 * query string, as a table and on the map, with the CSV export; the section's officers enter new ones.
 */
export function JusticePage({ reader }: { reader: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const filter = filterFrom(search);
  const loaded = both(useLoaded(justiceQueries.vocabulary(locale)), useLoaded(justiceQueries.facilities(reader, locale, filter)));
  const set = (key: (typeof FILTERS)[number], value: string) =>
    navigate(`${pathname}${queryString({ ...filter, [key]: value || undefined })}`);
  return (
    <Page title={t('justice.title')}>
      <p className="lead">{t('justice.intro')}</p>
      <p>
        <Link to="/justice/tableau">{t('justice.dashboardLink')}</Link>
      </p>
      <Show loaded={loaded}>
        {([vocabulary, list]) => (
          <>
            <Card title={t('justice.filters')} wide>
              <div className="project-filters">
                <SelectField label={t('justice.category')} value={filter.category ?? ''} onChange={(v) => set('category', v)}>
                  <option value="">{t('justice.all')}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`justice.categories.${c}`)}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('justice.kind')} value={filter.kind ?? ''} onChange={(v) => set('kind', v)}>
                  <option value="">{t('justice.all')}</option>
                  {vocabulary.kinds.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('justice.region')} value={filter.region ?? ''} onChange={(v) => set('region', v)}>
                  <option value="">{t('justice.all')}</option>
                  {vocabulary.regions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('justice.latestStatus')} value={filter.status ?? ''} onChange={(v) => set('status', v)}>
                  <option value="">{t('justice.all')}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`justice.statuses.${s}`)}
                    </option>
                  ))}
                  <option value="unassessed">{t('justice.unassessed')}</option>
                </SelectField>
              </div>
              <p>
                <a href={`/api/justice/facilities.csv${queryString({ ...filter, lang: locale })}`} download>
                  {t('justice.export')}
                </a>
              </p>
            </Card>
            <FacilityMap facilities={list.facilities} />
            <Card title={t('justice.listCaption')} wide>
              <FacilityTable facilities={list.facilities} />
            </Card>
            {list.may.create && (
              <Card title={t('justice.newTitle')} wide>
                <FacilityForm vocabulary={vocabulary} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
