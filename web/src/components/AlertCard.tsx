import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../src/contracts/alerts.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { alertApi } from '../api/alerts.js';
import { toProblem } from '../api/client.js';
import { formatCount, formatDay, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { isOpen, unitLabel } from '../units.js';
import { useAreaLabel } from './AlertRules.js';
import { SelectField, TextAreaField } from './fields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** A moment as the mission reads it: Mali keeps UTC all year. */
export function formatMoment(iso: string, locale: 'fr' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

type Action = 'acknowledge' | 'escalate';

interface ActionFormProps {
  alert: Alert;
  action: Action;
  units: readonly Unit[];
  onDone: (alert: Alert, message: string) => void;
  onCancel: () => void;
}

/** Acknowledge (comment optional) or escalate to another unit (unit and comment required). */
function ActionForm({ alert, action, units, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [to, setTo] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  const labels = { to: t('alerts.escalateTo'), comment: action === 'escalate' ? t('alerts.escalateComment') : t('alerts.comment') };

  useEffect(() => {
    if (action === 'acknowledge') first.current?.focus();
  }, [action]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (action === 'escalate') {
      const errors = [
        ...(to === '' ? [{ path: 'to', message: t('alerts.unitMissing') }] : []),
        ...(comment.trim() === '' ? [{ path: 'comment', message: t('alerts.commentMissing') }] : []),
      ];
      if (errors.length > 0) return setProblem(clientProblem(errors));
    }
    setBusy(true);
    setProblem(null);
    try {
      const body =
        action === 'escalate'
          ? { action, version: alert.version, comment: comment.trim(), to }
          : { action, version: alert.version, comment: comment.trim() };
      const updated = await alertApi.act(alert.id, body);
      onDone(updated, action === 'escalate' ? t('alerts.escalated', { unit: unitLabel(to, units, locale) }) : t('alerts.acknowledged'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form alert-action-form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      {action === 'escalate' && (
        <SelectField label={labels.to} value={to} onChange={setTo} required error={fieldError(problem, 'to')}>
          <option value="">{t('alerts.chooseUnit')}</option>
          {units
            .filter((unit) => unit.code !== alert.unit && isOpen(unit))
            .map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unitLabel(unit.code, units, locale)}
              </option>
            ))}
        </SelectField>
      )}
      <TextAreaField
        ref={first}
        label={labels.comment}
        value={comment}
        onChange={setComment}
        rows={2}
        required={action === 'escalate'}
        hint={action === 'acknowledge' ? t('alerts.commentOptional') : undefined}
        error={fieldError(problem, 'comment')}
      />
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
          {action === 'escalate' ? t('alerts.escalateSubmit') : t('alerts.acknowledgeSubmit')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One alert of the inbox: what fired, where, how many incidents in which window, and what was done. */
export function AlertCard({
  alert,
  units,
  vocabulary,
  onChanged,
}: {
  alert: Alert;
  units: readonly Unit[];
  vocabulary: IncidentVocabulary;
  onChanged: (alert: Alert) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const areaLabel = useAreaLabel(vocabulary);

  useEffect(() => {
    if (message) notice.current?.focus();
  }, [message]);

  const open = (next: Action) => {
    setMessage(null);
    setAction((current) => (current === next ? null : next));
  };
  const done = (updated: Alert, text: string) => {
    setAction(null);
    setMessage(text);
    onChanged(updated);
  };
  const canAcknowledge = alert.mayAct && alert.status === 'open';
  const canEscalate = alert.mayAct && alert.status !== 'escalated';

  return (
    <article className={`alert-card alert-card-${alert.status}`} aria-labelledby={titleId}>
      <header className="alert-card-header">
        <h3 id={titleId}>{alert.rule.name}</h3>
        <span className={`status alert-status-${alert.status}`}>{t(`alerts.statuses.${alert.status}`)}</span>
      </header>
      <dl className="alert-facts">
        <div>
          <dt>{t('alerts.area')}</dt>
          <dd>{areaLabel(alert.area, alert.areaName)}</dd>
        </div>
        <div>
          <dt>{t('alerts.count')}</dt>
          <dd>
            {t('alerts.countInWindow', {
              count: alert.count,
              formatted: formatCount(alert.count, locale),
              from: formatDay(alert.windowFrom, locale),
              to: formatDay(alert.windowTo, locale),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('alerts.raisedAt')}</dt>
          <dd>
            <time dateTime={alert.raisedAt}>{formatMoment(alert.raisedAt, locale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('alerts.unit')}</dt>
          <dd>{unitLabel(alert.unit, units, locale)}</dd>
        </div>
        <div>
          <dt>{t('alerts.incident')}</dt>
          <dd>
            {alert.incident ? (
              <Link to={`/incidents/${encodeURIComponent(alert.incident.ref)}`}>
                {alert.incident.ref} — {alert.incident.title}
              </Link>
            ) : (
              t('alerts.incidentHidden')
            )}
          </dd>
        </div>
        {alert.escalatedFrom && (
          <div>
            <dt>{t('alerts.origin')}</dt>
            <dd>{t('alerts.escalatedFrom')}</dd>
          </div>
        )}
        {alert.actedAt && (
          <div>
            <dt>{t(`alerts.actedTitle.${alert.status}`)}</dt>
            <dd>
              {t('alerts.actedBy', { name: alert.actedBy ?? '—', at: formatMoment(alert.actedAt, locale) })}
              {alert.comment && <q className="alert-comment">{alert.comment}</q>}
            </dd>
          </div>
        )}
      </dl>
      {message && (
        <p ref={notice} role="status" tabIndex={-1} className="alert alert-success">
          {message}
        </p>
      )}
      {(canAcknowledge || canEscalate) && (
        <div className="button-row">
          {canAcknowledge && (
            <button
              type="button"
              className="button-secondary button-small"
              aria-expanded={action === 'acknowledge'}
              onClick={() => open('acknowledge')}
            >
              {t('alerts.acknowledge')}
            </button>
          )}
          {canEscalate && (
            <button
              type="button"
              className="button-secondary button-small"
              aria-expanded={action === 'escalate'}
              onClick={() => open('escalate')}
            >
              {t('alerts.escalate')}
            </button>
          )}
        </div>
      )}
      {action && <ActionForm alert={alert} action={action} units={units} onDone={done} onCancel={() => setAction(null)} />}
    </article>
  );
}
