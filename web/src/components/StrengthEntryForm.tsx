import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Classification, Problem } from '../../../src/contracts/common.js';
import { SEXES, type StrengthCategory, type StrengthSnapshot, type StrengthSnapshotInput } from '../../../src/contracts/strength.js';
import { toProblem } from '../api/client.js';
import { strengthApi } from '../api/strength.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { sendOrKeep } from '../offline/engine.js';
import type { InputPayload } from '../offline/kinds.js';
import type { OutboxRecord } from '../offline/outbox.js';
import { refusalOf, strengthDraftOf } from '../offline/reopen.js';
import { navigate } from '../router.js';
import { SelectField, TextField } from './fields.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';

/** The classes a strength figure may be given here; confidential records are case files, not head counts. */
const CLASSES: readonly Classification[] = ['public', 'internal', 'restricted'];

type Sex = (typeof SEXES)[number];

interface Draft {
  asOf: string;
  category: StrengthCategory;
  country: string;
  sex: Sex;
  location: string;
  authorised: string;
  deployed: string;
  classification: Classification;
  source: string;
}

/** A count as typed: blank is "not stated" (null), digits with spaces are a count, anything else is refused (undefined). */
function parseCount(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  return /^\d{1,7}$/.test(compact) ? Number(compact) : undefined;
}

function blankToNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Records one strength snapshot for a category the user's units report; or, given `reopened`, a
 * snapshot the server refused while it waited in the outbox, with the refusal, to be fixed and sent
 * again as that same record.
 */
export function StrengthEntryForm({
  categories,
  onRecorded,
  reopened,
}: {
  categories: readonly [StrengthCategory, ...StrengthCategory[]];
  onRecorded?: (snapshot: StrengthSnapshot) => void;
  reopened?: OutboxRecord | null | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  // The outbox record being fixed, until it is sent (or kept again).
  const [fixing, setFixing] = useState(reopened?.key ?? null);
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() =>
    reopened
      ? strengthDraftOf((reopened.payload as InputPayload).input as StrengthSnapshotInput)
      : {
          asOf: '',
          category: categories[0],
          country: '',
          sex: 'all',
          location: '',
          authorised: '',
          deployed: '',
          classification: 'internal',
          source: '',
        },
  );
  const [problem, setProblem] = useState<Problem | null>(() => refusalOf(reopened?.problem));
  // The entry form is low on the page: a record reopened from the outbox is brought into view, with the heading of its card.
  useEffect(() => {
    if (fixing) (formRef.current?.closest('section') ?? formRef.current)?.scrollIntoView({ block: 'start' });
  }, [fixing]);
  const choices = categories.includes(draft.category) ? categories : [draft.category, ...categories];
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const labels = {
    asOf: t('strength.entry.date'),
    category: t('strength.entry.category'),
    country: t('strength.entry.country'),
    sex: t('strength.entry.sex'),
    location: t('strength.entry.location'),
    authorised: t('strength.entry.authorised'),
    deployed: t('strength.entry.deployed'),
    classification: t('strength.entry.classification'),
    source: t('strength.entry.source'),
  };
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const authorised = parseCount(draft.authorised);
    const deployed = parseCount(draft.deployed);
    const errors: { path: string; message: string }[] = [];
    if (authorised === undefined) errors.push({ path: 'authorised', message: t('strength.entry.notCount') });
    if (deployed === undefined) errors.push({ path: 'deployed', message: t('strength.entry.notCount') });
    if (authorised === undefined || deployed === undefined) {
      setProblem(clientProblem(errors));
      setSaved(null);
      return;
    }
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const body = {
        asOf: draft.asOf,
        category: draft.category,
        country: blankToNull(draft.country)?.toUpperCase() ?? null,
        sex: draft.sex,
        location: blankToNull(draft.location),
        authorised,
        deployed,
        classification: draft.classification,
        source: blankToNull(draft.source),
      };
      // Kept in the outbox when the network is down, and sent once when it returns.
      // A reopened record is sent with its own key: saved again, it replaces itself in the outbox.
      const key = fixing ?? crypto.randomUUID();
      const names = { category: t(`strength.categories.${body.category}`), date: formatDay(body.asOf, locale) };
      const what = `${names.category} · ${names.date}`;
      const result = await sendOrKeep('strength', { input: body }, what, key, () => strengthApi.record(body, key), fixing ?? undefined);
      if (fixing) {
        setFixing(null);
        if (!('sent' in result)) return navigate('/outbox');
      }
      setSaved('sent' in result ? t('strength.entry.saved', names) : t('offline.kept', { summary: what }));
      // The date, category and class usually stay for the next figure of the same report.
      setDraft((previous) => ({ ...previous, country: '', sex: 'all', location: '', authorised: '', deployed: '' }));
      if ('sent' in result) onRecorded?.(result.sent);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form strength-entry" onSubmit={submit} noValidate>
      {fixing && <p className="hint">{t('offline.reopened')}</p>}
      {saved && <Notice>{saved}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField label={labels.asOf} type="date" required value={draft.asOf} onChange={set('asOf')} error={fieldError(problem, 'asOf')} />
        <SelectField
          label={labels.category}
          value={draft.category}
          onChange={(value) => set('category')(value as StrengthCategory)}
          error={fieldError(problem, 'category')}
        >
          {choices.map((category) => (
            <option key={category} value={category}>
              {t(`strength.categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={labels.sex} value={draft.sex} onChange={(value) => set('sex')(value as Sex)} error={fieldError(problem, 'sex')}>
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`strength.sexes.${sex}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        <TextField
          label={labels.country}
          hint={t('strength.entry.countryHint')}
          optional
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={3}
          value={draft.country}
          onChange={set('country')}
          error={fieldError(problem, 'country')}
        />
        <TextField
          label={labels.location}
          hint={t('strength.entry.locationHint')}
          optional
          autoComplete="off"
          value={draft.location}
          onChange={set('location')}
          error={fieldError(problem, 'location')}
        />
      </div>
      <div className="form-row">
        <TextField
          label={labels.authorised}
          hint={t('strength.entry.countHint')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.authorised}
          onChange={set('authorised')}
          error={fieldError(problem, 'authorised')}
        />
        <TextField
          label={labels.deployed}
          hint={t('strength.entry.countHint')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.deployed}
          onChange={set('deployed')}
          error={fieldError(problem, 'deployed')}
        />
      </div>
      <div className="form-row">
        <SelectField
          label={labels.classification}
          hint={t('strength.entry.classificationHint')}
          value={draft.classification}
          onChange={(value) => set('classification')(value as Classification)}
          error={fieldError(problem, 'classification')}
        >
          {CLASSES.map((classification) => (
            <option key={classification} value={classification}>
              {t(`strength.classifications.${classification}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={labels.source}
          hint={t('strength.entry.sourceHint')}
          optional
          maxLength={300}
          value={draft.source}
          onChange={set('source')}
          error={fieldError(problem, 'source')}
        />
      </div>
      <button type="submit" className="button-primary" aria-disabled={busy}>
        {busy ? t('strength.entry.submitting') : t('strength.entry.submit')}
      </button>
    </form>
  );
}
