import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentStats, IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { incidentQueries, type MapCluster, useIncidentVocabulary } from '../api/incidents.js';
import { type MapPlace, mapQueries } from '../api/map.js';
import { both, useLoaded } from '../api/queries.js';
import { choroplethClasses } from '../choropleth.js';
import { Card } from '../components/Card.js';
import { IncidentFilterForm } from '../components/IncidentFilterForm.js';
import { IncidentCounts, IncidentPageLinks, RegionCounts } from '../components/IncidentSummaries.js';
import { MaliMap, MapLegend, type MapView } from '../components/MaliMap.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { Day } from '../components/StrengthValues.js';
import { useIncidentFilter, withFilter } from '../incidentFilter.js';
import { type VocabularyLabels, vocabularyLabels } from '../incidents.js';
import { Link, navigate } from '../router.js';

/**
 * One incident's marker, before leaving the map: what the map's answer holds of it (the fields the
 * list shows the same reader), labelled with the vocabulary, and a link to its record.
 */
function IncidentPreview({ cluster, labels, onClose }: { cluster: MapCluster; labels: VocabularyLabels | null; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = cluster.ref ?? '';
  const incident = cluster.incident;
  const place = incident && (incident.place ?? labels?.cercle(incident.cercle) ?? labels?.region(incident.region) ?? incident.region);
  const region = incident && (labels?.region(incident.region) ?? incident.region);
  const category = incident && (labels?.category(incident.category) ?? labels?.eventType(incident.eventType) ?? incident.eventType);
  return (
    <div className="incident-preview" role="dialog" aria-labelledby={titleId}>
      <p className="incident-preview-ref">
        {ref} · {t(cluster.verified > 0 ? 'incidentMap.previewVerified' : 'incidentMap.previewCandidate')}
      </p>
      <h2 id={titleId} className="incident-preview-title">
        {incident?.title ?? ref}
      </h2>
      {incident && (
        <dl className="incident-preview-facts">
          <dt>{t('incidentMap.previewDate')}</dt>
          <dd>
            <Day value={incident.occurredOn} />
            {incident.datePrecision !== 'day' && <> ({t(`incidents.datePrecisions.${incident.datePrecision}`)})</>}
          </dd>
          <dt>{t('incidentMap.previewCategory')}</dt>
          <dd>{category}</dd>
          <dt>{t('incidentMap.previewPlace')}</dt>
          <dd>{place === region ? place : `${place}, ${region}`}</dd>
        </dl>
      )}
      <div className="incident-preview-actions">
        <Link to={`/incidents/${encodeURIComponent(ref)}`} className="button-primary">
          {t('incidentMap.previewOpen')}
        </Link>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('incidentMap.previewClose')}
        </button>
      </div>
    </div>
  );
}

const NO_PLACES: readonly MapPlace[] = [];

/** Incidents per cercle, candidates and verified apart: the choropleth's figures, as text. */
function CercleTable({ stats, vocabulary }: { stats: IncidentStats; vocabulary: IncidentVocabulary }) {
  const { t } = useTranslation();
  const rows = vocabulary.cercles
    .map((cercle) => ({ cercle, counts: stats.byCercle.find((row) => row.cercle === cercle.code) }))
    .filter((row) => row.counts && row.counts.verified + row.counts.candidate > 0);
  if (rows.length === 0) return <p>{t('incidentMap.noIncident')}</p>;
  const regionName = (code: string) => vocabulary.regions.find((region) => region.code === code)?.label ?? code;
  return (
    <ScrollingTable caption={t('incidentMap.cercleCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('incidentMap.cercle')}</th>
          <th scope="col">{t('incidentMap.region')}</th>
          <th scope="col" className="numeric">
            {t('incidentMap.verified')}
          </th>
          <th scope="col" className="numeric">
            {t('incidentMap.candidates')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ cercle, counts }) => (
          <tr key={cercle.code}>
            <th scope="row">{cercle.label}</th>
            <td>{regionName(cercle.region)}</td>
            <td className="numeric">{counts?.verified ?? 0}</td>
            <td className="numeric">{counts?.candidate ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Carte des incidents »: Mali's cercles coloured by their number of incidents for the filter,
 * the server's clusters of incidents over them, and the same counts as tables for those who do not
 * use the map. The filter lives in the address, with the list's and the dashboard's parameter names.
 */
export function IncidentMapPage() {
  const { t } = useTranslation();
  const filter = useIncidentFilter();
  const help = useId();
  const vocabulary = useIncidentVocabulary();
  const stats = useLoaded(incidentQueries.stats(filter.query));
  const [view, setView] = useState<MapView | null>(null);
  // The layers wait for the map to say what it shows.
  const layers = useLoaded({ ...incidentQueries.map(filter.query, view ?? { zoom: 0, bbox: '' }), enabled: view !== null });

  const data = layers.status === 'done' ? layers.data : null;
  const cercleCounts = useMemo(() => new Map(data?.byCercle.map((row) => [row.cercle, row.count])), [data]);
  const max = Math.max(0, ...cercleCounts.values());
  const classes = useMemo(() => choroplethClasses(max), [max]);
  // Towns and tiles are drawn when they arrive; the map does without them if they fail.
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const labels = useMemo(() => (vocabulary.status === 'done' ? vocabularyLabels(vocabulary.data) : null), [vocabulary]);
  // The map keeps the latest callbacks itself: they need not be stable.
  const openGroup = (cercle: string | null) => navigate(withFilter('/incidents', filter.values, cercle ? { cercle } : {}));

  return (
    <Page title={t('incidentMap.title')}>
      <p className="lead">{t('incidentMap.intro')}</p>
      <IncidentFilterForm filter={filter} vocabulary={vocabulary.status === 'done' ? vocabulary.data : null} />
      <div className="incident-summary-bar">
        <Show loaded={stats}>{(data) => <IncidentCounts stats={data} />}</Show>
        <IncidentPageLinks values={filter.values} current="map" />
      </div>
      <div className="incident-map-layout">
        <div className="incident-map-frame">
          <MaliMap
            cercleCounts={cercleCounts}
            classes={classes}
            clusters={data?.clusters ?? []}
            places={places.status === 'done' ? places.data : NO_PLACES}
            baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
            onViewChange={setView}
            renderPreview={(cluster, close) => <IncidentPreview cluster={cluster} labels={labels} onClose={close} />}
            onOpenGroup={openGroup}
            label={t('incidentMap.mapLabel')}
            describedBy={help}
          />
          {layers.status === 'failed' && <ProblemAlert problem={layers.problem} />}
          <p id={help} className="hint">
            {t('incidentMap.keyboard')}
          </p>
        </div>
        <MapLegend classes={classes} />
      </div>
      <Card title={t('incidentMap.byRegion')} wide>
        <Show loaded={both(stats, vocabulary)}>
          {([statsData, vocabularyData]) => (
            <>
              <RegionCounts stats={statsData} vocabulary={vocabularyData} values={filter.values} />
              <details className="more-details">
                <summary>{t('incidentMap.byCercle')}</summary>
                <CercleTable stats={statsData} vocabulary={vocabularyData} />
              </details>
            </>
          )}
        </Show>
      </Card>
    </Page>
  );
}
