import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { Unit } from '../../../src/contracts/units.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { type MembershipRequest, userApi, userQueries } from '../api/users.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { unitLabel } from '../units.js';
import { Loading, Notice, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';

/** Why the signed-in user may not decide a request; the server says only whether they may. */
function reason(request: MembershipRequest, meId: string): 'reasonRequester' | 'reasonSubject' | 'reasonManager' {
  if (request.requestedBy.id === meId) return 'reasonRequester';
  if (request.user.id === meId) return 'reasonSubject';
  return 'reasonManager';
}

interface MembershipRequestsProps {
  meId: string;
  units: readonly Unit[];
  /** After a decision: e.g. the accounts list is read again, the approved membership now in it. */
  onDecided?: () => void;
  /** Leave the panel out entirely while there is nothing waiting (a manager's account page). */
  hideWhenEmpty?: boolean;
}

/**
 * Memberships of units holding confidential content that wait for a second person: administrators
 * see them all, managers their units'. Approve and reject where the server says the user may.
 */
export function MembershipRequests({ meId, units, onDecided, hideWhenEmpty = false }: MembershipRequestsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const requests = useLoaded(userQueries.membershipRequests());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });

  if (hideWhenEmpty && !done && (requests.status !== 'done' || requests.data.requests.length === 0)) return null;

  const decide = async (request: MembershipRequest, decision: 'approve' | 'reject') => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      await userApi.decideMembershipRequest(request.id, decision);
      const unit = unitLabel(request.unit, units, locale);
      setDone(t(decision === 'approve' ? 'membershipRequests.approved' : 'membershipRequests.rejected', { name: request.user.name, unit }));
      onDecided?.();
    } catch (error) {
      setProblem(toProblem(error));
      requests.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-wide membership-requests" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('membershipRequests.title')}</h2>
      <p>{t('membershipRequests.intro')}</p>
      <ProblemAlert problem={problem} />
      {done && <Notice>{done}</Notice>}
      {requests.status === 'loading' ? (
        <Loading />
      ) : requests.status === 'failed' ? (
        <ProblemAlert problem={requests.problem} />
      ) : requests.data.requests.length === 0 ? (
        <p>{t('membershipRequests.empty')}</p>
      ) : (
        <ScrollingTable caption={t('membershipRequests.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('membershipRequests.person')}</th>
              <th scope="col">{t('membershipRequests.unit')}</th>
              <th scope="col">{t('membershipRequests.role')}</th>
              <th scope="col">{t('membershipRequests.requestedBy')}</th>
              <th scope="col">{t('membershipRequests.requestedAt')}</th>
              <th scope="col">{t('membershipRequests.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.data.requests.map((request) => {
              const unit = unitLabel(request.unit, units, locale);
              return (
                <tr key={request.id}>
                  <th scope="row">
                    {request.user.name}
                    <span className="status-note">{request.user.email}</span>
                  </th>
                  <td>{unit}</td>
                  <td>{t(`roles.${request.role}`)}</td>
                  <td>{request.requestedBy.name}</td>
                  <td>
                    <time dateTime={request.requestedAt}>{stamp.format(new Date(request.requestedAt))}</time>
                  </td>
                  <td>
                    {request.mayDecide ? (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button-primary button-small"
                          aria-disabled={busy}
                          onClick={() => void decide(request, 'approve')}
                        >
                          {t('membershipRequests.approve')}
                          <span className="visually-hidden">
                            {' '}
                            {request.user.name} — {unit}
                          </span>
                        </button>
                        <button
                          type="button"
                          className="button-danger button-small"
                          aria-disabled={busy}
                          onClick={() => void decide(request, 'reject')}
                        >
                          {t('membershipRequests.reject')}
                          <span className="visually-hidden">
                            {' '}
                            {request.user.name} — {unit}
                          </span>
                        </button>
                      </div>
                    ) : (
                      <span className="status-note">{t(`membershipRequests.${reason(request, meId)}`)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ScrollingTable>
      )}
    </section>
  );
}
