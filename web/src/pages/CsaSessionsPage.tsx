import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { type CsaSession, type Participation, type PeaceReference, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CsaSessionForm } from '../components/CsaSessionForm.js';
import { Page } from '../components/Page.js';
import { Attendance, WomenShare } from '../components/PeaceValues.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

/** One row per year or delegation: its attendance and the women's share against the quota. */
function ShareTable({
  caption,
  heading,
  rows,
}: {
  caption: string;
  heading: string;
  rows: { key: string; share: Participation['overall'] }[];
}) {
  const { t } = useTranslation();
  return (
    <ScrollingTable caption={caption} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t('peace.attendance')}</th>
          <th scope="col">{t('peace.womenShare')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, share }) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>
              <Attendance share={share} />
            </td>
            <td>
              <WomenShare share={share} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function ParticipationTables({ participation }: { participation: Participation }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('peace.overall')} <WomenShare share={participation.overall} /> — <Attendance share={participation.overall} />
      </p>
      {participation.byYear.length > 0 && (
        <ShareTable
          caption={t('peace.byYearCaption')}
          heading={t('peace.year')}
          rows={participation.byYear.map((row) => ({ key: String(row.year), share: row }))}
        />
      )}
      {participation.byDelegation.length > 0 && (
        <ShareTable
          caption={t('peace.byDelegationCaption')}
          heading={t('peace.delegation')}
          rows={participation.byDelegation.map((row) => ({ key: row.delegation, share: row }))}
        />
      )}
    </>
  );
}

function SessionList({ sessions, reference }: { sessions: readonly CsaSession[]; reference: PeaceReference }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (sessions.length === 0) return <p>{t('peace.noSessions')}</p>;
  return (
    <ScrollingTable caption={t('peace.sessionsCaption', { count: sessions.length })} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{t('peace.heldOn')}</th>
          <th scope="col">{t('peace.body')}</th>
          <th scope="col">{t('peace.place')}</th>
          <th scope="col">{t('peace.attendance')}</th>
          <th scope="col">{t('peace.womenShare')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <Link to={`/accord/csa/${s.id}`}>{formatDay(s.heldOn, locale)}</Link>
            </th>
            <td>{reference.bodies.find((b) => b.code === s.body)?.name}</td>
            <td>{s.place}</td>
            <td>
              <Attendance share={s.participation} />
            </td>
            <td>
              <WomenShare share={s.participation} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Sessions of the CSA and its sub-committees, and women's participation against the 30 % quota. */
export function CsaSessionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reference = useLoaded(peaceQueries.reference(locale));
  const sessions = useLoaded(peaceQueries.sessions(me.id));
  const participation = useLoaded(peaceQueries.participation(me.id));
  return (
    <Page title={t('peace.sessionsTitle')}>
      <p className="lead">{t('peace.sessionsIntro')}</p>
      <p>
        <Link to="/accord">{t('peace.backToAgreement')}</Link>
      </p>
      <Show loaded={both(reference, participation)}>
        {([ref, data]) => (
          <Card title={t('peace.participationTitle', { quota: ref.quota })} wide>
            <ParticipationTables participation={data} />
            <p className="hint">{ref.quotaSource}</p>
          </Card>
        )}
      </Show>
      <Show loaded={both(reference, sessions)}>
        {([ref, data]) => (
          <>
            <Card title={t('peace.sessionsListTitle')} wide>
              <SessionList sessions={data.sessions} reference={ref} />
            </Card>
            {me.may.createPeaceIn.length > 0 && (
              <Card title={t('peace.newSession')} wide>
                <CsaSessionForm reference={ref} units={me.may.createPeaceIn} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
