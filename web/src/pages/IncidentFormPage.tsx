import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import {
  CASUALTY_GROUPS,
  DATE_PRECISIONS,
  INCIDENT_CLASSIFICATIONS,
  type Incident,
  type IncidentVocabulary,
  LOCATION_PRECISIONS,
} from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { ApiError, toProblem } from '../api/client.js';
import { incidentApi, incidentQueries, useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { IncidentConflict } from '../components/IncidentConflict.js';
import { IncidentErrorSummary, type SummaryItem } from '../components/IncidentErrorSummary.js';
import { IncidentCheckboxField, IncidentSelectField, IncidentTextAreaField, IncidentTextField } from '../components/IncidentFields.js';
import { IncidentHarmFields } from '../components/IncidentHarmFields.js';
import { IncidentActorFields, IncidentSourceFields } from '../components/IncidentRowFields.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import {
  type DatePrecision,
  type DraftError,
  draftOf,
  ESTIMATES,
  emptyDraft,
  fieldId,
  fieldPathOf,
  type IncidentClassification,
  type IncidentDraft,
  inputOf,
  isIncidentRef,
  type LocationPrecision,
  OUTCOMES,
  writerUnits,
} from '../incidents.js';
import { Link, navigate } from '../router.js';
import { unitLabel } from '../units.js';
import { NotFoundPage } from './NotFoundPage.js';

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

