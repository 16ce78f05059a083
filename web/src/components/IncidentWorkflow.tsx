import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { type Incident, TRANSITIONS, type TransitionName } from '../../../src/contracts/incidents.js';
import { ApiError, toProblem } from '../api/client.js';
import { incidentApi } from '../api/incidents.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { TextAreaField } from './fields.js';
import { IncidentConflict } from './IncidentConflict.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** Moves whose comment is worth asking for; rejecting and reopening cannot do without one. */
const COMMENTED: readonly TransitionName[] = ['verify', 'reject', 'close', 'reopen'];
const COMMENT_REQUIRED: readonly TransitionName[] = ['reject', 'reopen'];

function buttonClass(action: TransitionName): string {
  if (action === 'reject') return 'button-danger';
  return action === 'submit' || action === 'verify' ? 'button-primary' : 'button-secondary';
}

/** Who moved the incident from which status to which, when, and why: oldest first. */
export function IncidentTimeline({ steps }: { steps: Incident['steps'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  return (
    <ol className="incident-timeline" aria-label={t('incidents.workflow.stepsCaption')}>
      {steps.map((step) => (
        <li key={`${step.at}:${step.to}`} className={`incident-step incident-step-${step.to}`}>
          <p className="incident-step-head">
            <span className="incident-step-move">
              {t('incidents.workflow.step', {
                from: step.from ? t(`incidents.status.${step.from}`) : t('incidents.workflow.created'),
                to: t(`incidents.status.${step.to}`),
              })}
            </span>{' '}
            <span className="incident-step-by">{t('incidents.workflow.by', { name: step.by?.name ?? t('incidents.detail.nobody') })}</span>
            {' — '}
            <time dateTime={step.at}>{format.format(new Date(step.at))}</time>
          </p>
          {step.comment ? <p className="incident-step-comment">{step.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

interface IncidentActionsProps {
  incident: Incident;
  onChanged: (incident: Incident) => void;
  onReload: () => void;
}

/**
 * The moves the server allows this reader now (submit, verify, reject, close, reopen), each a
 * button, with a comment that travels with the move. A stale version is a conflict to reload.
 */
export function IncidentActions({ incident, onChanged, onReload }: IncidentActionsProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState<TransitionName | null>(null);
  const [done, setDone] = useState<TransitionName | null>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const conflictAlert = useRef<HTMLDivElement>(null);
  const allowed = (Object.keys(TRANSITIONS) as TransitionName[]).filter((action) => incident.may[action]);
  const asksComment = allowed.some((action) => COMMENTED.includes(action));

  // The button pressed may be gone after the move: the confirmation (or the conflict) takes the focus instead.
  useEffect(() => {
    if (done) notice.current?.focus();
  }, [done]);
  useEffect(() => {
    if (conflict) conflictAlert.current?.focus();
  }, [conflict]);

  const act = async (action: TransitionName) => {
    if (busy) return;
    setDone(null);
    if (COMMENT_REQUIRED.includes(action) && comment.trim() === '') {
      setProblem(clientProblem([{ path: 'comment', message: t('incidents.workflow.commentRequired') }]));
      commentInput.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(action);
    try {
      const changed = await incidentApi.transition(incident.ref, { action, version: incident.version, comment: comment.trim() });
      setComment('');
      setDone(action);
      onChanged(changed);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
      else setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="incident-actions">
      <h3>{t('incidents.workflow.actions')}</h3>
      {done && (
        <p ref={notice} role="status" className="alert alert-success" tabIndex={-1}>
          {t(`incidents.workflow.done.${done}`)}
        </p>
      )}
      {conflict && (
        <IncidentConflict
          ref={conflictAlert}
          onReload={() => {
            setConflict(false);
            onReload();
          }}
        />
      )}
      {allowed.length === 0 ? (
        <p className="hint">{t('incidents.workflow.noActions')}</p>
      ) : (
        <div className="form">
          <ProblemAlert problem={problem && problem.code !== 'client_validation' ? problem : null} />
          {asksComment && (
            <TextAreaField
              ref={commentInput}
              label={t('incidents.workflow.comment')}
              hint={t('incidents.workflow.commentHint')}
              rows={3}
              value={comment}
              onChange={setComment}
              error={fieldError(problem, 'comment')}
            />
          )}
          <div className="button-row">
            {allowed.map((action) => (
              <button
                key={action}
                type="button"
                className={buttonClass(action)}
                aria-disabled={busy !== null}
                onClick={() => void act(action)}
              >
                {busy === action ? t('incidents.workflow.busy') : t(`incidents.workflow.${action}`)}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
