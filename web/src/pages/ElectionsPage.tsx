import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { EVENT_KINDS, REQUEST_KINDS } from '../../../src/contracts/elections.js';
import { toProblem } from '../api/client.js';
import { type ElectionsOverview, type ElectoralRequest, electionApi, electionQueries } from '../api/elections.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

const blank = (v: string) => (v.trim() === '' ? null : v.trim());
/** Tonnes typed with a comma or a point, to integer kilograms (no float is sent). */
function kilograms(text: string): number | null | typeof Number.NaN {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  const match = /^(\d{1,6})(?:\.(\d{1,3}))?$/.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}
const tonnes = (kg: number, locale: string) =>
  (kg / 1000).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 });
function count(text: string): number | null | typeof Number.NaN {
  const value = text.trim();
  if (value === '') return null;
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
}

function useSubmit() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>, after?: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await write();
      setProblem(null);
      after?.();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, run };
}

function EventForm() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ kind: 'polling', title: '', startsOn: '', endsOn: '', region: '' });
  const { problem, busy, run } = useSubmit();
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        electionApi.createEvent({
          kind: draft.kind as (typeof EVENT_KINDS)[number],
          title: draft.title,
          startsOn: draft.startsOn,
          endsOn: blank(draft.endsOn),
          region: blank(draft.region),
        }),
      () => setDraft({ kind: 'polling', title: '', startsOn: '', endsOn: '', region: '' }),
    );
  };
  const labels = { title: t('elections.eventTitle'), startsOn: t('elections.startsOn'), endsOn: t('elections.endsOn') };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <SelectField label={t('elections.kind')} value={draft.kind} onChange={set('kind')}>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`elections.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={labels.title} required value={draft.title} onChange={set('title')} error={fieldError(problem, 'title')} />
        <TextField
          label={labels.startsOn}
          type="date"
          required
          value={draft.startsOn}
          onChange={set('startsOn')}
          error={fieldError(problem, 'startsOn')}
        />
        <TextField
          label={labels.endsOn}
          type="date"
          optional
          value={draft.endsOn}
          onChange={set('endsOn')}
          error={fieldError(problem, 'endsOn')}
        />
        <TextField label={t('elections.region')} optional value={draft.region} onChange={set('region')} />
      </div>
      <button type="submit" className="button-secondary" disabled={busy}>
        {t('elections.addEvent')}
      </button>
    </form>
  );
}

function RequestForm({ events }: { events: ElectionsOverview['events'] }) {
  const { t } = useTranslation();
  const empty = {
    requestedOn: '',
    authority: '',
    kind: 'logistics',
    description: '',
    neededBy: '',
    eventId: '',
    origin: '',
    destinations: '',
    tonnes: '',
  };
  const [draft, setDraft] = useState(empty);
  const { problem, setProblem, busy, run } = useSubmit();
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const kg = kilograms(draft.tonnes);
    if (Number.isNaN(kg)) {
      setProblem(clientProblem([{ path: 'requestedKg', message: t('elections.notNumber') }]));
      return;
    }
    void run(
      () =>
        electionApi.createRequest({
          requestedOn: draft.requestedOn,
          authority: draft.authority,
          kind: draft.kind as (typeof REQUEST_KINDS)[number],
          description: draft.description,
          neededBy: blank(draft.neededBy),
          eventId: blank(draft.eventId),
          origin: blank(draft.origin),
          destinations: draft.destinations
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean),
          requestedKg: kg,
        }),
      () => setDraft(empty),
    );
  };
  const labels = {
    requestedOn: t('elections.requestedOn'),
    authority: t('elections.authority'),
    description: t('elections.description'),
    neededBy: t('elections.neededBy'),
    requestedKg: t('elections.requestedTonnes'),
    destinations: t('elections.destinations'),
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField
          label={labels.requestedOn}
          type="date"
          required
          value={draft.requestedOn}
          onChange={set('requestedOn')}
          error={fieldError(problem, 'requestedOn')}
        />
        <TextField
          label={labels.authority}
          required
          value={draft.authority}
          onChange={set('authority')}
          error={fieldError(problem, 'authority')}
        />
        <SelectField label={t('elections.requestKind')} value={draft.kind} onChange={set('kind')}>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`elections.requestKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={labels.neededBy}
          type="date"
          optional
          value={draft.neededBy}
          onChange={set('neededBy')}
          error={fieldError(problem, 'neededBy')}
        />
        {events.length > 0 && (
          <SelectField label={t('elections.event')} optional value={draft.eventId} onChange={set('eventId')}>
            <option value="">—</option>
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <TextAreaField
        label={labels.description}
        required
        value={draft.description}
        onChange={set('description')}
        error={fieldError(problem, 'description')}
      />
      <div className="form-row">
        <TextField label={t('elections.origin')} optional value={draft.origin} onChange={set('origin')} />
        <TextField
          label={labels.destinations}
          hint={t('elections.destinationsHint')}
          optional
          value={draft.destinations}
          onChange={set('destinations')}
          error={fieldError(problem, 'destinations')}
        />
        <TextField
          label={labels.requestedKg}
          inputMode="decimal"
          optional
          value={draft.tonnes}
          onChange={set('tonnes')}
          error={fieldError(problem, 'requestedKg')}
        />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('elections.saveRequest')}
      </button>
    </form>
  );
}

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

