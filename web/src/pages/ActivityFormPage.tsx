import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_CLASSIFICATIONS,
  ACTIVITY_TYPES,
  type Activity,
  type ActivityInput,
  type ActivityType,
  type ActivityVocabulary,
} from '../../../src/contracts/activities.js';
import type { Problem } from '../../../src/contracts/common.js';
import { activityApi, activityQueries, useActivityVocabulary } from '../api/activities.js';
import { queryString, toProblem } from '../api/client.js';
import { projectQueries } from '../api/projects.js';
import { both, type Loaded, useLoaded, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, parseDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { sendOrKeep } from '../offline/engine.js';
import type { InputPayload } from '../offline/kinds.js';
import type { OutboxRecord } from '../offline/outbox.js';
import { activityDraftOf, refusalOf } from '../offline/reopen.js';
import { useReopenedRecord } from '../offline/useOutboxRecords.js';
import { navigate } from '../router.js';

type Classification = (typeof ACTIVITY_CLASSIFICATIONS)[number];

interface Common {
  unit: string;
  classification: Classification;
  type: ActivityType;
  topic: string;
  title: string;
  targetGroup: string;
  category: string;
  facilitators: string;
  project: string;
  notes: string;
}

interface Occurrence {
  key: number;
  startDate: string;
  endDate: string;
  place: string;
  women: string;
  men: string;
  children: string;
  adults: string;
  /** Finer age bands, optional: band code → women and men as typed. */
  bands: Record<string, { women: string; men: string }>;
}

let nextKey = 1;
const emptyOccurrence = (): Occurrence => ({
  key: nextKey++,
  startDate: '',
  endDate: '',
  place: '',
  women: '0',
  men: '0',
  children: '0',
  adults: '0',
  bands: {},
});

function commonOf(activity: Activity | null, unit: string): Common {
  if (!activity)
    return {
      unit,
      classification: 'internal',
      type: 'training',
      topic: '',
      title: '',
      targetGroup: '',
      category: '',
      facilitators: '',
      project: '',
      notes: '',
    };
  return {
    unit: activity.unit,
    classification: activity.classification,
    type: activity.type,
    topic: activity.topic,
    title: activity.title,
    targetGroup: activity.targetGroup,
    category: activity.category,
    facilitators: activity.facilitators,
    project: activity.project?.id ?? '',
    notes: activity.notes,
  };
}

function occurrenceOf(activity: Activity | null): Occurrence {
  if (!activity) return emptyOccurrence();
  const p = activity.participants;
  return {
    key: nextKey++,
    startDate: formatDate(activity.startDate),
    endDate: formatDate(activity.endDate),
    place: activity.place.place ?? '',
    women: String(p.women),
    men: String(p.men),
    children: String(p.children),
    adults: String(p.adults),
    bands: Object.fromEntries(p.bands.map((b) => [b.band, { women: String(b.women), men: String(b.men) }])),
  };
}

/** A series' session is a named group of fields; a single activity's fields need none. */
function Frame({ legend, children }: { legend: string | null; children: ReactNode }) {
  if (legend === null) return <div className="activity-occurrence">{children}</div>;
  return (
    <fieldset className="activity-occurrence">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

const count = (text: string) => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null);

/** One session's date, place and participants; `prefix` names its fields in the server's errors. */
function OccurrenceFields({
  occurrence,
  index,
  series,
  prefix,
  places,
  ageBands,
  problem,
  onChange,
  onRemove,
}: {
  occurrence: Occurrence;
  index: number;
  /** One of several sessions: its fields are a group named by its number. */
  series: boolean;
  prefix: string;
  places: readonly string[];
  ageBands: ActivityVocabulary['ageBands'];
  problem: Problem | null;
  onChange: (o: Occurrence) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const e = (path: string) => fieldError(problem, `${prefix}${path}`);
  const set = (key: Exclude<keyof Occurrence, 'bands'>) => (value: string) => onChange({ ...occurrence, [key]: value });
  const setBand = (band: string, sex: 'women' | 'men', value: string) => {
    const current = occurrence.bands[band] ?? { women: '', men: '' };
    const next = { ...occurrence.bands, [band]: { ...current, [sex]: value } };
    const entry = next[band];
    if (entry && entry.women.trim() === '' && entry.men.trim() === '') delete next[band];
    onChange({ ...occurrence, bands: next });
  };
  return (
    <Frame legend={series ? t('activities.form.occurrence', { n: index + 1 }) : null}>
      <TextField
        label={t('activities.fields.startDate')}
        hint={t('activities.form.dateHint')}
        value={occurrence.startDate}
        onChange={set('startDate')}
        error={e('startDate')}
      />
      <TextField
        label={t('activities.fields.endDate')}
        hint={t('activities.form.endHint')}
        value={occurrence.endDate}
        onChange={set('endDate')}
        error={e('endDate')}
        optional
      />
      <SelectField label={t('activities.fields.place')} value={occurrence.place} onChange={set('place')} error={e('place.place')}>
        <option value="">{t('activities.form.choose')}</option>
        {places.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <p className="hint">{t('activities.form.participantsHint')}</p>
      <div className="activity-counts">
        <TextField
          label={t('activities.fields.women')}
          inputMode="numeric"
          value={occurrence.women}
          onChange={set('women')}
          error={e('participants.women')}
        />
        <TextField
          label={t('activities.fields.men')}
          inputMode="numeric"
          value={occurrence.men}
          onChange={set('men')}
          error={e('participants.men')}
        />
        <TextField
          label={t('activities.fields.children')}
          inputMode="numeric"
          value={occurrence.children}
          onChange={set('children')}
          error={e('participants.children')}
        />
        <TextField
          label={t('activities.fields.adults')}
          inputMode="numeric"
          value={occurrence.adults}
          onChange={set('adults')}
          error={e('participants.adults')}
        />
      </div>
      <details className="more-details" open={Object.keys(occurrence.bands).length > 0}>
        <summary>{t('activities.form.bands')}</summary>
        {e('participants.bands') && <p className="field-error">{e('participants.bands')}</p>}
        <div className="activity-bands">
          {ageBands.map((band) => (
            <div key={band.code} className="activity-band">
              <TextField
                label={`${band.name} — ${t('activities.fields.women')}`}
                inputMode="numeric"
                value={occurrence.bands[band.code]?.women ?? ''}
                onChange={(v) => setBand(band.code, 'women', v)}
                optional
              />
              <TextField
                label={`${band.name} — ${t('activities.fields.men')}`}
                inputMode="numeric"
                value={occurrence.bands[band.code]?.men ?? ''}
                onChange={(v) => setBand(band.code, 'men', v)}
                optional
              />
            </div>
          ))}
        </div>
      </details>
      {onRemove && (
        <button type="button" className="button-secondary button-small" onClick={onRemove}>
          {t('activities.form.removeOccurrence')}
        </button>
      )}
    </Frame>
  );
}

function ActivityForm({
  activity,
  vocabulary,
  projects,
  reopened,
  projectsUnreadable = false,
}: {
  activity: Activity | null;
  vocabulary: ActivityVocabulary;
  projects: readonly { id: string; title: string }[];
  /** A new activity the server refused while it waited in the outbox, opened again to be fixed. */
  reopened?: OutboxRecord | null | undefined;
  /** The projects could not be read (no network): the activity goes without one. */
  projectsUnreadable?: boolean;
}) {
  const { t } = useTranslation();
  const modeName = useId();
  const [kept] = useState(() => (reopened ? activityDraftOf((reopened.payload as InputPayload).input as ActivityInput) : null));
  // The outbox record being fixed: sent with its own key, and replaced (not queued twice) when kept again.
  const fixing = reopened?.key ?? null;
  const units = activity
    ? [...new Set([activity.unit, ...vocabulary.units])]
    : kept
      ? [...new Set([kept.common.unit, ...vocabulary.units])]
      : vocabulary.units;
  const [common, setCommon] = useState<Common>(() => kept?.common ?? commonOf(activity, units[0] ?? ''));
  const [series, setSeries] = useState(false);
  const [occurrences, setOccurrences] = useState<Occurrence[]>(() =>
    kept ? [{ key: nextKey++, ...kept.occurrence }] : [occurrenceOf(activity)],
  );
  const [problem, setProblem] = useState<Problem | null>(() => refusalOf(reopened?.problem));
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Common>(key: K) =>
    (value: string) =>
      setCommon((c) => ({ ...c, [key]: value as Common[K] }));
  const shown = series ? occurrences : occurrences.slice(0, 1);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: { path: string; message: string }[] = [];
    const parsed = shown.map((o, i) => {
      const prefix = series ? `occurrences.${i}.` : '';
      const date = (path: string, text: string) => {
        const iso = parseDate(text);
        if (!iso) errors.push({ path: `${prefix}${path}`, message: t('activities.form.dateInvalid') });
        return iso ?? '';
      };
      const number = (path: string, text: string) => {
        const n = count(text);
        if (n === null) errors.push({ path: `${prefix}participants.${path}`, message: t('activities.form.countInvalid') });
        return n ?? 0;
      };
      const startDate = date('startDate', o.startDate);
      return {
        startDate,
        endDate: o.endDate.trim() === '' ? startDate : date('endDate', o.endDate),
        place: { place: o.place || null },
        participants: {
          women: number('women', o.women),
          men: number('men', o.men),
          children: number('children', o.children),
          adults: number('adults', o.adults),
          bands: Object.entries(o.bands).map(([band, b]) => ({
            band,
            women: b.women.trim() === '' ? 0 : number('bands', b.women),
            men: b.men.trim() === '' ? 0 : number('bands', b.men),
          })),
        },
      };
    });
    const base = {
      unit: common.unit,
      classification: common.classification,
      type: common.type,
      topic: common.topic,
      title: common.title,
      targetGroup: common.targetGroup,
      category: common.category,
      facilitators: common.facilitators,
      project: common.project || null,
      notes: common.notes,
    };
    if (errors.length > 0) return setProblem(clientProblem(errors));
    setBusy(true);
    try {
      if (series) {
        await activityApi.series({ activity: base, occurrences: parsed });
        navigate(`/activites${queryString({ unit: base.unit, type: base.type, topic: base.topic })}`);
      } else {
        const input: ActivityInput = { ...base, ...(parsed[0] as (typeof parsed)[number]) };
        if (activity) {
          const saved = await activityApi.update(activity.id, activity.version, input);
          return navigate(`/activites/${saved.id}`);
        }
        // A new activity is kept in the outbox when the network is down, and sent once when it returns.
        const key = fixing ?? crypto.randomUUID();
        const result = await sendOrKeep('activity', { input }, input.title, key, () => activityApi.create(input, key), fixing ?? undefined);
        navigate('sent' in result ? `/activites/${result.sent.id}` : '/outbox');
      }
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const e = (path: string) => fieldError(problem, path) ?? fieldError(problem, `activity.${path}`);
  const labels: Record<string, string> = {
    title: t('activities.fields.title'),
    topic: t('activities.fields.topic'),
    category: t('activities.fields.category'),
    project: t('activities.fields.project'),
    'activity.project': t('activities.fields.project'),
    startDate: t('activities.fields.startDate'),
    endDate: t('activities.fields.endDate'),
    'place.place': t('activities.fields.place'),
    'participants.adults': t('activities.fields.adults'),
    'participants.total': t('activities.fields.total'),
    'participants.bands': t('activities.page.bandsCaption'),
  };
  shown.forEach((_, i) => {
    const n = t('activities.form.occurrence', { n: i + 1 });
    labels[`occurrences.${i}.startDate`] = `${n} — ${t('activities.fields.startDate')}`;
    labels[`occurrences.${i}.endDate`] = `${n} — ${t('activities.fields.endDate')}`;
    labels[`occurrences.${i}.place.place`] = `${n} — ${t('activities.fields.place')}`;
    labels[`occurrences.${i}.participants.bands`] = `${n} — ${t('activities.page.bandsCaption')}`;
    for (const f of ['women', 'men', 'children', 'adults'] as const)
      labels[`occurrences.${i}.participants.${f}`] = `${n} — ${t(`activities.fields.${f}`)}`;
  });

  if (units.length === 0) return <p>{t('activities.form.noUnit')}</p>;

  return (
    <form onSubmit={submit} noValidate className="activity-form">
      {fixing && <p className="hint">{t('offline.reopened')}</p>}
      <ProblemAlert problem={problem} labels={labels} />
      {!activity && !fixing && (
        <fieldset>
          <legend>{t('activities.form.mode')}</legend>
          {[false, true].map((value) => (
            <div key={String(value)} className="radio">
              <input
                id={`${modeName}-${value}`}
                type="radio"
                name={modeName}
                checked={series === value}
                onChange={() => {
                  setSeries(value);
                  setProblem(null);
                  if (value && occurrences.length < 2) setOccurrences((list) => [...list, emptyOccurrence()]);
                }}
              />
              <label htmlFor={`${modeName}-${value}`}>{value ? t('activities.form.series') : t('activities.form.single')}</label>
            </div>
          ))}
        </fieldset>
      )}
      <Card title={t('activities.form.what')} wide>
        <SelectField label={t('activities.fields.unit')} value={common.unit} onChange={set('unit')}>
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activities.fields.classification')} value={common.classification} onChange={set('classification')}>
          {ACTIVITY_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {t(`activities.classifications.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activities.fields.type')} value={common.type} onChange={set('type')}>
          {ACTIVITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`activities.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('activities.fields.topic')} value={common.topic} onChange={set('topic')} error={e('topic')}>
          <option value="">{t('activities.form.choose')}</option>
          {vocabulary.topics.map((topic) => (
            <option key={topic.code} value={topic.code}>
              {topic.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('activities.fields.title')} value={common.title} onChange={set('title')} error={e('title')} />
        <TextField
          label={t('activities.fields.facilitators')}
          value={common.facilitators}
          onChange={set('facilitators')}
          error={e('facilitators')}
          optional
        />
        <SelectField
          label={t('activities.fields.project')}
          value={common.project}
          onChange={set('project')}
          hint={projectsUnreadable ? t('activities.form.projectsOffline') : undefined}
          error={e('project')}
          optional
        >
          <option value="">{t('activities.form.none')}</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </SelectField>
      </Card>
      <Card title={t('activities.form.who')} wide>
        <SelectField label={t('activities.fields.category')} value={common.category} onChange={set('category')} error={e('category')}>
          <option value="">{t('activities.form.choose')}</option>
          {vocabulary.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('activities.fields.targetGroup')}
          value={common.targetGroup}
          onChange={set('targetGroup')}
          error={e('targetGroup')}
          optional
        />
      </Card>
      <Card title={t('activities.form.when')} wide>
        {shown.map((o, i) => (
          <OccurrenceFields
            key={o.key}
            occurrence={o}
            index={i}
            series={series}
            prefix={series ? `occurrences.${i}.` : ''}
            places={vocabulary.places}
            ageBands={vocabulary.ageBands}
            problem={problem}
            onChange={(next) => setOccurrences((list) => list.map((x) => (x.key === o.key ? next : x)))}
            onRemove={series && shown.length > 1 ? () => setOccurrences((list) => list.filter((x) => x.key !== o.key)) : undefined}
          />
        ))}
        {series && (
          <button type="button" className="button-secondary" onClick={() => setOccurrences((list) => [...list, emptyOccurrence()])}>
            {t('activities.form.addOccurrence')}
          </button>
        )}
      </Card>
      <TextAreaField label={t('activities.fields.notes')} value={common.notes} onChange={set('notes')} optional rows={3} />
      <p className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy
            ? t('activities.form.saving')
            : series
              ? t('activities.form.submitSeries', { count: shown.length })
              : t('activities.form.submit')}
        </button>
      </p>
    </form>
  );
}

function useProjectChoices() {
  const locale = useLocale();
  const pages = usePages(projectQueries.pages({}, locale), (list) => ({ items: list.flatMap((page) => page.items) }));
  return pages.loaded;
}

type ProjectChoices = ReturnType<typeof useProjectChoices>;

/**
 * The projects a new activity may be linked to. Without a network they cannot be read: the form
 * shows without them (the link is optional, and the activity is kept in the outbox) rather than
 * not at all, and stays on screen, with what was typed, when they are read again.
 */
function useProjectsOrNone(projects: ProjectChoices): Loaded<{ items: readonly { id: string; title: string }[]; unreadable: boolean }> {
  const unreadable = projects.status === 'failed' && projects.problem.code === 'network';
  const [without, setWithout] = useState(false);
  useEffect(() => {
    if (unreadable) setWithout(true);
  }, [unreadable]);
  if (projects.status === 'done') return { status: 'done', data: { items: projects.data.items, unreadable: false } };
  if (unreadable || without) return { status: 'done', data: { items: [], unreadable: true } };
  return projects;
}

/** Records an activity or a series of them, or corrects one (`activityId`). */
export function ActivityFormPage({ activityId }: { activityId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocabulary = useActivityVocabulary();
  const projects = useProjectChoices();
  // `?outbox=<key>`: an activity the server refused while it waited on this device, opened again to be fixed.
  const reopened = useReopenedRecord('activity');
  const choices = useProjectsOrNone(projects);
  return (
    <Page title={activityId ? t('activities.form.editTitle') : t('activities.form.newTitle')}>
      {activityId ? (
        <Edit id={activityId} vocabulary={vocabulary} projects={projects} locale={locale} />
      ) : (
        <Show loaded={both(vocabulary, choices)}>
          {([v, p]) =>
            reopened !== undefined && (
              <ActivityForm
                key={reopened?.key}
                activity={null}
                vocabulary={v}
                projects={p.items}
                reopened={reopened}
                projectsUnreadable={p.unreadable}
              />
            )
          }
        </Show>
      )}
    </Page>
  );
}

function Edit({
  id,
  vocabulary,
  projects,
  locale,
}: {
  id: string;
  vocabulary: ReturnType<typeof useActivityVocabulary>;
  projects: ReturnType<typeof useProjectChoices>;
  locale: 'fr' | 'en';
}) {
  const activity = useLoaded(activityQueries.detail(id, locale));
  return (
    <Show loaded={both(both(vocabulary, projects), activity)}>
      {([[v, p], a]) => <ActivityForm activity={a} vocabulary={v} projects={p.items} />}
    </Show>
  );
}
