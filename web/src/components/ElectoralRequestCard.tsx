import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ElectoralRequest, electionApi } from '../api/elections.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { blank, count, kilograms, tonnes, useSubmit } from './ElectionForms.js';
import { TextAreaField, TextField } from './fields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** An electoral support request: its decision and its delivery, with the forms of whoever may record them. */

function Decision({ request }: { request: ElectoralRequest }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const { problem, busy, run } = useSubmit();
  const decide = (decision: 'accepted' | 'declined') => () =>
    void run(() => electionApi.decide(request.id, { decision, note: blank(note), version: request.version }));
  return (
    <div className="form">
      <ProblemAlert problem={problem} />
      <TextField label={t('elections.decisionNote')} optional value={note} onChange={setNote} />
      <div className="form-row">
        <button type="button" className="button-primary" disabled={busy} onClick={decide('accepted')}>
          {t('elections.accept')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={decide('declined')}>
          {t('elections.decline')}
        </button>
      </div>
    </div>
  );
}

function DeliveryForm({ request }: { request: ElectoralRequest }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    deliveredOn: '',
    tonnes: '',
    flights: '',
    convoys: '',
    escorts: '',
    patrols: '',
    securityPlan: '',
    note: '',
  });
  const { problem, setProblem, busy, run } = useSubmit();
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = {
      deliveredKg: kilograms(draft.tonnes),
      flights: count(draft.flights),
      convoys: count(draft.convoys),
      escorts: count(draft.escorts),
      patrols: count(draft.patrols),
    };
    const errors = Object.entries(values)
      .filter(([, v]) => Number.isNaN(v))
      .map(([path]) => ({ path, message: t('elections.notNumber') }));
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    void run(() =>
      electionApi.deliver(request.id, {
        deliveredOn: draft.deliveredOn,
        ...values,
        securityPlan: blank(draft.securityPlan),
        note: blank(draft.note),
        version: request.version,
      }),
    );
  };
  const labels = {
    deliveredOn: t('elections.deliveredOn'),
    deliveredKg: t('elections.deliveredTonnes'),
    flights: t('elections.flights'),
    convoys: t('elections.convoys'),
    escorts: t('elections.escorts'),
    patrols: t('elections.patrols'),
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('elections.deliverTitle')}>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField
          label={labels.deliveredOn}
          type="date"
          required
          value={draft.deliveredOn}
          onChange={set('deliveredOn')}
          error={fieldError(problem, 'deliveredOn')}
        />
        <TextField
          label={labels.deliveredKg}
          inputMode="decimal"
          optional
          value={draft.tonnes}
          onChange={set('tonnes')}
          error={fieldError(problem, 'deliveredKg')}
        />
        <TextField
          label={labels.flights}
          inputMode="numeric"
          optional
          value={draft.flights}
          onChange={set('flights')}
          error={fieldError(problem, 'flights')}
        />
        <TextField
          label={labels.convoys}
          inputMode="numeric"
          optional
          value={draft.convoys}
          onChange={set('convoys')}
          error={fieldError(problem, 'convoys')}
        />
        <TextField
          label={labels.escorts}
          inputMode="numeric"
          optional
          value={draft.escorts}
          onChange={set('escorts')}
          error={fieldError(problem, 'escorts')}
        />
        <TextField
          label={labels.patrols}
          inputMode="numeric"
          optional
          value={draft.patrols}
          onChange={set('patrols')}
          error={fieldError(problem, 'patrols')}
        />
      </div>
      <TextAreaField label={t('elections.securityPlan')} optional value={draft.securityPlan} onChange={set('securityPlan')} />
      <TextField label={t('elections.deliveryNote')} optional value={draft.note} onChange={set('note')} />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('elections.saveDelivery')}
      </button>
    </form>
  );
}

export function RequestCard({ request }: { request: ElectoralRequest }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const d = request.delivery;
  const colon = locale === 'fr' ? '\u00a0: ' : ': ';
  return (
    <article className="card-item" aria-label={`${request.authority} — ${formatDay(request.requestedOn, locale)}`}>
      <h3>
        {request.authority} — {formatDay(request.requestedOn, locale)}
      </h3>
      <dl className="facts">
        <dt>{t('elections.status')}</dt>
        <dd>
          <strong>{t(`elections.statuses.${request.status}`)}</strong>
          {request.decidedBy && ` (${request.decidedBy}${request.decisionNote ? `${colon}${request.decisionNote}` : ''})`}
        </dd>
        <dt>{t('elections.requestKind')}</dt>
        <dd>{t(`elections.requestKinds.${request.kind}`)}</dd>
        <dt>{t('elections.description')}</dt>
        <dd>{request.description}</dd>
        {request.neededBy && (
          <>
            <dt>{t('elections.neededBy')}</dt>
            <dd>{formatDay(request.neededBy, locale)}</dd>
          </>
        )}
        {(request.origin || request.destinations.length > 0) && (
          <>
            <dt>{t('elections.destinations')}</dt>
            <dd>
              {request.origin ? `${request.origin} → ` : ''}
              {request.destinations.join(', ')}
            </dd>
          </>
        )}
        {request.requestedKg !== null && (
          <>
            <dt>{t('elections.requestedTonnes')}</dt>
            <dd>{t('elections.tonnes', { value: tonnes(request.requestedKg, locale) })}</dd>
          </>
        )}
        {d && (
          <>
            <dt>{t('elections.delivery')}</dt>
            <dd>
              {t('elections.deliverySummary', { date: formatDay(d.deliveredOn, locale) })}
              {d.deliveredKg !== null && ` — ${t('elections.tonnes', { value: tonnes(d.deliveredKg, locale) })}`}
              {d.flights !== null && ` — ${t('elections.flights')}${colon}${d.flights}`}
              {d.convoys !== null && ` — ${t('elections.convoys')}${colon}${d.convoys}`}
              {d.escorts !== null && ` — ${t('elections.escorts')}${colon}${d.escorts}`}
              {d.patrols !== null && ` — ${t('elections.patrols')}${colon}${d.patrols}`}
            </dd>
            {d.securityPlan && (
              <>
                <dt>{t('elections.securityPlan')}</dt>
                <dd>{d.securityPlan}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {request.may.decide && <Decision key={request.version} request={request} />}
      {request.may.deliver && (
        <>
          <h4>{t('elections.deliverTitle')}</h4>
          <DeliveryForm key={request.version} request={request} />
        </>
      )}
    </article>
  );
}