function RequestCard({ request }: { request: ElectoralRequest }) {
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

function CivicForm() {
  const { t } = useTranslation();
  const empty = { heldOn: '', place: '', topic: '', women: '', men: '' };
  const [draft, setDraft] = useState(empty);
  const { problem, setProblem, busy, run } = useSubmit();
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const women = count(draft.women) ?? 0;
    const men = count(draft.men) ?? 0;
    if (Number.isNaN(women) || Number.isNaN(men)) {
      setProblem(clientProblem([{ path: Number.isNaN(women) ? 'women' : 'men', message: t('elections.notNumber') }]));
      return;
    }
    void run(
      () => electionApi.createCivic({ heldOn: draft.heldOn, place: draft.place, topic: draft.topic, women, men }),
      () => setDraft(empty),
    );
  };
  const labels = {
    heldOn: t('elections.heldOn'),
    place: t('elections.place'),
    topic: t('elections.topic'),
    women: t('elections.women'),
    men: t('elections.men'),
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField
          label={labels.heldOn}
          type="date"
          required
          value={draft.heldOn}
          onChange={set('heldOn')}
          error={fieldError(problem, 'heldOn')}
        />
        <TextField label={labels.place} required value={draft.place} onChange={set('place')} error={fieldError(problem, 'place')} />
        <TextField label={labels.topic} required value={draft.topic} onChange={set('topic')} error={fieldError(problem, 'topic')} />
        <TextField
          label={labels.women}
          inputMode="numeric"
          value={draft.women}
          onChange={set('women')}
          error={fieldError(problem, 'women')}
        />
        <TextField label={labels.men} inputMode="numeric" value={draft.men} onChange={set('men')} error={fieldError(problem, 'men')} />
      </div>
      <button type="submit" className="button-secondary" disabled={busy}>
        {t('elections.saveCivic')}
      </button>
    </form>
  );
}

function LinkForm({ events }: { events: ElectionsOverview['events'] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ eventId: events[0]?.id ?? '', ref: '' });
  const { problem, busy, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => electionApi.linkIncident(draft.eventId, draft.ref),
      () => setDraft((d) => ({ ...d, ref: '' })),
    );
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={{ incidentRef: t('elections.incidentRef') }} />
      <div className="form-row">
        <SelectField label={t('elections.event')} value={draft.eventId} onChange={(eventId) => setDraft((d) => ({ ...d, eventId }))}>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('elections.incidentRef')}
          required
          value={draft.ref}
          onChange={(ref) => setDraft((d) => ({ ...d, ref }))}
          error={fieldError(problem, 'incidentRef')}
        />
      </div>
      <button type="submit" className="button-secondary" disabled={busy}>
        {t('elections.link')}
      </button>
    </form>
  );
}

/** Electoral support: the calendar, requests with their decision and delivery, civic education, linked incidents. */
export function ElectionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const overview = useLoaded(electionQueries.overview(me.id));
  return (
    <Page title={t('elections.title')}>
      <p className="lead">{t('elections.intro')}</p>
      <Show loaded={overview}>
        {(data) => (
          <>
            <Card title={t('elections.calendarTitle')} wide>
              {data.events.length === 0 ? (
                <p>{t('elections.noEvents')}</p>
              ) : (
                <ScrollingTable caption={t('elections.calendarTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('elections.startsOn')}</th>
                      <th scope="col">{t('elections.endsOn')}</th>
                      <th scope="col">{t('elections.kind')}</th>
                      <th scope="col">{t('elections.eventTitle')}</th>
                      <th scope="col">{t('elections.region')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.events.map((e) => (
                      <tr key={e.id}>
                        <th scope="row">{formatDay(e.startsOn, locale)}</th>
                        <td>{e.endsOn ? formatDay(e.endsOn, locale) : '—'}</td>
                        <td>{t(`elections.kinds.${e.kind}`)}</td>
                        <td>{e.title}</td>
                        <td>{e.region ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              {data.may.create && (
                <>
                  <h3>{t('elections.newEvent')}</h3>
                  <EventForm />
                </>
              )}
            </Card>
            <Card title={t('elections.requestsTitle')} wide>
              {data.requests.length === 0 && <p>{t('elections.noRequests')}</p>}
              {data.requests.map((r) => (
                <RequestCard key={r.id} request={r} />
              ))}
              {data.may.create && (
                <>
                  <h3>{t('elections.newRequest')}</h3>
                  <RequestForm events={data.events} />
                </>
              )}
            </Card>
            <Card title={t('elections.civicTitle')} wide>
              {data.civic.length === 0 ? (
                <p>{t('elections.noCivic')}</p>
              ) : (
                <ScrollingTable caption={t('elections.civicTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('elections.heldOn')}</th>
                      <th scope="col">{t('elections.place')}</th>
                      <th scope="col">{t('elections.topic')}</th>
                      <th scope="col">{t('elections.women')}</th>
                      <th scope="col">{t('elections.men')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.civic.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{formatDay(c.heldOn, locale)}</th>
                        <td>{c.place}</td>
                        <td>{c.topic}</td>
                        <td>{c.women}</td>
                        <td>{c.men}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              {data.may.create && <CivicForm />}
            </Card>
            <Card title={t('elections.incidentsTitle')} wide>
              <p className="hint">{t('elections.incidentsIntro')}</p>
              {data.incidents.length === 0 ? (
                <p>{t('elections.noIncidents')}</p>
              ) : (
                <ul>
                  {data.incidents.map((i) => (
                    <li key={`${i.eventId}-${i.ref}`}>
                      <Link to={`/incidents/${i.ref}`}>{i.ref}</Link> — {formatDay(i.occurredOn, locale)} — {i.title} (
                      {data.events.find((e) => e.id === i.eventId)?.title})
                    </li>
                  ))}
                </ul>
              )}
              {data.may.create && data.events.length > 0 && <LinkForm events={data.events} />}
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
