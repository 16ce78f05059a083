import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../src/contracts/activities.js';
import { activityQueries } from '../api/activities.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

function Facts({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const a = activity;
  return (
    <dl className="facts">
      <dt>{t('activities.fields.type')}</dt>
      <dd>{t(`activities.types.${a.type}`)}</dd>
      <dt>{t('activities.fields.topic')}</dt>
      <dd>{a.topicName}</dd>
      <dt>{t('activities.fields.unit')}</dt>
      <dd>{a.unit}</dd>
      <dt>{t('activities.fields.classification')}</dt>
      <dd>{t(`activities.classifications.${a.classification}`)}</dd>
      <dt>{t('activities.fields.dates')}</dt>
      <dd>
        {formatDate(a.startDate)}
        {a.endDate !== a.startDate && ` – ${formatDate(a.endDate)}`}
      </dd>
      <dt>{t('activities.fields.place')}</dt>
      <dd>
        {a.place.place ? `${a.place.place}, ` : ''}
        {a.place.regionName}
      </dd>
      <dt>{t('activities.fields.category')}</dt>
      <dd>{a.categoryName}</dd>
      {a.targetGroup && (
        <>
          <dt>{t('activities.fields.targetGroup')}</dt>
          <dd>{a.targetGroup}</dd>
        </>
      )}
      {a.facilitators && (
        <>
          <dt>{t('activities.fields.facilitators')}</dt>
          <dd>{a.facilitators}</dd>
        </>
      )}
      {a.project && (
        <>
          <dt>{t('activities.fields.project')}</dt>
          <dd>
            {a.project.title ? <Link to={`/projets/${a.project.id}`}>{a.project.title}</Link> : t('activities.page.projectUnreadable')}
          </dd>
        </>
      )}
      {a.notes && (
        <>
          <dt>{t('activities.fields.notes')}</dt>
          <dd className="prewrap">{a.notes}</dd>
        </>
      )}
      <dt>{t('activities.fields.recordedBy')}</dt>
      <dd>{a.createdBy.name}</dd>
    </dl>
  );
}

function ParticipantsTable({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = activity.participants;
  const n = (value: number) => formatCount(value, locale);
  return (
    <>
      <ScrollingTable caption={t('activities.page.participantsCaption')} className="activity-participants">
        <thead>
          <tr>
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
          <tr>
            <td className="numeric">{n(p.women)}</td>
            <td className="numeric">{n(p.men)}</td>
            <td className="numeric">{n(p.total)}</td>
            <td className="numeric">{n(p.children)}</td>
            <td className="numeric">{n(p.adults)}</td>
          </tr>
        </tbody>
      </ScrollingTable>
      {p.bands.length > 0 && (
        <ScrollingTable caption={t('activities.page.bandsCaption')} className="activity-bands">
          <thead>
            <tr>
              <th scope="col">{t('activities.page.band')}</th>
              <th scope="col" className="numeric">
                {t('activities.fields.women')}
              </th>
              <th scope="col" className="numeric">
                {t('activities.fields.men')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.bands.map((b) => (
              <tr key={b.band}>
                <th scope="row">{b.label}</th>
                <td className="numeric">{n(b.women)}</td>
                <td className="numeric">{n(b.men)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}

/** One activity: what, when and where, for whom, and its participants by sex and by age. */
export function ActivityPage({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const activity = useLoaded(activityQueries.detail(activityId, locale));
  return (
    <Show loaded={activity}>
      {(a) => (
        <Page title={a.title}>
          <p>
            <Link to="/activites">{t('activities.page.back')}</Link>
            {a.may.edit && (
              <>
                {' · '}
                <Link to={`/activites/${a.id}/modifier`}>{t('activities.page.edit')}</Link>
              </>
            )}
          </p>
          <Card title={t('activities.page.facts')} wide>
            <Facts activity={a} />
          </Card>
          <Card title={t('activities.page.participants')} wide>
            <ParticipantsTable activity={a} />
          </Card>
        </Page>
      )}
    </Show>
  );
}
