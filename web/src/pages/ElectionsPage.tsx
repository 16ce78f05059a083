import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { electionQueries } from '../api/elections.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CivicForm, EventForm, LinkForm, RequestForm } from '../components/ElectionForms.js';
import { RequestCard } from '../components/ElectoralRequestCard.js';
import { Page } from '../components/Page.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

/** Electoral support: the calendar, requests with their decision and delivery, civic education, linked incidents. */
export function ElectionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const overview = useLoaded(electionQueries.overview(me.id));
  return (
    <Page title={t('elections.title')}>
      <p className="lead">{t('elections.intro')}</p>
      <Show loaded={overview}>
        {(data) => (
          <>
            <Card title={t('elections.calendarTitle')} wide>
              {data.events.length === 0 ? (
                <p>{t('elections.noEvents')}</p>
              ) : (
                <ScrollingTable caption={t('elections.calendarTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('elections.startsOn')}</th>
                      <th scope="col">{t('elections.endsOn')}</th>
                      <th scope="col">{t('elections.kind')}</th>
                      <th scope="col">{t('elections.eventTitle')}</th>
                      <th scope="col">{t('elections.region')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.events.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">{formatDay(e.startsOn, locale)}</th>
                        <td>{e.endsOn ? formatDay(e.endsOn, locale) : '—'}</td>
                        <td>{t(`elections.kinds.${e.kind}`)}</td>
                        <td>{e.title}</td>
                        <td>{e.region ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              {data.may.create && (
                <>
                  <h3>{t('elections.newEvent')}</h3>
                  <EventForm />
                </>
              )}
            </Card>
            <Card title={t('elections.requestsTitle')} wide>
              {data.requests.length === 0 && <p>{t('elections.noRequests')}</p>}
              {data.requests.map((r) => (
                <RequestCard key={r.id} request={r} />
              ))}
              {data.may.create && (
                <>
                  <h3>{t('elections.newRequest')}</h3>
                  <RequestForm events={data.events} />
                </>
              )}
            </Card>
            <Card title={t('elections.civicTitle')} wide>
              {data.civic.length === 0 ? (
                <p>{t('elections.noCivic')}</p>
              ) : (
                <ScrollingTable caption={t('elections.civicTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('elections.heldOn')}</th>
                      <th scope="col">{t('elections.place')}</th>
                      <th scope="col">{t('elections.topic')}</th>
                      <th scope="col">{t('elections.women')}</th>
                      <th scope="col">{t('elections.men')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.civic.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{formatDay(c.heldOn, locale)}</th>
                        <td>{c.place}</td>
                        <td>{c.topic}</td>
                        <td>{c.women}</td>
                        <td>{c.men}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              {data.may.create && <CivicForm />}
            </Card>
            <Card title={t('elections.incidentsTitle')} wide>
              <p className="hint">{t('elections.incidentsIntro')}</p>
              {data.incidents.length === 0 ? (
                <p>{t('elections.noIncidents')}</p>
              ) : (
                <ul>
                  {data.incidents.map((i) => (
                    <li key={`${i.eventId}-${i.ref}`}>
                      <Link to={`/incidents/${i.ref}`}>{i.ref}</Link> — {formatDay(i.occurredOn, locale)} — {i.title} (
                      {data.events.find((e) => e.id === i.eventId)?.title})
                    </li>
                  ))}
                </ul>
              )}
              {data.may.create && data.events.length > 0 && <LinkForm events={data.events} />}
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
