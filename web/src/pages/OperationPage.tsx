import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
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
import { geometryText, instant } from '../operations.js';
import { Link } from '../router.js';

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

/** The end-of-operation report an officer of a unit taking part writes to complete it. */
function ReportForm({ operation, onChanged }: { operation: Operation; onChanged: (o: Operation) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
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
  });
  const [problem, setProblem] = useState<Problem | null>(null);
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
    try {
      onChanged(await operationApi.transition(operation.id, { action: 'complete', version: operation.version, report }));
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

/** The lifecycle: who moved the operation when, and the moves the server allows this reader now. */
function Lifecycle({ operation, onChanged }: { operation: Operation; onChanged: (o: Operation) => void }) {
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
      {operation.may.complete && <ReportForm operation={operation} onChanged={onChanged} />}
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
              <Lifecycle operation={data} onChanged={changed} />
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
