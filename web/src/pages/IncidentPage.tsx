import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { attachToIncident } from '../api/files.js';
import { incidentQueries, useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { Attachments } from '../components/Attachments.js';
import { Card } from '../components/Card.js';
import { IncidentCollapsible } from '../components/IncidentCollapsible.js';
import { IncidentHarmTable, IncidentSourcesTable } from '../components/IncidentHarmTable.js';
import { IncidentHistory } from '../components/IncidentHistory.js';
import { IncidentStatusBadge } from '../components/IncidentStatusBadge.js';
import { IncidentActions, IncidentTimeline } from '../components/IncidentWorkflow.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { Day, NoValue } from '../components/StrengthValues.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { formatCoordinate, isIncidentRef, vocabularyLabels } from '../incidents.js';
import { Link } from '../router.js';
import { unitLabel } from '../units.js';
import { NotFoundPage } from './NotFoundPage.js';

/** A term and its value; nothing stated reads as a dash (and "not stated" to a screen reader). */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children ?? <NoValue />}</dd>
    </div>
  );
}

/** When it was entered on a device that sent it more than a minute later (the outbox), or null: then the two times are worth telling apart. */
function offlineEntry({ enteredAt, createdAt }: Incident): string | null {
  return enteredAt !== null && Date.parse(createdAt) - Date.parse(enteredAt) > 60_000 ? enteredAt : null;
}

