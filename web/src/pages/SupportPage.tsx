import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { SupportInput, SupportRequest, SupportVocabulary } from '../../../src/contracts/support.js';
import { toProblem } from '../api/client.js';
import { supportApi, supportQueries } from '../api/movements.js';
import { operationQueries } from '../api/operations.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { Show } from '../components/Show.js';
import { emptyWhere, type WhereDraft, WherePicker, whereOf } from '../components/WherePicker.js';
import { useLocale } from '../i18n.js';
import { Link, useLocation } from '../router.js';

const nameOf = (terms: readonly { code: string; name: string }[], code: string) => terms.find((t) => t.code === code)?.name ?? code;
const at = (instant: string) => `${formatDate(instant.slice(0, 10))} ${instant.slice(11, 16)}`;

/** One write on a request: the error stays beside its form. */
function useWrite() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await write();
      setProblem(null);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, run };
}

function HrddpForm({ request, vocabulary }: { request: SupportRequest; vocabulary: SupportVocabulary }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('no_risk');
  const [measures, setMeasures] = useState('');
  const { problem, busy, run } = useWrite();
  return (
    <form
      className="support-hrddp"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => supportApi.hrddp(request.id, { version: request.version, outcome, measures }));
      }}
    >
      <ProblemAlert problem={problem} />
      <SelectField label={t('movements.support.outcome')} value={outcome} onChange={setOutcome}>
        {vocabulary.outcomes.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('movements.support.measures')}
        value={measures}
        onChange={setMeasures}
        error={fieldError(problem, 'measures')}
        rows={2}
        optional={outcome !== 'mitigation'}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('movements.support.assess')}
      </button>
    </form>
  );
}

