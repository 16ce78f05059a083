import type { Geometry } from 'geojson';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATION_SECTORS } from '../../../src/contracts/operations.js';
import { queryString } from '../api/client.js';
import { mapQueries } from '../api/map.js';
import { useUnits } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { type SituationMap, type SituationMapParams, situationQueries } from '../api/situation.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { MaliMap } from '../components/MaliMap.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

const NONE = new Map<string, number>();
const utc = (instant: string) => instant.slice(0, 16).replace('T', ' ');

function SituationLists({ map }: { map: SituationMap }) {
  const { t } = useTranslation();
  return (
    <>
      <Card title={`${t('situation.operations')} (${map.operations.length})`} wide>
        {map.operations.length === 0 ? (
          <p>{t('situation.none')}</p>
        ) : (
          <ScrollingTable caption={t('situation.operations')}>
            <thead>
              <tr>
                <th scope="col">{t('operations.fields.title')}</th>
                <th scope="col">{t('operations.fields.type')}</th>
                <th scope="col">{t('operations.fields.units')}</th>
                <th scope="col">{t('operations.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {map.operations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/operations/${o.id}`}>{o.title}</Link>
                    {!o.geometry && ` (${t('situation.noShape')})`}
                  </th>
                  <td>{o.typeName}</td>
                  <td>{o.units.join(', ')}</td>
                  <td>{t(`operations.statuses.${o.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </Card>
      <Card title={`${t('situation.incidents')} (${map.incidents.length})`} wide>
        {map.incidents.length === 0 ? (
          <p>{t('situation.none')}</p>
        ) : (
          <ul>
            {map.incidents.map((i) => (
              <li key={i.ref}>
                <Link to={`/incidents/${i.ref}`}>{i.ref}</Link> — {i.occurredOn} — {i.title} ({i.unit})
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={`${t('situation.alerts')} (${map.alerts.length})`} wide>
        {map.alerts.length === 0 ? (
          <p>{t('situation.none')}</p>
        ) : (
          <ul>
            {map.alerts.map((a) => (
              <li key={a.id}>
                {utc(a.raisedAt)} UTC — {a.rule} — {a.areaName} ({a.unit})
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={`${t('situation.teamSites')} (${map.teamSites.length})`} wide>
        <p>{map.teamSites.map((s) => s.name).join(', ') || t('situation.none')}</p>
      </Card>
    </>
  );
}

/**
 * « Carte de la situation du jour »: the operations under way, the day's incidents, the open alerts
 * and the team sites the reader may read, filtered by day, sector and unit from the address, over
 * the shipped boundaries (no tiles needed), with the lists beside it.
 */
export function SituationMapPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const params: SituationMapParams = {
    day: search.get('day') || undefined,
    sector: search.get('sector') || undefined,
    unit: search.get('unit') || undefined,
  };
  const [day, setDay] = useState(params.day ?? '');
  const units = useUnits();
  const map = useLoaded(situationQueries.map(params, locale));
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const helpId = useId();
  const go = (next: SituationMapParams) => navigate(`${pathname}${queryString(next)}`);
  return (
    <Page title={t('situation.mapTitle')}>
      <p className="lead">{t('situation.mapIntro')}</p>
      <p className="button-row">
        <Link to="/operations">{t('situation.back')}</Link>
        <Link to="/situation/sitreps" className="button-secondary">
          {t('situation.toSitreps')}
        </Link>
      </p>
      <Card title={t('operations.filters.title')} wide>
        <form
          className="situation-filters"
          onSubmit={(event) => {
            event.preventDefault();
            go({ ...params, day: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined });
          }}
        >
          <TextField type="date" label={t('situation.day')} hint={t('situation.dayHint')} value={day} onChange={setDay} optional />
          <SelectField
            label={t('situation.sector')}
            value={params.sector ?? ''}
            onChange={(v) => go({ ...params, sector: v || undefined })}
          >
            <option value="">{t('situation.all')}</option>
            {OPERATION_SECTORS.map((sector) => (
              <option key={sector} value={sector}>
                {t(`operations.sectors.${sector}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('situation.unit')} value={params.unit ?? ''} onChange={(v) => go({ ...params, unit: v || undefined })}>
            <option value="">{t('situation.all')}</option>
            {units.status === 'done' &&
              units.data.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.code}
                </option>
              ))}
          </SelectField>
          <div className="operation-filter-apply">
            <button type="submit" className="button-secondary">
              {t('situation.apply')}
            </button>
          </div>
        </form>
      </Card>
      <Show loaded={map}>
        {(m) => (
          <>
            <p>{t('situation.period', { from: utc(m.from), to: utc(m.to) })}</p>
            <div className="operation-map">
              <MaliMap
                cercleCounts={NONE}
                classes={[]}
                clusters={[]}
                places={places.status === 'done' ? places.data : []}
                baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
                onViewChange={() => undefined}
                renderPreview={() => null}
                onOpenGroup={() => undefined}
                label={t('situation.mapLabel')}
                describedBy={helpId}
                shapes={m.operations.flatMap((o) => (o.geometry ? [o.geometry as Geometry] : []))}
                fitShapes={false}
                points={[
                  ...m.teamSites.map((s) => ({ latitude: s.latitude, longitude: s.longitude, kind: 'site', label: s.name })),
                  ...m.incidents.map((i) => ({
                    latitude: i.latitude,
                    longitude: i.longitude,
                    kind: 'incident',
                    label: `${i.ref} — ${i.title}`,
                  })),
                  ...m.alerts.map((a) => ({
                    latitude: a.latitude,
                    longitude: a.longitude,
                    kind: 'alert',
                    label: `${a.rule} — ${a.areaName}`,
                  })),
                ]}
              />
              <p id={helpId} className="hint">
                {t('situation.mapHelp')}
              </p>
            </div>
            <SituationLists map={m} />
          </>
        )}
      </Show>
    </Page>
  );
}