/** A group of fields with its legend; the group itself can take the focus when an error is about it as a whole. */
function Group({
  path,
  legend,
  hint,
  error,
  children,
}: {
  path: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <fieldset id={id} tabIndex={-1} className="incident-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint incident-group-hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

interface IncidentFormProps {
  initial: IncidentDraft;
  /** The version being edited; none when recording a new incident. */
  editing: { ref: string; version: number } | null;
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
  unitChoices: readonly string[];
  onReload: () => void;
}

function IncidentForm({ initial, editing, vocabulary, units, unitChoices, onReload }: IncidentFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState(initial);
  const [clientErrors, setClientErrors] = useState<DraftError[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  // After a failed submit the summary takes the focus: it is read out, and its links lead to the fields.
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

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
  const showSummary = summaryItems.length > 0 || (problem !== null && !conflict);

  const set = <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));

  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const regions = [...vocabulary.regions].sort(byName);
  const cercles = vocabulary.cercles.filter((cercle) => draft.region === '' || cercle.region === draft.region).sort(byName);
  const eventType = vocabulary.eventTypes.find((type) => type.code === draft.eventType);
  const regionLabel = new Map(vocabulary.regions.map((region) => [region.code, region.label]));

  const choosePlace = (name: string) => {
    const place = vocabulary.places.find((candidate) => candidate.name === name);
    setDraft((previous) => ({
      ...previous,
      place: name,
      // A place of the gazetteer knows its region and cercle: filled in, they always agree with it.
      region: place ? place.region : previous.region,
      cercle: place ? (place.cercle ?? '') : previous.cercle,
      precision: place && (previous.precision === 'cercle' || previous.precision === 'region') ? 'near' : previous.precision,
    }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setConflict(false);
    const result = inputOf(draft);
    if ('errors' in result) {
      setProblem(null);
      setClientErrors(result.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setClientErrors([]);
    setProblem(null);
    setBusy(true);
    try {
      const saved: Incident = editing
        ? await incidentApi.update(editing.ref, editing.version, result.input)
        : await incidentApi.create(result.input);
      navigate(`/incidents/${encodeURIComponent(saved.ref)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true);
      else setProblem(toProblem(error));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const otherUnits = units.filter((unit) => unit.code !== draft.unit);

  return (
    <form className="form incident-form" onSubmit={submit} noValidate>
      {conflict && <IncidentConflict ref={summary} onReload={onReload} />}
      {showSummary && (
        <IncidentErrorSummary
          ref={summary}
          detail={problem && (problem.errors?.length ?? 0) === 0 ? (problem.detail ?? problem.title) : null}
          items={summaryItems}
        />
      )}

      <Group path="when" legend={t('incidents.form.when')}>
        <div className="form-row">
          <IncidentTextField
            path="occurredOn"
            label={t('incidents.form.occurredOn')}
            type="date"
            required
            value={draft.occurredOn}
            onChange={(value) => set('occurredOn', value)}
            error={errorFor('occurredOn')}
          />
          <IncidentTextField
            path="occurredTime"
            label={t('incidents.form.occurredTime')}
            hint={t('incidents.form.occurredTimeHint')}
            optional
            type="time"
            value={draft.occurredTime}
            onChange={(value) => set('occurredTime', value)}
            error={errorFor('occurredTime')}
          />
          <IncidentSelectField
            path="datePrecision"
            label={t('incidents.form.datePrecision')}
            value={draft.datePrecision}
            onChange={(value) => set('datePrecision', value as DatePrecision)}
            error={errorFor('datePrecision')}
          >
            {DATE_PRECISIONS.map((precision) => (
              <option key={precision} value={precision}>
                {t(`incidents.datePrecisions.${precision}`)}
              </option>
            ))}
          </IncidentSelectField>
        </div>
      </Group>

      <Group path="where" legend={t('incidents.form.where')} hint={t('incidents.form.whereHint')}>
        <div className="form-row">
          <IncidentSelectField
            path="location.place"
            label={t('incidents.form.place')}
            optional
            value={draft.place}
            onChange={choosePlace}
            error={errorFor('location.place', 'location')}
          >
            <option value="">{t('incidents.form.noPlace')}</option>
            {regions.map((region) => (
              <optgroup key={region.code} label={region.label}>
                {vocabulary.places
                  .filter((place) => place.region === region.code)
                  .map((place) => (
                    <option key={place.name} value={place.name}>
                      {place.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </IncidentSelectField>
          <IncidentTextField
            path="location.latitude"
            label={t('incidents.form.latitude')}
            hint={t('incidents.form.coordinateHint')}
            optional
            inputMode="decimal"
            autoComplete="off"
            value={draft.latitude}
            onChange={(value) => set('latitude', value)}
            error={errorFor('location.latitude')}
          />
          <IncidentTextField
            path="location.longitude"
            label={t('incidents.form.longitude')}
            hint={t('incidents.form.coordinateHint')}
            optional
            inputMode="decimal"
            autoComplete="off"
            value={draft.longitude}
            onChange={(value) => set('longitude', value)}
            error={errorFor('location.longitude')}
          />
        </div>
        <div className="form-row">
          <IncidentSelectField
            path="location.region"
            label={t('incidents.form.region')}
            optional
            value={draft.region}
            onChange={(region) =>
              setDraft((previous) => ({
                ...previous,
                region,
                cercle: vocabulary.cercles.some((cercle) => cercle.code === previous.cercle && cercle.region === region)
                  ? previous.cercle
                  : '',
              }))
            }
            error={errorFor('location.region')}
          >
            <option value="">{t('incidents.form.chooseRegion')}</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.label}
              </option>
            ))}
          </IncidentSelectField>
          <IncidentSelectField
            path="location.cercle"
            label={t('incidents.form.cercle')}
            optional
            value={draft.cercle}
            onChange={(code) =>
              setDraft((previous) => ({
                ...previous,
                cercle: code,
                region: vocabulary.cercles.find((cercle) => cercle.code === code)?.region ?? previous.region,
              }))
            }
            error={errorFor('location.cercle')}
          >
            <option value="">{t('incidents.form.chooseCercle')}</option>
            {cercles.map((cercle) => (
              <option key={cercle.code} value={cercle.code}>
                {draft.region === '' ? `${cercle.label} (${regionLabel.get(cercle.region) ?? cercle.region})` : cercle.label}
              </option>
            ))}
          </IncidentSelectField>
          <IncidentTextField
            path="location.commune"
            label={t('incidents.form.commune')}
            optional
            value={draft.commune}
            onChange={(value) => set('commune', value)}
            error={errorFor('location.commune')}
          />
          <IncidentSelectField
            path="location.precision"
            label={t('incidents.form.locationPrecision')}
            value={draft.precision}
            onChange={(value) => set('precision', value as LocationPrecision)}
            error={errorFor('location.precision')}
          >
            {LOCATION_PRECISIONS.map((precision) => (
              <option key={precision} value={precision}>
                {t(`incidents.locationPrecisions.${precision}`)}
              </option>
            ))}
          </IncidentSelectField>
        </div>
      </Group>

      <Group path="what" legend={t('incidents.form.what')}>
        <div className="form-row">
          <IncidentSelectField
            path="eventType"
            label={t('incidents.form.eventType')}
            value={draft.eventType}
            onChange={(code) =>
              setDraft((previous) => ({
                ...previous,
                eventType: code,
                subEventType: vocabulary.eventTypes
                  .find((type) => type.code === code)
                  ?.subTypes.some((sub) => sub.code === previous.subEventType)
                  ? previous.subEventType
                  : '',
              }))
            }
            error={errorFor('eventType')}
          >
            <option value="">{t('incidents.form.chooseEventType')}</option>
            {vocabulary.eventTypes.map((type) => (
              <option key={type.code} value={type.code}>
                {type.label}
              </option>
            ))}
          </IncidentSelectField>
          <IncidentSelectField
            path="subEventType"
            label={t('incidents.form.subEventType')}
            value={draft.subEventType}
            onChange={(value) => set('subEventType', value)}
            error={errorFor('subEventType')}
          >
            <option value="">{t('incidents.form.chooseSubType')}</option>
            {(eventType?.subTypes ?? []).map((sub) => (
              <option key={sub.code} value={sub.code}>
                {sub.label}
              </option>
            ))}
          </IncidentSelectField>
          <IncidentSelectField
            path="category"
            label={t('incidents.form.category')}
            optional
            value={draft.category}
            onChange={(value) => set('category', value)}
            error={errorFor('category')}
          >
            <option value="">{t('incidents.form.noCategory')}</option>
            {vocabulary.categories.map((category) => (
              <option key={category.code} value={category.code}>
                {category.label}
              </option>
            ))}
          </IncidentSelectField>
        </div>
        <IncidentCheckboxField
          path="threatToCivilians"
          label={t('incidents.form.threatToCivilians')}
          checked={draft.threatToCivilians}
          onChange={(value) => set('threatToCivilians', value)}
          error={errorFor('threatToCivilians')}
        />
      </Group>

      <Group path="actors" legend={t('incidents.form.who')} error={errorFor('actors')}>
        <IncidentActorFields
          rows={draft.actors}
          actors={vocabulary.actors}
          onChange={(rows) => set('actors', rows)}
          errorFor={(path) => errorFor(path)}
        />
      </Group>

      <Group path="casualties" legend={t('incidents.form.harm')} hint={t('incidents.form.harmHint')} error={errorFor('casualties')}>
        <IncidentHarmFields
          casualties={draft.casualties}
          onChange={(group, outcome, estimate, value) =>
            setDraft((previous) => ({
              ...previous,
              casualties: {
                ...previous.casualties,
                [group]: {
                  ...previous.casualties[group],
                  [outcome]: { ...previous.casualties[group][outcome], [estimate]: value },
                },
              },
            }))
          }
          errorFor={(path) => errorFor(path)}
        />
      </Group>

      <Group path="sources" legend={t('incidents.form.sources')} error={errorFor('sources')}>
        <IncidentSourceFields rows={draft.sources} onChange={(rows) => set('sources', rows)} errorFor={(path) => errorFor(path)} />
      </Group>

      <Group path="text" legend={t('incidents.form.descriptionGroup')}>
        <IncidentTextField
          path="title"
          label={t('incidents.form.title')}
          hint={t('incidents.form.titleHint')}
          required
          value={draft.title}
          onChange={(value) => set('title', value)}
          error={errorFor('title')}
          className="field-wide"
        />
        <IncidentTextAreaField
          path="description"
          label={t('incidents.form.description')}
          optional
          rows={6}
          value={draft.description}
          onChange={(value) => set('description', value)}
          error={errorFor('description')}
          className="field-wide"
        />
        <div className="form-row">
          <IncidentTextField
            path="tags"
            label={t('incidents.form.tags')}
            hint={t('incidents.form.tagsHint')}
            optional
            value={draft.tags}
            onChange={(value) => set('tags', value)}
            error={errorFor('tags')}
          />
          <IncidentTextField
            path="links"
            label={t('incidents.form.links')}
            hint={t('incidents.form.linksHint')}
            optional
            autoComplete="off"
            value={draft.links}
            onChange={(value) => set('links', value)}
            error={errorFor('links')}
          />
        </div>
      </Group>

      <Group path="owner" legend={t('incidents.form.owner')}>
        <div className="form-row">
          <IncidentSelectField
            path="unit"
            label={t('incidents.form.unit')}
            value={draft.unit}
            onChange={(value) => set('unit', value)}
            error={errorFor('unit')}
          >
            {unitChoices.map((code) => (
              <option key={code} value={code}>
                {unitLabel(code, units, locale)}
              </option>
            ))}
          </IncidentSelectField>
          <IncidentSelectField
            path="classification"
            label={t('incidents.form.classification')}
            hint={t('incidents.form.classificationHint')}
            value={draft.classification}
            onChange={(value) => set('classification', value as IncidentClassification)}
            error={errorFor('classification')}
          >
            {INCIDENT_CLASSIFICATIONS.map((classification) => (
              <option key={classification} value={classification}>
                {t(`incidents.classifications.${classification}`)}
              </option>
            ))}
          </IncidentSelectField>
        </div>
        {draft.classification === 'restricted' && (
          <fieldset
            id={fieldId('sharedWith')}
            tabIndex={-1}
            className="incident-share"
            aria-describedby={errorFor('sharedWith') ? `${fieldId('sharedWith')}-error` : `${fieldId('sharedWith')}-hint`}
          >
            <legend>{t('incidents.form.sharedWith')}</legend>
            <p id={`${fieldId('sharedWith')}-hint`} className="hint">
              {t('incidents.form.sharedWithHint')}
            </p>
            {errorFor('sharedWith') && (
              <p id={`${fieldId('sharedWith')}-error`} className="field-error">
                {errorFor('sharedWith')}
              </p>
            )}
            <ul className="incident-share-list">
              {otherUnits.map((unit) => (
                <li key={unit.code} className="checkbox">
                  <input
                    id={`${fieldId('sharedWith')}-${unit.code}`}
                    type="checkbox"
                    checked={draft.sharedWith.includes(unit.code)}
                    onChange={(event) =>
                      set(
                        'sharedWith',
                        event.target.checked ? [...draft.sharedWith, unit.code] : draft.sharedWith.filter((code) => code !== unit.code),
                      )
                    }
                  />
                  <label htmlFor={`${fieldId('sharedWith')}-${unit.code}`}>{unitLabel(unit.code, units, locale)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
      </Group>

      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('incidents.form.saving') : editing ? t('incidents.form.save') : t('incidents.form.create')}
        </button>
        <Link to={editing ? `/incidents/${encodeURIComponent(editing.ref)}` : '/incidents'} className="button-secondary">
          {t('incidents.form.cancel')}
        </Link>
      </div>
    </form>
  );
}

/**
 * Records an incident (`/incidents/nouveau`) or edits one (`/incidents/:ref/modifier`, sending the
 * version it loaded). The server checks everything again and reports by field.
 */
export function IncidentFormPage({ me, incidentRef }: { me: Me; incidentRef?: string }) {
  if (incidentRef !== undefined && !isIncidentRef(incidentRef)) return <NotFoundPage />;
  return <IncidentFormContent me={me} incidentRef={incidentRef} />;
}

function IncidentFormContent({ me, incidentRef }: { me: Me; incidentRef?: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocabulary = useIncidentVocabulary();
  const units = useUnits();
  // The form starts from the incident as it is now, not as some page showed it earlier.
  const incident = useLoaded({
    ...incidentQueries.detail(incidentRef ?? '', locale),
    enabled: incidentRef !== undefined,
    refetchOnMount: 'always',
  });
  const writable = writerUnits(me);
  const title = incidentRef ? t('incidents.form.editTitle', { ref: incidentRef }) : t('incidents.form.createTitle');
  const [first] = writable;
  const loadedIncident = incidentRef === undefined ? ({ status: 'done', data: null } as const) : incident;

  return (
    <Page title={title}>
      <p className="back-link">
        <Link to={incidentRef ? `/incidents/${encodeURIComponent(incidentRef)}` : '/incidents'}>
          {incidentRef ?? t('incidents.detail.back')}
        </Link>
      </p>
      <Show loaded={both(both(vocabulary, units), loadedIncident)}>
        {([[vocab, unitList], loaded]) => {
          if (loaded && !loaded.allowed.edit) return <p>{t('forbidden.body')}</p>;
          if (!loaded && first === undefined) return <p>{t('incidents.form.noUnit')}</p>;
          const choices = loaded && !writable.includes(loaded.unit) ? [loaded.unit, ...writable] : writable;
          return (
            <>
              <p className="hint">{loaded ? t('incidents.form.editIntro', { version: loaded.version }) : t('incidents.form.intro')}</p>
              <IncidentForm
                key={loaded ? `${loaded.ref}:${loaded.version}` : 'new'}
                initial={loaded ? draftOf(loaded, locale) : emptyDraft(first ?? '')}
                editing={loaded ? { ref: loaded.ref, version: loaded.version } : null}
                vocabulary={vocab}
                units={unitList}
                unitChoices={choices}
                onReload={incident.reload}
              />
            </>
          );
        }}
      </Show>
    </Page>
  );
}
