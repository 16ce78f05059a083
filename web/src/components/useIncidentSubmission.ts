import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type Dispatch, type FormEvent, type RefObject, type SetStateAction, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import { CASUALTY_GROUPS, type IncidentInput, type IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { ApiError, toProblem } from '../api/client.js';
import { incidentApi } from '../api/incidents.js';
import { useLocale } from '../i18n.js';
import { type DraftError, draftOf, ESTIMATES, fieldId, fieldPathOf, type IncidentDraft, inputOf, OUTCOMES } from '../incidents.js';
import { sendOrKeep } from '../offline/engine.js';
import { navigate } from '../router.js';
import { unitLabel } from '../units.js';
import type { ConflictField, ConflictSide } from './ConflictResolver.js';
import { formatDate } from './fields.js';
import type { SummaryItem } from './IncidentErrorSummary.js';
import { useEditConflict } from './useEditConflict.js';

interface FieldInfo {
  label: string;
  /** The path of the input that shows the field's errors and takes the focus from the summary. */
  anchor: string;
}

/**
 * Every field the form shows, by the API's path, with its label: server errors are matched to
 * them, and the summary names and links them.
 */
function formFields(draft: IncidentDraft, t: TFunction): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  const add = (path: string, label: string, anchor = path) => fields.set(path, { label, anchor });
  add('occurredOn', t('incidents.form.occurredOn'));
  add('occurredTime', t('incidents.form.occurredTime'));
  add('datePrecision', t('incidents.form.datePrecision'));
  add('location', t('incidents.form.where'), 'location.place');
  add('location.place', t('incidents.form.place'));
  add('location.latitude', t('incidents.form.latitude'));
  add('location.longitude', t('incidents.form.longitude'));
  add('location.region', t('incidents.form.region'));
  add('location.cercle', t('incidents.form.cercle'));
  add('location.commune', t('incidents.form.commune'));
  add('location.precision', t('incidents.form.locationPrecision'));
  add('eventType', t('incidents.form.eventType'));
  add('subEventType', t('incidents.form.subEventType'));
  add('category', t('incidents.form.category'));
  add('threatToCivilians', t('incidents.form.threatToCivilians'));
  add('actors', t('incidents.form.who'));
  draft.actors.forEach((_, index) => {
    add(`actors.${index}.actor`, t('incidents.form.actor', { n: index + 1 }));
    add(`actors.${index}.role`, t('incidents.form.role', { n: index + 1 }));
  });
  add('casualties', t('incidents.form.harm'));
  for (const group of CASUALTY_GROUPS) {
    for (const outcome of OUTCOMES) {
      const row = `casualties.${group}.${outcome}`;
      const name = `${t(`incidents.outcomes.${outcome}`)}, ${t(`incidents.groupNames.${group}`)}`;
      add(row, name, `${row}.best`);
      for (const estimate of ESTIMATES) add(`${row}.${estimate}`, `${name} (${t(`incidents.estimates.${estimate}`).toLowerCase()})`);
    }
  }
  add('sources', t('incidents.form.sources'));
  draft.sources.forEach((_, index) => {
    const n = index + 1;
    add(`sources.${index}.type`, t('incidents.form.sourceType', { n }));
    add(`sources.${index}.reference`, t('incidents.form.sourceReference', { n }));
    add(`sources.${index}.reliability`, t('incidents.form.sourceReliability', { n }));
    add(`sources.${index}.credibility`, t('incidents.form.sourceCredibility', { n }));
  });
  add('title', t('incidents.form.title'));
  add('description', t('incidents.form.description'));
  add('tags', t('incidents.form.tags'));
  add('links', t('incidents.form.links'));
  add('unit', t('incidents.form.unit'));
  add('classification', t('incidents.form.classification'));
  add('sharedWith', t('incidents.form.sharedWith'));
  return fields;
}

/** The path in `formFields` that names each draft field. */
const PATH_OF: Partial<Record<keyof IncidentDraft, string>> = {
  place: 'location.place',
  latitude: 'location.latitude',
  longitude: 'location.longitude',
  region: 'location.region',
  cercle: 'location.cercle',
  commune: 'location.commune',
  precision: 'location.precision',
};

/** What turns a draft's codes into the labels the form shows, in the interface language. */
export interface IncidentLabels {
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
}

/** The label of a code among terms, or the code itself when the term is gone from the vocabulary. */
function termText(terms: readonly { code: string; label: string }[], code: string): string {
  return terms.find((term) => term.code === code)?.label ?? code;
}

