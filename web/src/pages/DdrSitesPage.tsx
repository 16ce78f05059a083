import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { type SiteList, type SiteVocabulary, siteApi, siteQueries, useSiteVocabulary } from '../api/ddrSites.js';
import type { MapCluster } from '../api/incidents.js';
import { type MapPlace, mapQueries } from '../api/map.js';
import { both, useLoaded } from '../api/queries.js';
import { choroplethClasses } from '../choropleth.js';
import { Card } from '../components/Card.js';
import { CountCell, WeaponCountsTables } from '../components/DdrCounts.js';
import { CheckboxField, SelectField, TextField } from '../components/fields.js';
import { MaliMap } from '../components/MaliMap.js';
import { Page } from '../components/Page.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { ddrLabel } from '../ddr.js';
import { useLocale } from '../i18n.js';
import { Link, navigate } from '../router.js';

const NO_PLACES: MapPlace[] = [];
const NO_COUNTS = new Map<string, number>();

function SiteForm({ vocabulary }: { vocabulary: SiteVocabulary }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [name, setName] = useState('');
  const [place, setPlace] = useState('');
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [capacity, setCapacity] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [status, setStatus] = useState('open');
  const [classification, setClassification] = useState('internal');
  const fields: FormFields = Object.fromEntries(
    ['name', 'place', 'latitude', 'longitude', 'capacity', 'services', 'status', 'classification'].map((f) => [
      f,
      { label: t(`ddrSites.form.${f as 'name'}`), id: id(f) },
    ]),
  );
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.').replace(/\s/g, '')));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const bad = (['latitude', 'longitude', 'capacity'] as const).filter((f) => {
      const value = number({ latitude, longitude, capacity }[f]);
      return value !== null && Number.isNaN(value);
    });
    if (bad.length > 0) {
      submission.reject(bad.map((path) => ({ path, message: t('ddrSites.form.numberInvalid') })));
      return;
    }
    const site = await submission.submit(() =>
      siteApi.create({
        name,
        place: place === '' ? null : place,
        latitude: number(latitude),
        longitude: number(longitude),
        capacity: number(capacity) ?? -1,
        services: services as never,
        status: status as 'open',
        classification: classification as 'internal',
      }),
    );
    if (site) navigate(`/ddr/sites/${site.id}`);
  };
  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} title={t('ddrSites.form.errorsTitle')} />
      <TextField
        id={fields.name?.id}
        label={t('ddrSites.form.name')}
        value={name}
        onChange={setName}
        required
        error={errorOf(submission.problem, fields, 'name')}
      />
      <SelectField
        id={fields.place?.id}
        label={t('ddrSites.form.place')}
        hint={t('ddrSites.form.placeHint')}
        value={place}
        onChange={setPlace}
        error={errorOf(submission.problem, fields, 'place')}
      >
        <option value="">{t('ddrSites.form.choose')}</option>
        {vocabulary.places.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fields.latitude?.id}
        label={t('ddrSites.form.latitude')}
        inputMode="decimal"
        optional
        value={latitude}
        onChange={setLatitude}
        error={errorOf(submission.problem, fields, 'latitude')}
      />
      <TextField
        id={fields.longitude?.id}
        label={t('ddrSites.form.longitude')}
        inputMode="decimal"
        optional
        value={longitude}
        onChange={setLongitude}
        error={errorOf(submission.problem, fields, 'longitude')}
      />
      <TextField
        id={fields.capacity?.id}
        label={t('ddrSites.form.capacity')}
        inputMode="numeric"
        value={capacity}
        onChange={setCapacity}
        required
        error={errorOf(submission.problem, fields, 'capacity')}
      />
      <fieldset>
        <legend>{t('ddrSites.form.services')}</legend>
        {vocabulary.services.map((s) => (
          <CheckboxField
            key={s.code}
            label={s.name}
            checked={services.includes(s.code)}
            onChange={(on) => setServices((list) => (on ? [...list, s.code] : list.filter((c) => c !== s.code)))}
          />
        ))}
      </fieldset>
      <SelectField id={fields.status?.id} label={t('ddrSites.form.status')} value={status} onChange={setStatus}>
        {vocabulary.siteStatuses.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={fields.classification?.id}
        label={t('ddrSites.form.classification')}
        value={classification}
        onChange={setClassification}
      >
        <option value="internal">{t('ddrSites.classifications.internal')}</option>
        <option value="public">{t('ddrSites.classifications.public')}</option>
      </SelectField>
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('ddrSites.form.busy') : t('ddrSites.form.submit')}
      </button>
    </form>
  );
}

