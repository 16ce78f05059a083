import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { OPERATION_TRANSITION_NAMES, type Operation, type OperationTransition } from '../../../src/contracts/operations.js';
import { toProblem } from '../api/client.js';
import { operationApi, operationKeys, operationQueries } from '../api/operations.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { TextAreaField, TextField } from '../components/fields.js';
import { OperationShape } from '../components/OperationShape.js';
import { OperationTime } from '../components/OperationTime.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { sendOrKeep } from '../offline/engine.js';
import { formPathOf, type OperationReportPayload } from '../offline/kinds.js';
import type { OutboxRecord } from '../offline/outbox.js';
import { useOutboxRecord, useOutboxRecords } from '../offline/useOutboxRecords.js';
import { geometryText, instant } from '../operations.js';
import { Link, navigate, useLocation } from '../router.js';

/** The operation's facts: type, units, sector, places, times, personnel by sex, means. */
function Facts({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('operations.fields.type')}</dt>
      <dd>{t(`operations.types.${operation.type}`)}</dd>
      <dt>{t('operations.fields.status')}</dt>
      <dd>{t(`operations.statuses.${operation.status}`)}</dd>
      <dt>{t('operations.fields.unit')}</dt>
      <dd>{operation.unit}</dd>
      <dt>{t('operations.fields.units')}</dt>
      <dd>{operation.units.join(', ')}</dd>
      <dt>{t('operations.fields.classification')}</dt>
      <dd>{t(`operations.classifications.${operation.classification}`)}</dd>
      <dt>{t('operations.fields.sector')}</dt>
      <dd>{t(`operations.sectors.${operation.sector}`)}</dd>
      {operation.places.length > 0 && (
        <>
          <dt>{t('operations.fields.places')}</dt>
          <dd>{operation.places.join(', ')}</dd>
        </>
      )}
      {operation.regions.length > 0 && (
        <>
          <dt>{t('operations.fields.regions')}</dt>
          <dd>{operation.regions.join(', ')}</dd>
        </>
      )}
      {operation.orders && (
        <>
          <dt>{t('operations.fields.orders')}</dt>
          <dd>{operation.orders}</dd>
        </>
      )}
      <dt>{t('operations.fields.planned')}</dt>
      <dd>
        <OperationTime value={operation.plannedStart} /> – <OperationTime value={operation.plannedEnd} />
      </dd>
      {operation.actualStart && (
        <>
          <dt>{t('operations.fields.actual')}</dt>
          <dd>
            <OperationTime value={operation.actualStart} />
            {operation.actualEnd && (
              <>
                {' '}
                – <OperationTime value={operation.actualEnd} />
              </>
            )}
          </dd>
        </>
      )}
      <dt>{t('operations.fields.personnel')}</dt>
      <dd>
        {t('operations.fields.women')} : {operation.women} · {t('operations.fields.men')} : {operation.men} ·{' '}
        {t('operations.fields.engagementTeams')} : {operation.engagementTeams}
      </dd>
      <dt>{t('operations.fields.vehicles')}</dt>
      <dd>{operation.vehicles}</dd>
      <dt>{t('operations.fields.createdBy')}</dt>
      <dd>{operation.createdBy.name}</dd>
    </dl>
  );
}