function Moves({ request }: { request: SupportRequest }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState('');
  const { problem, busy, run } = useWrite();
  const move = (action: 'approve' | 'refuse' | 'deliver' | 'cancel') =>
    void run(() => supportApi.transition(request.id, { action, version: request.version, comment, outcome }));
  const { may } = request;
  if (!may.approve && !may.refuse && !may.deliver && !may.cancel) return null;
  return (
    <div className="support-moves">
      <ProblemAlert problem={problem} />
      {may.deliver && (
        <TextAreaField
          label={t('movements.support.deliveryOutcome')}
          value={outcome}
          onChange={setOutcome}
          error={fieldError(problem, 'outcome')}
          rows={2}
        />
      )}
      <TextField label={t('movements.support.comment')} value={comment} onChange={setComment} optional />
      <div className="button-row">
        {may.approve && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => move('approve')}>
            {t('movements.support.approve')}
          </button>
        )}
        {may.refuse && (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => move('refuse')}>
            {t('movements.support.refuse')}
          </button>
        )}
        {may.deliver && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => move('deliver')}>
            {t('movements.support.deliver')}
          </button>
        )}
        {may.cancel && (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => move('cancel')}>
            {t('movements.support.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}

function RequestCard({ request, vocabulary }: { request: SupportRequest; vocabulary: SupportVocabulary }) {
  const { t } = useTranslation();
  const where = request.where.place ?? (request.where.point ? request.where.point.join(', ') : '—');
  return (
    <Card title={`${nameOf(vocabulary.kinds, request.kind)} — ${request.malianUnit}`} wide>
      <dl className="facts" data-support={request.id}>
        <dt>{t('movements.support.status')}</dt>
        <dd>
          <strong>{nameOf(vocabulary.statuses, request.status)}</strong>
        </dd>
        <dt>{t('movements.support.force')}</dt>
        <dd>{nameOf(vocabulary.forces, request.force)}</dd>
        <dt>{t('movements.support.requestedBy')}</dt>
        <dd>
          {request.requestedBy}, {formatDate(request.requestedOn)}
        </dd>
        <dt>{t('movements.support.neededFrom')}</dt>
        <dd>
          {formatDate(request.neededFrom)}
          {request.neededTo && ` – ${formatDate(request.neededTo)}`}
        </dd>
        <dt>{t('movements.support.place')}</dt>
        <dd>{where}</dd>
        <dt>{t('movements.support.unit')}</dt>
        <dd>{request.unit}</dd>
        {request.operation && (
          <>
            <dt>{t('movements.support.operation')}</dt>
            <dd>
              <Link to={`/operations/${request.operation.id}`}>{request.operation.title}</Link>
            </dd>
          </>
        )}
        <dt>{t('movements.support.description')}</dt>
        <dd>{request.description}</dd>
        <dt>{t('movements.support.hrddp')}</dt>
        <dd>
          {request.hrddp
            ? t('movements.support.hrddpBy', {
                outcome: nameOf(vocabulary.outcomes, request.hrddp.outcome),
                name: request.hrddp.by.name,
                at: at(request.hrddp.at),
              })
            : t('movements.support.hrddpNone')}
          {request.hrddp?.measures && <div className="hint">{request.hrddp.measures}</div>}
        </dd>
        {request.decision && (
          <>
            <dt>{t('movements.support.decision')}</dt>
            <dd>
              {t('movements.decidedBy', { name: request.decision.by.name, at: at(request.decision.at) })}
              {request.decisionComment && <div className="hint">{request.decisionComment}</div>}
            </dd>
          </>
        )}
        {request.closed && (
          <>
            <dt>{t('movements.support.deliveryOutcome')}</dt>
            <dd>
              {request.deliveryOutcome}
              <div className="hint">{t('movements.support.delivered', { name: request.closed.by.name, at: at(request.closed.at) })}</div>
            </dd>
          </>
        )}
      </dl>
      {request.may.hrddp && <HrddpForm request={request} vocabulary={vocabulary} />}
      <Moves request={request} />
    </Card>
  );
}

/** The operation a request is for, chosen among those not over yet; one given by the link it came from stays chosen. */
function OperationPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = useLoaded(operationQueries.current(locale));
  const items = current.status === 'done' ? current.data.items : [];
  return (
    <SelectField
      label={t('movements.support.operation')}
      hint={t('movements.support.operationHint')}
      value={value}
      onChange={onChange}
      error={error}
      optional
    >
      <option value="">{t('movements.support.noOperation')}</option>
      {value !== '' && !items.some((o) => o.id === value) && <option value={value}>{value}</option>}
      {items.map((o) => (
        <option key={o.id} value={o.id}>
          {t('movements.support.operationChoice', {
            title: o.title,
            status: t(`operations.statuses.${o.status}`),
            start: formatDate(o.plannedStart.slice(0, 10)),
          })}
        </option>
      ))}
    </SelectField>
  );
}

function RecordForm({ vocabulary, operation }: { vocabulary: SupportVocabulary; operation: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    kind: 'transport',
    force: 'fama',
    malianUnit: '',
    requestedBy: '',
    requestedOn: '',
    neededFrom: '',
    neededTo: '',
    unit: vocabulary.units[0] ?? '',
    operation,
    description: '',
  });
  const [where, setWhere] = useState<WhereDraft>(emptyWhere);
  const [done, setDone] = useState(false);
  const { problem, busy, run } = useWrite();
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: SupportInput = {
      kind: draft.kind as SupportInput['kind'],
      force: draft.force as SupportInput['force'],
      malianUnit: draft.malianUnit,
      requestedBy: draft.requestedBy,
      requestedOn: draft.requestedOn,
      neededFrom: draft.neededFrom,
      neededTo: draft.neededTo || null,
      where: whereOf(where),
      unit: draft.unit,
      operation: draft.operation.trim() || null,
      description: draft.description,
    };
    setDone(false);
    void run(async () => {
      await supportApi.record(input);
      setDone(true);
      setDraft((d) => ({ ...d, malianUnit: '', requestedBy: '', description: '' }));
    });
  };
  const e = (path: string) => fieldError(problem, path);
  return (
    <form onSubmit={submit} noValidate className="support-form">
      <ProblemAlert problem={problem} />
      {done && !problem && <Notice>{t('movements.support.recorded')}</Notice>}
      <SelectField label={t('movements.support.kind')} value={draft.kind} onChange={set('kind')}>
        {vocabulary.kinds.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('movements.support.force')} value={draft.force} onChange={set('force')}>
        {vocabulary.forces.map((f) => (
          <option key={f.code} value={f.code}>
            {f.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('movements.support.malianUnit')} value={draft.malianUnit} onChange={set('malianUnit')} error={e('malianUnit')} />
      <TextField
        label={t('movements.support.requestedBy')}
        value={draft.requestedBy}
        onChange={set('requestedBy')}
        error={e('requestedBy')}
      />
      <TextField
        type="date"
        label={t('movements.support.requestedOn')}
        value={draft.requestedOn}
        onChange={set('requestedOn')}
        error={e('requestedOn')}
      />
      <TextField
        type="date"
        label={t('movements.support.neededFrom')}
        value={draft.neededFrom}
        onChange={set('neededFrom')}
        error={e('neededFrom')}
      />
      <TextField
        type="date"
        label={t('movements.support.neededTo')}
        value={draft.neededTo}
        onChange={set('neededTo')}
        error={e('neededTo')}
        optional
      />
      <WherePicker
        legend={t('movements.support.place')}
        places={vocabulary.places}
        value={where}
        onChange={setWhere}
        problem={problem}
        path="where"
      />
      <SelectField label={t('movements.support.unit')} value={draft.unit} onChange={set('unit')}>
        {vocabulary.units.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </SelectField>
      <OperationPicker value={draft.operation} onChange={set('operation')} error={e('operation')} />
      <TextAreaField
        label={t('movements.support.description')}
        value={draft.description}
        onChange={set('description')}
        error={e('description')}
        rows={3}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('movements.support.submit')}
      </button>
    </form>
  );
}

/**
 * « Appui aux forces maliennes »: the requests with their HRDDP check, decision and delivery, and
 * the entry form (`?operation=<id>` links a request to an operation). The server decides who reads
 * and who acts (`may`); capacity-building is in the activities module.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const vocabulary = useLoaded(supportQueries.vocabulary(locale));
  const list = useLoaded(supportQueries.list({}, locale));
  return (
    <Page title={t('movements.support.title')}>
      <p className="lead">{t('movements.support.intro')}</p>
      <p>
        {t('movements.support.capacity')} <Link to="/activites">{t('movements.support.activities')}</Link>
      </p>
      <p className="button-row">
        <Link to="/operations">{t('movements.support.back')}</Link>
        <Link to="/operations/mouvements">{t('movements.link')}</Link>
      </p>
      <Show loaded={both(vocabulary, list)}>
        {([vocab, l]) => (
          <>
            <h2>{t('movements.support.list')}</h2>
            {l.items.length === 0 && <p>{t('movements.support.empty')}</p>}
            {l.items.map((request) => (
              <RequestCard key={request.id} request={request} vocabulary={vocab} />
            ))}
            {vocab.units.length > 0 && (
              <Card title={t('movements.support.record')} wide>
                <RecordForm vocabulary={vocab} operation={search.get('operation') ?? ''} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
