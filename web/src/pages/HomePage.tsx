import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { CaseStatus, MOVE_NAMES } from '../../../src/contracts/protection.js';
import type { Unit } from '../../../src/contracts/units.js';
import { organisationQueries, useUnits } from '../api/organisation.js';
import { useProtectionVocabulary } from '../api/protection.js';
import { type Loaded, useLoaded } from '../api/queries.js';
import { type Worklist, worklistQueries } from '../api/worklist.js';
import { Card } from '../components/Card.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { termLabel } from '../protection.js';
import { Link } from '../router.js';
import { sectionPath } from '../sections.js';
import { unitLabel } from '../units.js';

interface PartProps {
  title: string;
  total: number;
  /** The page listing them all. */
  all: string;
  children: ReactNode;
}

/** One part of the worklist: its title with how many wait, the first few, and a link to them all. */
function Part({ title, total, all, children }: PartProps) {
  const { t } = useTranslation();
  const id = `worklist-${all.replace(/[^a-z]/g, '-')}`;
  return (
    <section className="card worklist-part" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className={total > 0 ? 'count-badge count-badge-on' : 'count-badge'}>{total}</span>
      </h2>
      {total === 0 ? (
        <p className="hint">{t('worklist.none')}</p>
      ) : (
        <>
          <ul className="worklist-items">{children}</ul>
          <p>
            <Link to={all}>{t('worklist.all', { count: total })}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Parts({ list, worksOnCases }: { list: Worklist; worksOnCases: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useUnits();
  const vocabulary = useProtectionVocabulary();
  const unitsList = units.status === 'done' ? units.data : [];
  const unit = (code: string) => unitLabel(code, unitsList, locale);
  const vocab = vocabulary.status === 'done' ? vocabulary.data : null;
  // Case workers see their queues and cases, even empty; the server hides them without a second factor.
  const showsProtection = worksOnCases && !list.secondFactorNeeded;

  return (
    <div className="cards worklist">
      <Part title={t('worklist.toVerify')} total={list.toVerify.total} all="/incidents?status=submitted">
        {list.toVerify.items.map((item) => (
          <li key={item.ref} className="worklist-item">
            <Link to={`/incidents/${item.ref}`}>{item.title}</Link>
            <span className="worklist-meta">
              {item.ref} · {unit(item.unit)} · {formatDay(item.occurredOn, locale)}
            </span>
          </li>
        ))}
      </Part>
      <Part title={t('worklist.alerts')} total={list.alerts.total} all="/alertes">
        {list.alerts.items.map((item) => (
          <li key={item.id} className="worklist-item">
            <Link to="/alertes">{item.ruleName}</Link>
            <span className="worklist-meta">
              {item.areaName} · {unit(item.unit)} · {formatDay(item.raisedAt.slice(0, 10), locale)}
            </span>
          </li>
        ))}
      </Part>
      {showsProtection && (
        <>
          <Part title={t('worklist.calls')} total={list.calls.total} all="/protection/appels">
            {list.calls.items.map((item) => (
              <li key={item.ref} className="worklist-item">
                <Link to={`/protection/appels/${item.ref}`}>{item.ref}</Link>
                <span className="worklist-meta">
                  {vocab ? termLabel(vocab.callConcerns, item.concern) : item.concern} · {unit(item.routedTo)} ·{' '}
                  {formatDay(item.receivedAt.slice(0, 10), locale)}
                </span>
              </li>
            ))}
          </Part>
          <Part title={t('worklist.cases')} total={list.cases.total} all="/protection">
            {list.cases.items.map((item) => (
              <li key={item.ref} className="worklist-item">
                <Link to={`/protection/${item.ref}`}>{item.ref}</Link>
                <span className="worklist-meta">
                  {vocab ? termLabel(vocab.programmes, item.programme) : item.programme} ·{' '}
                  {t(`protection.status.${item.status as CaseStatus}`)}
                </span>
                {item.next.length > 0 && (
                  <span className="worklist-meta">
                    {t('worklist.next', {
                      step: item.next.map((move) => t(`protection.moves.${move as (typeof MOVE_NAMES)[number]}`)).join(', '),
                    })}
                  </span>
                )}
                {item.lateVerifications > 0 && (
                  <span className="worklist-late">{t('worklist.late', { count: item.lateVerifications })}</span>
                )}
              </li>
            ))}
          </Part>
        </>
      )}
      <Part title={t('worklist.drafts')} total={list.drafts.total} all="/incidents?status=draft">
        {list.drafts.items.map((item) => (
          <li key={item.ref} className="worklist-item">
            <Link to={`/incidents/${item.ref}`}>{item.title || item.ref}</Link>
            <span className="worklist-meta">
              {item.ref} · {unit(item.unit)} · {formatDay(item.occurredOn, locale)}
            </span>
          </li>
        ))}
      </Part>
    </div>
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

/**
 * « Mon travail » (`/` for a signed-in member): what waits for them — incidents to verify in the
 * units they manage, open alerts, calls in their intake queues, their protection cases with the
 * next step and late verifications, their drafts — each part with its count and links. The server
 * lists only what they may open.
 */
export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const worklist = useLoaded(worklistQueries.mine());
  const units = useUnits();

  return (
    <Page title={t('worklist.title')}>
      <p className="lead">{t('worklist.welcome', { name: me.name })}</p>
      <Show loaded={worklist}>
        {(list) => (
          <>
            <p role="status">{list.total === 0 ? t('worklist.nothing') : t('worklist.summary', { count: list.total })}</p>
            {list.secondFactorNeeded && (
              <p className="alert alert-info">
                {t('worklist.secondFactor')} <Link to="/account">{t('protection.secondFactorLink')}</Link>
              </p>
            )}
            <Parts list={list} worksOnCases={me.may.useProtection} />
            <ProposalsCard me={me} units={units} />
          </>
        )}
      </Show>
      <p className="worklist-more">
        <Link to="/mission">{t('worklist.mission')}</Link> · <Link to="/fiche">{t('shell.factsheet')}</Link>
      </p>
    </Page>
  );
}
