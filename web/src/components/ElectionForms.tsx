import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { EVENT_KINDS, REQUEST_KINDS } from '../../../src/contracts/elections.js';
import { toProblem } from '../api/client.js';
import { type ElectionsOverview, electionApi } from '../api/elections.js';
import { SelectField, TextAreaField, TextField } from './fields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** The electoral support page's forms: an event of the calendar, a request, civic education, a linked incident; and their shared input helpers. */

export const blank = (v: string) => (v.trim() === '' ? null : v.trim());
/** Tonnes typed with a comma or a point, to integer kilograms (no float is sent). */
export function kilograms(text: string): number | null | typeof Number.NaN {
  const value = text.trim().replace(',', '.');
  if (value === '') return null;
  const match = /^(\d{1,6})(?:\.(\d{1,3}))?$/.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}
export const tonnes = (kg: number, locale: string) =>
  (kg / 1000).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 });
export function count(text: string): number | null | typeof Number.NaN {
  const value = text.trim();
  if (value === '') return null;
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
}

export function useSubmit() {
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

export function EventForm() {
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

export function RequestForm({ events }: { events: ElectionsOverview['events'] }) {
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

export function CivicForm() {
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

export function LinkForm({ events }: { events: ElectionsOverview['events'] }) {
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