/**
 * A draft field's value as text, worded as the form shows it (the label of a list's choice, a date
 * day/month/year), to set the editor's version beside the saved one.
 */
function fieldText(key: keyof IncidentDraft, draft: IncidentDraft, t: TFunction, locale: Locale, labels: IncidentLabels): string {
  const { vocabulary, units } = labels;
  switch (key) {
    case 'occurredOn':
      return formatDate(draft.occurredOn);
    case 'datePrecision':
      return t(`incidents.datePrecisions.${draft.datePrecision}`);
    case 'precision':
      return t(`incidents.locationPrecisions.${draft.precision}`);
    case 'region':
      return termText(vocabulary.regions, draft.region);
    case 'cercle':
      return termText(vocabulary.cercles, draft.cercle);
    case 'eventType':
      return termText(vocabulary.eventTypes, draft.eventType);
    case 'subEventType':
      return termText(
        vocabulary.eventTypes.flatMap((type) => type.subTypes),
        draft.subEventType,
      );
    case 'category':
      return draft.category === '' ? t('incidents.form.noCategory') : termText(vocabulary.categories, draft.category);
    case 'threatToCivilians':
      return draft.threatToCivilians ? t('incidents.form.threatToCivilians') : '—';
    case 'actors':
      return draft.actors
        .map((row) =>
          [row.actor && (vocabulary.actors.find((actor) => actor.code === row.actor)?.name ?? row.actor), t(`incidents.roles.${row.role}`)]
            .filter(Boolean)
            .join(' · '),
        )
        .join(' ; ');
    case 'sources':
      return draft.sources
        .map((row) => [row.type && t(`incidents.sourceTypes.${row.type}`), row.reference].filter(Boolean).join(' · '))
        .join(' ; ');
    case 'unit':
      return unitLabel(draft.unit, units, locale);
    case 'classification':
      return t(`incidents.classifications.${draft.classification}`);
    case 'sharedWith':
      return draft.sharedWith.map((code) => unitLabel(code, units, locale)).join(', ');
    case 'casualties':
      return CASUALTY_GROUPS.flatMap((group) =>
        OUTCOMES.flatMap((outcome) => {
          const { low, best, high } = draft.casualties[group][outcome];
          if (low === '' && best === '' && high === '') return [];
          return [`${t(`incidents.outcomes.${outcome}`)}, ${t(`incidents.groupNames.${group}`)} : ${low}–${best}–${high}`];
        }),
      ).join(' ; ');
    default:
      return String(draft[key]);
  }
}

/** What each fieldset of the incident form is given: the draft, how to change it, and its errors. */
export interface IncidentFieldsetProps {
  draft: IncidentDraft;
  set: <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) => void;
  setDraft: Dispatch<SetStateAction<IncidentDraft>>;
  /** The messages about these paths (the browser's and the server's), or undefined. */
  errorFor: (...paths: string[]) => string | undefined;
  vocabulary: IncidentVocabulary;
}

export interface IncidentSubmission {
  draft: IncidentDraft;
  set: IncidentFieldsetProps['set'];
  setDraft: IncidentFieldsetProps['setDraft'];
  errorFor: IncidentFieldsetProps['errorFor'];
  /** The server refused a stale version and the saved one could not be read: the way forward is to reload. */
  conflict: boolean;
  /** The server refused a stale version: the saved one is being read, or compared field by field with the editor's. */
  resolution: { loading: boolean; fields: ConflictField[]; choice: Record<string, ConflictSide> } | null;
  choose: (key: string, side: ConflictSide) => void;
  problem: Problem | null;
  summaryItems: SummaryItem[];
  showSummary: boolean;
  /** Takes the focus after a failed submit: the summary (or the conflict) is read out. */
  summaryRef: RefObject<HTMLDivElement | null>;
  busy: boolean;
  submit: (event: FormEvent) => void;
  /** The title of the last incident kept in the outbox because the network was down, or null. */
  kept: string | null;
}

/** A record of the outbox opened again in the form to be fixed: its key, the draft it holds and when it was entered. */
export interface ReopenedDraft {
  key: string;
  draft: IncidentDraft;
  enteredAt: string;
}

/**
 * The incident form's state and its one submission: the draft, the browser's checks, then a
 * create or an update (with the version it started from) as a mutation; the saved incident's page
 * on success, the errors by field otherwise.
 */
