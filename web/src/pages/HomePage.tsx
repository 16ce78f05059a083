import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Unit } from '../../../src/contracts/units.js';
import { type Mission, organisationQueries, useUnits } from '../api/organisation.js';
import { type Loaded, useLoaded } from '../api/queries.js';
import { AuditChainStatus } from '../components/AuditChainStatus.js';
import { Card } from '../components/Card.js';
import { romanNumeral } from '../components/MissionHeader.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { UnitTree } from '../components/UnitTree.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { sectionPath } from '../sections.js';
import { unitLabel } from '../units.js';

function MandateCard({ mission }: { mission: Mission }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card title={t('home.mandate')}>
      <p className="mission-name">{mission.name[locale]}</p>
      <p>{mission.fullName[locale]}</p>
      <ul className="facts">
        <li>{t('home.resolution', mission.resolution)}</li>
        <li>{t('home.chapter', { chapter: romanNumeral(mission.charterChapter) })}</li>
      </ul>
    </Card>
  );
}

function MembershipsCard({ me, units }: { me: Me; units: Loaded<Unit[]> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card title={t('home.memberships')}>
      <Show loaded={units}>
        {(list) =>
          me.memberships.length === 0 ? (
            <p>{t('home.noMemberships')}</p>
          ) : (
            <ul className="memberships">
              {me.memberships.map((membership) => (
                <li key={membership.unit}>
                  {t('home.membership', {
                    unit: unitLabel(membership.unit, list, locale),
                    role: t(`roles.${membership.role}`),
                  })}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      {(me.admin || me.auditor) && (
        <>
          <h3>{t('home.roles')}</h3>
          <ul className="badges">
            {me.admin && <li className="badge">{t('home.admin')}</li>}
            {me.auditor && <li className="badge">{t('home.auditor')}</li>}
          </ul>
        </>
      )}
    </Card>
  );
}

/** The pending proposals the account may see, by section, and how many await its review; nothing when there are none. */
function ProposalsCard({ me, units }: { me: Me; units: Loaded<Unit[]> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pending = useLoaded(organisationQueries.pendingProposals());
  if (pending.status !== 'done' || pending.data.proposals.length === 0) return null;
  const bySection = new Map<string, number>();
  for (const proposal of pending.data.proposals) bySection.set(proposal.unit, (bySection.get(proposal.unit) ?? 0) + 1);
  const list = units.status === 'done' ? units.data : [];
  return (
    <Card title={t('proposals.title')}>
      <p>
        {t('proposals.count', { count: pending.data.proposals.length })}
        {pending.data.awaitingReview > 0 && (
          <>
            {' — '}
            <strong>{t('proposals.awaitingYou', { count: pending.data.awaitingReview })}</strong>
          </>
        )}
      </p>
      <ul>
        {[...bySection].map(([unit, count]) => (
          <li key={unit}>
            <Link to={sectionPath(me, unit)}>{t('proposals.inSection', { unit: unitLabel(unit, list, locale), count })}</Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** "The mission at a glance": mandate, principles, leadership, organisation, and the user's place in it. */
export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mission = useLoaded(organisationQueries.mission());
  const units = useUnits();
  const sections = useLoaded(organisationQueries.sections(locale));
  const organisationId = useId();
  // Units with a section of the fact sheet link to it; the tree shows as soon as the units are known.
  const withSection = new Set(sections.status === 'done' ? sections.data.sections.map((section) => section.unit) : []);
  const hrefFor = (code: string) => (withSection.has(code) ? sectionPath(me, code) : null);

  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.welcome', { name: me.name })}</p>
      <div className="cards">
        <Show loaded={mission}>
          {(data) => (
            <>
              <MandateCard mission={data} />
              <Card title={t('home.principles')}>
                <ol>
                  {data.principles[locale].map((principle) => (
                    <li key={principle}>{principle}</li>
                  ))}
                </ol>
              </Card>
              <Card title={t('home.leadership')}>
                <ul>
                  {data.leadership[locale].map((post) => (
                    <li key={post}>{post}</li>
                  ))}
                </ul>
              </Card>
            </>
          )}
        </Show>
        <MembershipsCard me={me} units={units} />
        <ProposalsCard me={me} units={units} />
        {(me.admin || me.auditor) && <AuditChainStatus />}
      </div>
      <section className="card card-wide" aria-labelledby={organisationId}>
        <h2 id={organisationId}>{t('home.organisation')}</h2>
        <p className="hint">
          {t('home.organisationIntro')} {withSection.size > 0 && t('home.organisationLinks')}
        </p>
        <Show loaded={units}>{(list) => <UnitTree units={list} labelledBy={organisationId} hrefFor={hrefFor} />}</Show>
      </section>
    </Page>
  );
}
