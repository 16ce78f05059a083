import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Movement, MovementVocabulary } from '../../../src/contracts/movements.js';
import { movementQueries } from '../api/movements.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate } from '../components/fields.js';
import { at, Decide, nameOf, whereText } from '../components/MovementParts.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="incident-facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function MovementView({ movement: m, vocabulary }: { movement: Movement; vocabulary: MovementVocabulary }) {
  const { t } = useTranslation();
  const none = '—';
  const facts: [string, ReactNode][] = [
    [t('movements.kind'), nameOf(vocabulary.kinds, m.kind)],
    [t('movements.status'), nameOf(vocabulary.statuses, m.status)],
    [t('movements.group'), m.groupName],
    [t('movements.unit'), m.unit],
    [t('movements.startsAt'), at(m.startsAt)],
    [t('movements.endsAt'), m.endsAt ? at(m.endsAt) : none],
    [t('movements.origin'), whereText(m.from)],
    ...(m.kind === 'declaration' && m.to === null ? [] : [[t('movements.destination'), whereText(m.to)] as [string, ReactNode]]),
    [t('movements.personnel'), String(m.personnel)],
    [t('movements.vehicles'), String(m.vehicles)],
    [
      t('movements.weaponList'),
      m.weapons.length === 0
        ? t('movements.noWeapons')
        : m.weapons.map((w) => `${nameOf(vocabulary.weapons, w.kind)} : ${w.count}`).join(' · '),
    ],
    [t('movements.notes'), m.notes || none],
    [t('movements.recordedBy'), m.recordedBy.name],
    [t('movements.recordedAt'), at(m.recordedAt)],
  ];
  const decision: [string, ReactNode][] =
    m.decidedBy && m.decidedAt
      ? [
          [t('movements.status'), nameOf(vocabulary.statuses, m.status)],
          [t('movements.decisionBy'), m.decidedBy.name],
          [t('movements.decisionAt'), at(m.decidedAt)],
          [t('movements.decisionComment'), m.decisionComment || none],
        ]
      : [];
  return (
    <>
      <Card title={t('movements.facts')} wide>
        <Facts items={facts} />
      </Card>
      <Card title={t('movements.decisionTitle')} wide>
        {decision.length > 0 ? (
          <Facts items={decision} />
        ) : (
          <p>{m.kind === 'observed' ? t('movements.decisionNone') : t('movements.decisionPending')}</p>
        )}
        {m.may.decide && <Decide movement={m} />}
      </Card>
      <Card title={t('movements.links')} wide>
        {m.verification === null && m.incident === null ? (
          <p>{t('movements.noLinks')}</p>
        ) : (
          <ul className="entity-list">
            {m.verification && (
              <li>
                {t('movements.verificationLink', { date: formatDate(m.verification.visitedOn) })} —{' '}
                <Link to="/operations/cessez-le-feu">{t('movements.verificationWhere')}</Link>
              </li>
            )}
            {m.incident && (
              <li>
                {t('movements.linked')} <Link to={`/incidents/${m.incident.ref}`}>{m.incident.ref}</Link> — {m.incident.title}
              </li>
            )}
          </ul>
        )}
      </Card>
    </>
  );
}

/**
 * One movement notification, weapons declaration or observed movement: all its fields, its
 * decision with who and when (and the decision itself for the Force's ceasefire staff), its links
 * to a verification mission or an incident the reader may read. One the reader may not read is a 404.
 */
export function MovementPage({ movementId }: { movementId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocabulary = useLoaded(movementQueries.vocabulary(locale));
  const movement = useLoaded(movementQueries.one(movementId, locale));
  if (!UUID.test(movementId) || (movement.status === 'failed' && movement.problem.status === 404)) return <NotFoundPage />;
  const title =
    movement.status === 'done' && vocabulary.status === 'done'
      ? t('movements.detailTitle', { kind: nameOf(vocabulary.data.kinds, movement.data.kind), group: movement.data.groupName })
      : t('movements.title');
  return (
    <Page title={title}>
      <p>
        <Link to="/operations/mouvements">{t('movements.detailBack')}</Link>
      </p>
      <Show loaded={both(movement, vocabulary)}>{([m, v]) => <MovementView movement={m} vocabulary={v} />}</Show>
    </Page>
  );
}