function IncidentDetail({
  incident,
  vocabulary,
  units,
  onChanged,
  onReload,
}: {
  incident: Incident;
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
  onChanged: (incident: Incident) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = vocabularyLabels(vocabulary);
  const { location } = incident;
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  const enteredOffline = offlineEntry(incident);

  return (
    <>
      <div className="incident-header">
        <p className="incident-meta">
          <span className="incident-ref-big">{incident.ref}</span>
          <IncidentStatusBadge status={incident.status} />
          <span className="tag">{t(`incidents.classifications.${incident.classification}`)}</span>
          {incident.threatToCivilians && <span className="tag incident-threat">{t('incidents.list.threat')}</span>}
        </p>
        {incident.may.edit && (
          <Link to={`/incidents/${encodeURIComponent(incident.ref)}/modifier`} className="button-secondary">
            {t('incidents.detail.edit')}
          </Link>
        )}
      </div>

      <div className="cards">
        <Card title={t('incidents.detail.when')}>
          <dl className="incident-facts">
            <Fact term={t('incidents.detail.date')}>
              <Day value={incident.occurredOn} />
            </Fact>
            <Fact term={t('incidents.detail.time')}>{incident.occurredTime}</Fact>
            <Fact term={t('incidents.detail.datePrecision')}>{t(`incidents.datePrecisions.${incident.datePrecision}`)}</Fact>
          </dl>
        </Card>
        <Card title={t('incidents.detail.where')}>
          <dl className="incident-facts">
            <Fact term={t('incidents.detail.place')}>{location.place}</Fact>
            <Fact term={t('incidents.detail.commune')}>{location.commune}</Fact>
            <Fact term={t('incidents.detail.cercle')}>{location.cercleName}</Fact>
            <Fact term={t('incidents.detail.region')}>{location.regionName}</Fact>
            <Fact term={t('incidents.detail.coordinates')}>
              {t('incidents.detail.coordinatesValue', {
                latitude: formatCoordinate(location.latitude, locale),
                longitude: formatCoordinate(location.longitude, locale),
              })}
            </Fact>
            <Fact term={t('incidents.detail.locationPrecision')}>{t(`incidents.locationPrecisions.${location.precision}`)}</Fact>
          </dl>
        </Card>
        <Card title={t('incidents.detail.what')}>
          <dl className="incident-facts">
            <Fact term={t('incidents.detail.eventType')}>{labels.eventType(incident.eventType)}</Fact>
            <Fact term={t('incidents.detail.subEventType')}>{labels.subEventType(incident.eventType, incident.subEventType)}</Fact>
            <Fact term={t('incidents.detail.category')}>{labels.category(incident.category)}</Fact>
            <Fact term={t('incidents.detail.threatToCivilians')}>
              {incident.threatToCivilians ? t('incidents.yes') : t('incidents.no')}
            </Fact>
          </dl>
        </Card>
        <Card title={t('incidents.detail.who')}>
          {incident.actors.length === 0 ? (
            <p>{t('incidents.detail.noActors')}</p>
          ) : (
            <dl className="incident-facts">
              {incident.actors.map((actor) => (
                <Fact key={`${actor.role}:${actor.actor}`} term={t(`incidents.roles.${actor.role}`)}>
                  {actor.name}
                </Fact>
              ))}
            </dl>
          )}
        </Card>
      </div>

      <Card title={t('incidents.detail.harm')} wide>
        <IncidentHarmTable incident={incident} />
      </Card>
      <Card title={t('incidents.detail.sources')} wide>
        <IncidentSourcesTable sources={incident.sources} />
      </Card>
      <Card title={t('incidents.detail.description')} wide>
        {incident.description ? (
          <p className="incident-description">{incident.description}</p>
        ) : (
          <p className="hint">{t('incidents.detail.noDescription')}</p>
        )}
        {incident.tags.length > 0 && (
          <>
            <h3>{t('incidents.detail.tags')}</h3>
            <ul className="badges">
              {incident.tags.map((tag) => (
                <li key={tag} className="badge">
                  {tag}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={t('incidents.workflow.title')} wide>
        <IncidentTimeline steps={incident.steps} />
        <IncidentActions incident={incident} onChanged={onChanged} onReload={onReload} />
      </Card>
      <Card title={t('incidents.attachments.title')} wide>
        <Attachments
          attachments={incident.attachments}
          caption={t('incidents.attachments.caption')}
          hint={t('incidents.attachments.fileHint')}
          upload={incident.may.attach ? attachToIncident(incident.ref) : undefined}
          onAdded={(attachment) => onChanged({ ...incident, attachments: [...incident.attachments, attachment] })}
        />
      </Card>
      <Card title={t('incidents.detail.record')} wide>
        <dl className="incident-facts incident-facts-wide">
          <Fact term={t('incidents.detail.unit')}>{unitLabel(incident.unit, units, locale)}</Fact>
          <Fact term={t('incidents.detail.classification')}>{t(`incidents.classifications.${incident.classification}`)}</Fact>
          <Fact term={t('incidents.detail.sharedWith')}>
            {incident.sharedWith.length > 0 ? incident.sharedWith.map((code) => unitLabel(code, units, locale)).join(', ') : null}
          </Fact>
          <Fact term={t('incidents.detail.links')}>
            {incident.links.length > 0 ? (
              <ul className="plain">
                {incident.links.map((link) => (
                  <li key={link.ref}>
                    <Link to={`/incidents/${encodeURIComponent(link.ref)}`}>{link.ref}</Link>
                    {link.title && ` — ${link.title}`}
                  </li>
                ))}
              </ul>
            ) : null}
          </Fact>
          <Fact term={t('incidents.detail.createdBy')}>{incident.createdBy?.name ?? t('incidents.detail.nobody')}</Fact>
          <Fact term={t('incidents.detail.createdAt')}>
            <time dateTime={incident.createdAt}>{stamp.format(new Date(incident.createdAt))}</time>
          </Fact>
          <Fact term={t('incidents.detail.updatedAt')}>
            <time dateTime={incident.updatedAt}>{stamp.format(new Date(incident.updatedAt))}</time>
          </Fact>
          <Fact term={t('incidents.detail.version')}>{incident.version}</Fact>
        </dl>
        {enteredOffline && (
          <p className="hint">
            {t('entry.offline', {
              entered: stamp.format(new Date(enteredOffline)),
              received: stamp.format(new Date(incident.createdAt)),
            })}
          </p>
        )}
      </Card>
      <IncidentCollapsible title={t('incidents.history.title')}>
        <IncidentHistory incidentRef={incident.ref} version={incident.version} vocabulary={vocabulary} units={units} />
      </IncidentCollapsible>
    </>
  );
}

/**
 * One incident (`/incidents/:ref`): when, where, what, who, harm, sources; its verification steps
 * and the moves the server allows the reader; attachments; the history of its fields.
 */
export function IncidentPage({ incidentRef }: { incidentRef: string }) {
  // Any other segment under /incidents/ (a page that does not exist) is not an incident to fetch.
  return isIncidentRef(incidentRef) ? <LoadedIncidentPage incidentRef={incidentRef} /> : <NotFoundPage />;
}

function LoadedIncidentPage({ incidentRef }: { incidentRef: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Actor names come in the interface language.
  const loaded = useLoaded(incidentQueries.detail(incidentRef, locale));
  const vocabulary = useIncidentVocabulary();
  const units = useUnits();
  // The incident as the last move or upload returned it, newer than the one loaded.
  const [changed, setChanged] = useState<{ incident: Incident; locale: string } | null>(null);
  const incident =
    loaded.status === 'done' && changed && changed.locale === locale && changed.incident.version >= loaded.data.version
      ? changed.incident
      : null;
  const current = both(both(loaded, vocabulary), units);
  const title = incident?.title ?? (loaded.status === 'done' ? loaded.data.title : t('incidents.title'));

  const reload = () => {
    setChanged(null);
    loaded.reload();
  };

  return (
    <Page title={title}>
      <p className="back-link">
        <Link to="/incidents">{t('incidents.detail.back')}</Link>
      </p>
      <Show loaded={current}>
        {([[data, vocab], unitList]) => (
          <IncidentDetail
            incident={incident ?? data}
            vocabulary={vocab}
            units={unitList}
            onChanged={(next) => setChanged({ incident: next, locale })}
            onReload={reload}
          />
        )}
      </Show>
    </Page>
  );
}
