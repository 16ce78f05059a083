import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Unit } from '../../../src/contracts/units.js';
import { api, type Mission } from '../api.js';
import { AuditChainStatus } from '../components/AuditChainStatus.js';
import { Page } from '../components/Page.js';
import { Loading, ProblemAlert } from '../components/ProblemAlert.js';
import { UnitTree } from '../components/UnitTree.js';
import { useLocale } from '../i18n.js';
import { type Loaded, useLoad } from '../load.js';
import { loadUnits, unitLabel } from '../units.js';

/** Charter chapters are cited in Roman numerals ("Chapitre VII"). */
function romanNumeral(value: number): string {
  const numerals: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let text = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      text += numeral;
      rest -= amount;
    }
  }
  return text;
}

function Card({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const titleId = useId();
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

/** Shows a request's result, or its loading state, or its problem. */
function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <ProblemAlert problem={loaded.problem} />;
  return <>{children(loaded.data)}</>;
}

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

/** "The mission at a glance": mandate, principles, leadership, organisation, and the user's place in it. */
export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mission = useLoad(api.mission);
  const units = useLoad(loadUnits);
  const organisationId = useId();

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
        {(me.admin || me.auditor) && <AuditChainStatus />}
      </div>
      <section className="card card-wide" aria-labelledby={organisationId}>
        <h2 id={organisationId}>{t('home.organisation')}</h2>
        <p className="hint">{t('home.organisationIntro')}</p>
        <Show loaded={units}>{(list) => <UnitTree units={list} labelledBy={organisationId} />}</Show>
      </section>
    </Page>
  );
}