function LinkedIncidents({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  if (operation.incidents.length === 0) return <p>{t('operations.detail.noIncidents')}</p>;
  return (
    <ScrollingTable caption={t('operations.detail.incidentsCaption')} className="operation-incidents">
      <thead>
        <tr>
          <th scope="col">{t('operations.detail.incidentRef')}</th>
          <th scope="col">{t('operations.detail.incidentTitle')}</th>
          <th scope="col">{t('operations.detail.incidentOn')}</th>
          <th scope="col">{t('operations.detail.incidentRelation')}</th>
        </tr>
      </thead>
      <tbody>
        {operation.incidents.map((incident) => (
          <tr key={incident.id}>
            <th scope="row">
              <Link to={`/incidents/${incident.ref}`}>{incident.ref}</Link>
            </th>
            <td>{incident.title}</td>
            <td className="nowrap">{incident.occurredOn.split('-').reverse().join('/')}</td>
            <td>{t(`operations.relations.${incident.relation}`)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

const RELATION_WORDS: Record<string, 'met' | 'produced'> = { met: 'met', rencontré: 'met', produced: 'produced', provoqué: 'produced' };

/** The report form's fields as typed. */
interface ReportDraft {
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  women: string;
  men: string;
  engagementTeams: string;
  vehicles: string;
  outcome: string;
  observations: string;
  incidents: string;
}

/** The server's refusal kept with an outbox record, as the form shows a problem. */
function keptProblem(record: OutboxRecord): Problem | null {
  const kept = record.problem;
  if (!kept) return null;
  return { type: 'about:blank', title: kept.message, detail: kept.message, status: kept.status, code: kept.code, errors: kept.errors };
}

/**
 * The end-of-operation report an officer of a unit taking part writes to complete it. Sent with the
 * device's key; when the server cannot be reached it is kept in the outbox (`operation.report`) and
 * the operation completes when it is sent. `reopened`: a kept report opened again to be fixed.
 */
function ReportForm({
  operation,
  onChanged,
  reopened,
}: {
  operation: Operation;
  onChanged: (o: Operation) => void;
  reopened?: OutboxRecord | undefined;
}) {
  const { t } = useTranslation();
  const submissionKey = useRef(reopened?.key ?? crypto.randomUUID());
  const [draft, setDraft] = useState<ReportDraft>(() => ({
    startDay: operation.actualStart?.slice(0, 10) ?? '',
    startTime: operation.actualStart?.slice(11, 16) ?? '',
    endDay: '',
    endTime: '',
    women: String(operation.women),
    men: String(operation.men),
    engagementTeams: String(operation.engagementTeams),
    vehicles: String(operation.vehicles),
    outcome: '',
    observations: '',
    incidents: '',
    ...(reopened ? ((reopened.payload as OperationReportPayload).draft as Partial<ReportDraft>) : {}),
  }));
  const conflict = reopened?.problem?.code === 'version_conflict';
  const [problem, setProblem] = useState<Problem | null>(reopened && !conflict ? keptProblem(reopened) : null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: { path: string; message: string }[] = [];
    const count = (path: string, text: string) => {
      if (!/^\d+$/.test(text.trim())) errors.push({ path, message: t('operations.form.countInvalid') });
      return Number(text.trim()) || 0;
    };
    const at = (path: string, day: string, time: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) errors.push({ path, message: t('operations.form.dateInvalid') });
      else if (!/^\d{2}:\d{2}$/.test(time)) errors.push({ path, message: t('operations.form.timeInvalid') });
      return instant(day, time);
    };
    const incidents: { ref: string; relation: 'met' | 'produced' }[] = [];
    draft.incidents.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') return;
      const [ref = '', word = ''] = line.split(/\s+/);
      const relation = RELATION_WORDS[word.toLowerCase()];
      if (!/^MLI-\d{4}-\d{6}$/.test(ref.toUpperCase()) || !relation)
        errors.push({ path: 'report.incidents', message: t('operations.report.incidentsInvalid', { line: index + 1 }) });
      else incidents.push({ ref: ref.toUpperCase(), relation });
    });
    const report = {
      actualStart: at('report.actualStart', draft.startDay, draft.startTime),
      actualEnd: at('report.actualEnd', draft.endDay, draft.endTime),
      women: count('report.women', draft.women),
      men: count('report.men', draft.men),
      engagementTeams: count('report.engagementTeams', draft.engagementTeams),
      vehicles: count('report.vehicles', draft.vehicles),
      outcome: draft.outcome,
      observations: draft.observations,
      incidents,
    };
    if (errors.length > 0) return setProblem(clientProblem(errors));
    setBusy(true);
    setProblem(null);
    const key = submissionKey.current;
    const payload: OperationReportPayload = { operationId: operation.id, version: operation.version, report, draft };
    const summary = operation.titleFr;
    try {
      const result = await sendOrKeep(
        'operation.report',
        payload,
        summary,
        key,
        () => operationApi.transition(operation.id, { action: 'complete', version: operation.version, report }, key),
        reopened?.key,
      );
      if ('sent' in result) {
        onChanged(result.sent);
        if (reopened) navigate(`/operations/${encodeURIComponent(operation.id)}`);
      } else if (reopened) navigate(`/operations/${encodeURIComponent(operation.id)}`);
      // Kept on the device: the page shows it waiting in place of the form.
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };
  const e = (path: string) => fieldError(problem, `report.${path}`);
  const incidentError = problem?.errors?.find((error) => error.path.startsWith('report.incidents'))?.message;
  return (
    <form onSubmit={submit} noValidate className="operation-report-form">
      <h3>{t('operations.report.title')}</h3>
      {reopened && <p className="hint">{t('operationReport.reopened')}</p>}
      {conflict && (
        <p role="alert" className="alert alert-error">
          {t('operationReport.conflict')}
        </p>
      )}
      <ProblemAlert problem={problem} />
      <TextField
        type="date"
        label={t('operations.fields.actualStartDay')}
        value={draft.startDay}
        onChange={set('startDay')}
        error={e('actualStart')}
      />
      <TextField type="time" label={t('operations.fields.actualStartTime')} value={draft.startTime} onChange={set('startTime')} />
      <TextField
        type="date"
        label={t('operations.fields.actualEndDay')}
        value={draft.endDay}
        onChange={set('endDay')}
        error={e('actualEnd')}
      />
      <TextField type="time" label={t('operations.fields.actualEndTime')} value={draft.endTime} onChange={set('endTime')} />
      <TextField label={t('operations.fields.women')} value={draft.women} onChange={set('women')} inputMode="numeric" error={e('women')} />
      <TextField label={t('operations.fields.men')} value={draft.men} onChange={set('men')} inputMode="numeric" error={e('men')} />
      <TextField
        label={t('operations.fields.engagementTeams')}
        value={draft.engagementTeams}
        onChange={set('engagementTeams')}
        inputMode="numeric"
      />
      <TextField label={t('operations.fields.vehicles')} value={draft.vehicles} onChange={set('vehicles')} inputMode="numeric" />
      <TextAreaField label={t('operations.fields.outcome')} value={draft.outcome} onChange={set('outcome')} error={e('outcome')} rows={3} />
      <TextAreaField
        label={t('operations.fields.observations')}
        value={draft.observations}
        onChange={set('observations')}
        optional
        rows={3}
      />
      <TextAreaField
        label={t('operations.report.incidents')}
        hint={t('operations.report.incidentsHint')}
        value={draft.incidents}
        onChange={set('incidents')}
        error={incidentError}
        optional
        rows={3}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('operations.report.submit')}
      </button>
    </form>
  );
}

/** A report of this operation kept in the outbox: what was written, whether it waits or was refused, and the way to fix it. */
function QueuedReport({ record, operation }: { record: OutboxRecord; operation: Operation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const payload = record.payload as OperationReportPayload;
  const report = payload.report as {
    actualStart: string;
    actualEnd: string;
    women: number;
    men: number;
    outcome: string;
    incidents: unknown[];
  };
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const at = (iso: string) => `${format.format(new Date(iso))} UTC`;
  const form = formPathOf(record.kind, record.payload, record.key);
  return (
    <section className="operation-queued-report" aria-labelledby={`queued-${record.key}`}>
      <h3 id={`queued-${record.key}`}>
        {record.state === 'refused' ? t('operationReport.refusedTitle') : t('operationReport.waitingTitle')}
      </h3>
      {record.state === 'refused' ? (
        <div role="alert" className="alert alert-error">
          <p>{t('operationReport.refused')}</p>
          <p>{record.problem?.code === 'version_conflict' ? t('operationReport.conflict') : record.problem?.message}</p>
          {!operation.may.complete && <p>{t('operationReport.cannotComplete')}</p>}
        </div>
      ) : (
        <p role="status" className="outbox-kept">
          {record.state === 'sending' ? t('operationReport.sending') : t('operationReport.kept')}{' '}
          {t('operationReport.waiting', { at: at(record.enteredAt) })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('operations.fields.actual')}</dt>
        <dd>{t('operationReport.period', { start: at(report.actualStart), end: at(report.actualEnd) })}</dd>
        <dt>{t('operations.fields.personnel')}</dt>
        <dd>{t('operationReport.personnel', { women: report.women, men: report.men })}</dd>
        <dt>{t('operations.fields.outcome')}</dt>
        <dd>{report.outcome}</dd>
        <dt>{t('operations.detail.incidents')}</dt>
        <dd>{t('operationReport.incidents', { count: report.incidents.length })}</dd>
      </dl>
      <div className="button-row">
        {record.state === 'refused' && form && operation.may.complete && (
          <Link to={form} className="button-primary">
            {t('operationReport.fix')}
          </Link>
        )}
        <Link to="/outbox" className="button-secondary">
          {t('operationReport.outbox')}
        </Link>
      </div>
    </section>
  );
}

/** The lifecycle: who moved the operation when, and the moves the server allows this reader now. */
function Lifecycle({
  operation,
  onChanged,
  queued,
  reopened,
}: {
  operation: Operation;
  onChanged: (o: Operation) => void;
  /** A report of this operation waiting in the outbox: no second one is written meanwhile. */
  queued: OutboxRecord | null;
  /** A kept report opened again to be fixed (`?outbox=<key>`). */
  reopened: OutboxRecord | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // The move just made, with the version it produced: a later change (the report) hides it.
  const [done, setDone] = useState<{ move: string; version: number } | null>(null);
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const moves = OPERATION_TRANSITION_NAMES.filter((name) => name !== 'complete' && operation.may[name]);

  const move = async (action: OperationTransition) => {
    setBusy(true);
    setDone(null);
    try {
      const moved = await operationApi.transition(operation.id, { action, version: operation.version, comment });
      onChanged(moved);
      setProblem(null);
      setComment('');
      setDone({ move: t(`operations.moves.${action}`), version: moved.version });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ol className="incident-timeline" aria-label={t('operations.lifecycle.steps')}>
        {operation.steps.map((step) => (
          <li key={`${step.at}:${step.to}`}>
            <p>
              {t('operations.lifecycle.step', { to: t(`operations.statuses.${step.to}`), by: step.by.name })} —{' '}
              <time dateTime={step.at}>{format.format(new Date(step.at))} UTC</time>
            </p>
            {step.comment && <p className="hint">{step.comment}</p>}
          </li>
        ))}
      </ol>
      <ProblemAlert problem={problem} />
      {done?.version === operation.version && <Notice>{t('operations.lifecycle.done', { move: done.move })}</Notice>}
      {moves.length > 0 && (
        <div className="project-actions">
          <TextAreaField
            label={t('operations.lifecycle.comment')}
            hint={t('operations.lifecycle.commentHint')}
            value={comment}
            onChange={setComment}
            error={fieldError(problem, 'comment')}
            optional
            rows={2}
          />
          <div className="button-row">
            {moves.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'cancel' ? 'button-danger' : 'button-primary'}
                disabled={busy}
                onClick={() => move(action)}
              >
                {t(`operations.moves.${action}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {operation.may.complete &&
        (reopened ? (
          <ReportForm key={reopened.key} operation={operation} onChanged={onChanged} reopened={reopened} />
        ) : queued ? (
          <QueuedReport record={queued} operation={operation} />
        ) : (
          <ReportForm operation={operation} onChanged={onChanged} />
        ))}
    </>
  );
}

/** « Opération »: one operation with its route or area on the map, its lifecycle, report and linked incidents. */
export function OperationPage({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const operation = useLoaded(operationQueries.detail(operationId, locale));
  const changed = (updated: Operation) => client.setQueryData(operationKeys.detail(operationId, locale), updated);
  // A report of this operation kept on this device (waiting or refused), and the one opened again with `?outbox=<key>`.
  const records = useOutboxRecords();
  const isReport = (record: OutboxRecord | null | undefined): record is OutboxRecord =>
    record?.kind === 'operation.report' && (record.payload as OperationReportPayload).operationId === operationId;
  const queued = records?.find(isReport) ?? null;
  const outboxKey = useLocation().search.get('outbox');
  const opened = useOutboxRecord(outboxKey);
  const reopened = isReport(opened) ? opened : null;
  const title =
    operation.status === 'done'
      ? locale === 'en' && operation.data.titleEn
        ? operation.data.titleEn
        : operation.data.titleFr
      : t('operations.detail.title');

  return (
    <Page title={title}>
      <p>
        <Link to="/operations">{t('operations.detail.back')}</Link>
      </p>
      <Show loaded={operation}>
        {(data) => (
          <>
            {data.may.edit && (
              <p>
                <Link to={`/operations/${data.id}/modifier`} className="button-secondary">
                  {t('operations.detail.edit')}
                </Link>
              </p>
            )}
            <p>
              <Link to={`/operations/appui?operation=${data.id}`}>{t('movements.support.forOperation')}</Link>
            </p>
            <Card title={t('operations.detail.facts')} wide>
              <Facts operation={data} />
            </Card>
            <Card title={t('operations.detail.map')} wide>
              {data.geometry ? (
                <>
                  <OperationShape geometry={data.geometry} label={t('operations.detail.mapLabel')} help={t('operations.detail.mapHelp')} />
                  <details>
                    <summary>{t('operations.detail.points')}</summary>
                    <pre>{geometryText(data.geometry)}</pre>
                  </details>
                </>
              ) : (
                <p>{t('operations.detail.noGeometry')}</p>
              )}
            </Card>
            <Card title={t('operations.lifecycle.title')} wide>
              {outboxKey && opened === undefined ? null : (
                <Lifecycle operation={data} onChanged={changed} queued={queued} reopened={reopened} />
              )}
            </Card>
            <Card title={t('operations.detail.report')} wide>
              {data.status === 'completed' ? (
                <dl className="facts">
                  <dt>{t('operations.fields.outcome')}</dt>
                  <dd>{data.outcome}</dd>
                  {data.observations && (
                    <>
                      <dt>{t('operations.fields.observations')}</dt>
                      <dd>{data.observations}</dd>
                    </>
                  )}
                </dl>
              ) : queued && !data.may.complete ? (
                <QueuedReport record={queued} operation={data} />
              ) : (
                <p>{t('operations.detail.noReport')}</p>
              )}
              <h3>{t('operations.detail.incidents')}</h3>
              <LinkedIncidents operation={data} />
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