export function useIncidentSubmission(
  initial: IncidentDraft,
  editing: { ref: string; version: number } | null,
  labels: IncidentLabels,
  reopened?: ReopenedDraft,
): IncidentSubmission {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState(reopened?.draft ?? initial);
  // The device's key of this record: sent with it, and kept with it in the outbox when the network is down.
  const submissionKey = useRef(reopened?.key ?? crypto.randomUUID());
  const [kept, setKept] = useState<string | null>(null);
  const edit = useEditConflict(initial, editing?.version ?? 0, setDraft);
  const [clientErrors, setClientErrors] = useState<DraftError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const latest = useRef(draft);
  latest.current = draft;
  const mutation = useMutation({
    mutationFn: (input: IncidentInput) => {
      const key = submissionKey.current;
      if (editing) {
        const payload = { ref: editing.ref, version: edit.version, base: initial, draft: latest.current, input };
        return sendOrKeep(
          'incident.edit',
          payload,
          input.title,
          key,
          () => incidentApi.update(editing.ref, edit.version, input),
          reopened?.key,
        );
      }
      return sendOrKeep(
        'incident',
        { input, draft: latest.current },
        input.title,
        key,
        () => incidentApi.create(input, key, reopened?.enteredAt),
        reopened?.key,
      );
    },
    onSuccess: (result, input) => {
      if ('sent' in result) return navigate(`/incidents/${encodeURIComponent(result.sent.ref)}`);
      // Kept on the device: an edit or a fixed record is seen in the outbox; a new entry makes way for the next one.
      if (editing || reopened) return navigate('/outbox');
      setKept(input.title);
      setDraft(initial);
      submissionKey.current = crypto.randomUUID();
      window.scrollTo(0, 0);
    },
    onError: (error) => {
      setAttempt((n) => n + 1);
      if (!(editing && error instanceof ApiError && error.code === 'version_conflict')) return;
      const load = async () => {
        const saved = await incidentApi.current(editing.ref);
        return { draft: draftOf(saved, locale), version: saved.version };
      };
      void edit.resolve(latest.current, load).then(() => setAttempt((n) => n + 1));
    },
  });

  // After a failed submit the summary takes the focus: it is read out, and its links lead to the fields.
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  const versionConflict = mutation.error instanceof ApiError && mutation.error.code === 'version_conflict';
  const conflict = edit.status === 'failed';
  const problem = mutation.error && !versionConflict ? toProblem(mutation.error) : null;
  const fields = formFields(draft, t);
  const known = new Set(fields.keys());
  const errors: { path: string | null; message: string }[] = [
    ...clientErrors.map((error) => ({ path: error.path, message: t(`incidents.form.${error.key}`) })),
    ...(problem?.errors ?? []).map((error) => ({ path: fieldPathOf(error.path, known), message: error.message })),
  ];
  const errorFor = (...paths: string[]): string | undefined => {
    const messages = errors.filter((error) => error.path !== null && paths.includes(error.path)).map((error) => error.message);
    return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
  };
  const summaryItems: SummaryItem[] = errors.map((error) => {
    const info = error.path === null ? undefined : fields.get(error.path);
    return { anchor: info ? fieldId(info.anchor) : null, label: info?.label ?? null, message: error.message };
  });

  const conflictFields: ConflictField[] =
    edit.status === 'ready'
      ? edit.conflicts.map(({ key, mine, theirs }) => ({
          key,
          label: fields.get(PATH_OF[key] ?? key)?.label ?? key,
          mine: fieldText(key, { ...draft, [key]: mine }, t, locale, labels),
          theirs: fieldText(key, { ...draft, [key]: theirs }, t, locale, labels),
        }))
      : [];

  const set = <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    setKept(null);
    const result = inputOf(draft);
    if ('errors' in result) {
      setClientErrors(result.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setClientErrors([]);
    mutation.mutate(result.input);
  };

  return {
    draft,
    set,
    setDraft,
    errorFor,
    conflict,
    resolution:
      edit.status === 'loading' || edit.status === 'ready'
        ? { loading: edit.status === 'loading', fields: conflictFields, choice: edit.choice }
        : null,
    choose: edit.choose,
    problem,
    summaryItems,
    showSummary: summaryItems.length > 0 || problem !== null,
    summaryRef,
    busy: mutation.isPending,
    submit,
    kept,
  };
}