function SitesTable({ list, vocabulary }: { list: SiteList; vocabulary: SiteVocabulary }) {
  const { t } = useTranslation();
  if (list.items.length === 0) return <p>{t('ddrSites.none')}</p>;
  return (
    <ScrollingTable caption={t('ddrSites.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('ddrSites.name')}</th>
          <th scope="col">{t('ddrSites.region')}</th>
          <th scope="col" className="numeric">
            {t('ddrSites.capacity')}
          </th>
          <th scope="col" className="numeric">
            {t('ddrSites.occupancy')}
          </th>
          <th scope="col" className="numeric">
            {t('ddrSites.weaponsCount')}
          </th>
          <th scope="col">{t('ddrSites.services')}</th>
          <th scope="col">{t('ddrSites.status')}</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <Link to={`/ddr/sites/${s.id}`}>{s.name}</Link>
            </th>
            <td>{s.place ? `${s.place}, ${s.regionName}` : s.regionName}</td>
            <td className="numeric">{s.capacity}</td>
            <td className="numeric">
              <CountCell value={s.occupancy} />
            </td>
            <td className="numeric">
              <CountCell value={s.weapons} />
            </td>
            <td>{s.services.map((c) => ddrLabel(vocabulary.services, c)).join(', ')}</td>
            <td>
              {ddrLabel(vocabulary.siteStatuses, s.status)} · {t(`ddrSites.classifications.${s.classification}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** « Sites de cantonnement »: the map, the list with today's occupancy and weapons, the fact book's 8 beside, the CSV exports. */
export function DdrSitesPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const help = useId();
  const vocabulary = useSiteVocabulary();
  const list = useLoaded(siteQueries.sites(locale));
  const counts = useLoaded(siteQueries.counts('quarter', locale));
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const classes = useMemo(() => choroplethClasses(0), []);
  const clusters: MapCluster[] = useMemo(
    () =>
      list.status === 'done'
        ? list.data.items.map((s) => ({ latitude: s.latitude, longitude: s.longitude, count: 1, verified: 1, ref: s.id, incident: null }))
        : [],
    [list],
  );
  const byId = new Map(list.status === 'done' ? list.data.items.map((s) => [s.id, s]) : []);
  return (
    <Page title={t('ddrSites.title')}>
      <p className="lead">{t('ddrSites.intro')}</p>
      {me && (
        <p>
          <Link to="/ddr">{t('ddr.nav')}</Link>
        </p>
      )}
      <Show loaded={both(list, vocabulary)}>
        {([data, terms]) => (
          <>
            <p>
              <strong>{t('ddrSites.recorded', { count: data.recorded })}</strong>
              {data.sourced && (
                <>
                  {' '}
                  —{' '}
                  {t('ddrSites.sourced', {
                    value: data.sourced.value ?? '',
                    period: data.sourced.period ?? '',
                    quote: data.sourced.quote ?? '',
                  })}
                </>
              )}
            </p>
            {data.suppressed && <p className="hint">{t('ddrSites.suppressed', { max: data.minCell - 1 })}</p>}
            <div className="incident-map-frame">
              <MaliMap
                cercleCounts={NO_COUNTS}
                classes={classes}
                clusters={clusters}
                places={places.status === 'done' ? places.data : NO_PLACES}
                baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
                onViewChange={() => undefined}
                renderPreview={(cluster) => {
                  const site = byId.get(cluster.ref ?? '');
                  return (
                    <div className="incident-preview">
                      <p className="incident-preview-title">{site?.name}</p>
                      <p>
                        {t('ddrSites.occupancy')} : <CountCell value={site?.occupancy ?? null} /> / {site?.capacity}
                      </p>
                      <Link to={`/ddr/sites/${cluster.ref}`} className="button-primary">
                        {t('ddrSites.open')}
                      </Link>
                    </div>
                  );
                }}
                onOpenGroup={() => undefined}
                label={t('ddrSites.mapLabel')}
                describedBy={help}
              />
              <p id={help} className="hint">
                {t('ddrSites.mapHelp')}
              </p>
            </div>
            <Card title={t('ddrSites.title')} wide>
              <SitesTable list={data} vocabulary={terms} />
              <p>
                <a href="/api/ddr/sites/export.csv" download>
                  {t('ddrSites.exportSites')}
                </a>{' '}
                ·{' '}
                <a href="/api/ddr/weapons/counts.csv" download>
                  {t('ddrSites.exportWeapons')}
                </a>
              </p>
            </Card>
            {data.may.create && (
              <Card title={t('ddrSites.form.title')}>
                <SiteForm vocabulary={terms} />
              </Card>
            )}
          </>
        )}
      </Show>
      <Card title={t('ddrSites.counts.title')} wide>
        <Show loaded={counts}>{(data) => <WeaponCountsTables counts={data} />}</Show>
      </Card>
    </Page>
  );
}
