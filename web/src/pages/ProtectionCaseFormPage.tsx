import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Programme, ProtectionCase } from '../../../src/contracts/protection.js';
import type { Unit } from '../../../src/contracts/units.js';
import { ApiError } from '../api/client.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import {
  type ProtectionCaseInput,
  type ProtectionVocabulary,
  protectionApi,
  protectionQueries,
  useProtectionVocabulary,
} from '../api/protection.js';
import { both, type Loaded, useLoaded } from '../api/queries.js';
import { ConflictResolver } from '../components/ConflictResolver.js';
import { formatDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { IncidentConflict } from '../components/IncidentConflict.js';
import { Page } from '../components/Page.js';
import { ProtectionShow, RegionCercleFields, TermOptions } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { Show } from '../components/Show.js';
import { useEditConflict } from '../components/useEditConflict.js';
import { useLocale } from '../i18n.js';
import { OfflineUnavailable } from '../offline/OfflineUnavailable.js';
import { isCaseRef, termLabel } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';
import { unitLabel } from '../units.js';
import { NotFoundPage } from './NotFoundPage.js';

const DATE_PRECISIONS = ['day', 'week', 'month'] as const;

interface CaseDraft {
  programme: string;
  occurredOn: string;
  datePrecision: (typeof DATE_PRECISIONS)[number];
  region: string;
  cercle: string;
  place: string;
  summary: string;
  channel: string;
  office: string;
  incidentRefs: string;
}

function emptyDraft(programme: string): CaseDraft {
  return {
    programme,
    occurredOn: '',
    datePrecision: 'day',
    region: '',
    cercle: '',
    place: '',
    summary: '',
    channel: '',
    office: '',
    incidentRefs: '',
  };
}

/** The form's draft of a case's facts, as loaded: saving it unchanged changes nothing. */
function draftOf(caseData: ProtectionCase): CaseDraft {
  const precision = DATE_PRECISIONS.find((candidate) => candidate === caseData.datePrecision) ?? 'day';
  return {
    programme: caseData.programme,
    occurredOn: caseData.occurredOn,
    datePrecision: precision,
    region: caseData.region,
    cercle: caseData.cercle ?? '',
    place: caseData.place,
    summary: caseData.summary,
    channel: caseData.channel ?? '',
    office: caseData.office ?? '',
    incidentRefs: caseData.incidentRefs.join(' '),
  };
}

function inputOf(draft: CaseDraft): ProtectionCaseInput {
  return {
    occurredOn: draft.occurredOn,
    datePrecision: draft.datePrecision,
    region: draft.region,
    cercle: draft.cercle || null,
    place: draft.place,
    summary: draft.summary,
    channel: draft.programme === 'misconduct' ? draft.channel || null : null,
    office: draft.office || null,
    incidentRefs: draft.incidentRefs.split(/[\s,;]+/).filter(Boolean),
  };
}

/** The offices and mobile teams of the vocabulary are the Human Rights and Protection Division's. */
function recordsOffice(programme: string): boolean {
  return programme === 'human_rights';
}

interface CaseFormProps {
  /** The programmes a new case may be opened in; when editing, the case's own. */
  programmes: ProtectionVocabulary['programmes'];
  initial: CaseDraft;
  /** The case and the version being edited; none when opening a case. */
  editing: { ref: string; version: number } | null;
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
  /** Fetches the case again after a conflict. */
  onReload?: () => void;
}

function CaseForm({ programmes, initial, editing, vocabulary, incidents, units, onReload }: CaseFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useFieldIds();
  const submission = useSubmission();
  const [draft, setDraft] = useState<CaseDraft>(initial);
  const set = <K extends keyof CaseDraft>(key: K, value: CaseDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const misconduct = draft.programme === 'misconduct';
  const unit = programmes.find((programme) => programme.code === draft.programme)?.unit;
  const edit = useEditConflict(initial, editing?.version ?? 0, setDraft);
  const resolverRef = useRef<HTMLDivElement>(null);
  // The comparison, once read, takes the focus: it is read out.
  useEffect(() => {
    if (edit.status === 'ready') resolverRef.current?.focus();
  }, [edit.status]);
  const conflict =
    editing !== null && (submission.problem?.code === 'version_conflict' || (submission.problem === null && edit.status === 'ready'));
  const caseHref = editing ? `/protection/${encodeURIComponent(editing.ref)}` : '/protection';

  const fields: FormFields = {
    programme: { label: t('protection.form.programme'), id: id('programme') },
    channel: { label: t('protection.form.channel'), id: id('channel') },
    office: { label: t('protection.form.office'), id: id('office') },
    occurredOn: { label: t('protection.form.occurredOn'), id: id('occurredOn') },
    datePrecision: { label: t('protection.form.datePrecision'), id: id('datePrecision') },
    region: { label: t('protection.form.region'), id: id('region') },
    cercle: { label: t('protection.form.cercle'), id: id('cercle') },
    place: { label: t('protection.form.place'), id: id('place') },
    summary: { label: t('protection.form.summary'), id: id('summary') },
    incidentRefs: { label: t('protection.form.incidentRefs'), id: id('incidentRefs') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = inputOf(draft);
    let stale = false;
    const saved = await submission.submit(async () => {
      try {
        return editing
          ? await protectionApi.update(editing.ref, edit.version, input)
          : await protectionApi.create({ ...input, programme: draft.programme as Programme });
      } catch (error) {
        stale = error instanceof ApiError && error.code === 'version_conflict';
        throw error;
      }
    });
    if (saved) navigate(`/protection/${encodeURIComponent(saved.ref)}`);
    else if (stale && editing) {
      await edit.resolve(draft, async () => {
        const current = await protectionApi.get(editing.ref);
        return { draft: draftOf(current), version: current.version };
      });
    }
  };
  // A value as the form shows it: the label of a list's choice, a date day/month/year.
  const shown = (key: keyof CaseDraft, value: unknown): string => {
    const code = String(value);
    switch (key) {
      case 'datePrecision':
        return t(`protection.datePrecisions.${code as CaseDraft['datePrecision']}`);
      case 'occurredOn':
        return formatDate(code);
      case 'programme':
        return termLabel(programmes, code) ?? code;
      case 'channel':
        return termLabel(vocabulary.intakeChannels, code) ?? code;
      case 'office':
        return termLabel(vocabulary.offices, code) ?? code;
      case 'region':
        return termLabel(incidents.regions, code) ?? code;
      case 'cercle':
        return termLabel(incidents.cercles, code) ?? code;
      default:
        return code;
    }
  };

  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <OfflineUnavailable />
      {conflict && edit.status === 'loading' && <p role="status">{t('common.conflict.loading')}</p>}
      {conflict && edit.status === 'ready' && (
        <ConflictResolver
          ref={resolverRef}
          title={t('protection.conflict.title')}
          fields={edit.conflicts.map(({ key, mine, theirs }) => ({
            key,
            label: fields[key]?.label ?? key,
            mine: shown(key, mine),
            theirs: shown(key, theirs),
          }))}
          choice={edit.choice}
          onChoose={edit.choose}
        />
      )}
      {conflict && edit.status !== 'loading' && edit.status !== 'ready' && onReload ? (
        <IncidentConflict
          ref={submission.summary}
          onReload={onReload}
          wording={{ title: t('protection.conflict.title'), body: t('protection.conflict.body'), reload: t('protection.reloadCase') }}
        />
      ) : conflict ? null : (
        <FormErrors submission={submission} fields={fields} />
      )}
      <fieldset className="incident-group">
        <legend>{t('protection.form.what')}</legend>
        {editing ? (
          <p className="protection-programme-fixed">
            {t('protection.form.programmeFixed', { programme: termLabel(programmes, draft.programme) })}
          </p>
        ) : (
          <SelectField
            id={fields.programme?.id}
            label={t('protection.form.programme')}
            value={draft.programme}
            onChange={(value) =>
              setDraft((previous) => ({ ...previous, programme: value, office: recordsOffice(value) ? previous.office : '' }))
            }
            error={error('programme')}
          >
            {programmes.map((programme) => (
              <option key={programme.code} value={programme.code}>
                {programme.label}
              </option>
            ))}
          </SelectField>
        )}
        {unit && (
          <p className="hint protection-owner" aria-live="polite">
            {t('protection.form.owner', { unit: unitLabel(unit, units, locale) })}
          </p>
        )}
        {misconduct && (
          <SelectField
            id={fields.channel?.id}
            label={t('protection.form.channel')}
            value={draft.channel}
            onChange={(value) => set('channel', value)}
            error={error('channel')}
          >
            <option value="">{t('protection.form.chooseChannel')}</option>
            {vocabulary.intakeChannels.map((channel) => (
              <option key={channel.code} value={channel.code}>
                {channel.label}
              </option>
            ))}
          </SelectField>
        )}
        {recordsOffice(draft.programme) && (
          <SelectField
            id={fields.office?.id}
            label={t('protection.form.office')}
            hint={t('protection.form.officeHint')}
            optional
            value={draft.office}
            onChange={(value) => set('office', value)}
            error={error('office')}
          >
            <option value="">{t('protection.form.noOffice')}</option>
            <TermOptions terms={vocabulary.offices} />
          </SelectField>
        )}
      </fieldset>
      <fieldset className="incident-group">
        <legend>{t('protection.form.when')}</legend>
        <div className="form-row">
          <TextField
            id={fields.occurredOn?.id}
            label={t('protection.form.occurredOn')}
            type="date"
            required
            value={draft.occurredOn}
            onChange={(value) => set('occurredOn', value)}
            error={error('occurredOn')}
          />
          <SelectField
            id={fields.datePrecision?.id}
            label={t('protection.form.datePrecision')}
            value={draft.datePrecision}
            onChange={(value) => set('datePrecision', value as CaseDraft['datePrecision'])}
            error={error('datePrecision')}
          >
            {DATE_PRECISIONS.map((precision) => (
              <option key={precision} value={precision}>
                {t(`protection.datePrecisions.${precision}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset className="incident-group">
        <legend>{t('protection.form.where')}</legend>
        <div className="form-row">
          <RegionCercleFields
            incidents={incidents}
            region={draft.region}
            cercle={draft.cercle}
            onChange={(region, cercle) => setDraft((previous) => ({ ...previous, region, cercle }))}
            ids={{ region: fields.region?.id ?? '', cercle: fields.cercle?.id ?? '' }}
            errors={{ region: error('region'), cercle: error('cercle') }}
          />
        </div>
        <TextField
          id={fields.place?.id}
          label={t('protection.form.place')}
          hint={t('protection.sealedHint')}
          optional
          autoComplete="off"
          value={draft.place}
          onChange={(value) => set('place', value)}
          error={error('place')}
        />
      </fieldset>
      <fieldset className="incident-group">
        <legend>{t('protection.form.account')}</legend>
        <TextAreaField
          id={fields.summary?.id}
          label={t('protection.form.summary')}
          hint={t('protection.form.summaryHint')}
          rows={6}
          required
          value={draft.summary}
          onChange={(value) => set('summary', value)}
          error={error('summary')}
        />
        <TextField
          id={fields.incidentRefs?.id}
          label={t('protection.form.incidentRefs')}
          hint={t('protection.form.incidentRefsHint')}
          optional
          autoComplete="off"
          spellCheck={false}
          value={draft.incidentRefs}
          onChange={(value) => set('incidentRefs', value)}
          error={error('incidentRefs')}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={submission.busy}>
          {submission.busy ? t('common.saving') : editing ? t('protection.form.save') : t('protection.form.create')}
        </button>
        <Link to={caseHref} className="button-secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

/**
 * « Ouvrir un dossier » (`/protection/nouveau`): a case of a programme whose unit the user is
 * officer or manager of. « Modifier les faits » (`/protection/:ref/modifier`): the same form on a
 * case the user may edit, sent with the version it loaded; the server refuses a stale one.
 */
export function ProtectionCaseFormPage({ me, caseRef }: { me: Me; caseRef?: string }) {
  if (caseRef === undefined) return <NewCasePage me={me} />;
  return isCaseRef(caseRef) ? <EditCasePage caseRef={caseRef} /> : <NotFoundPage />;
}

function useVocabularies(): Loaded<[[ProtectionVocabulary, IncidentVocabulary], Unit[]]> {
  const vocabulary = useProtectionVocabulary();
  const incidents = useIncidentVocabulary();
  const units = useUnits();
  return both(both(vocabulary, incidents), units);
}

function NewCasePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const vocabularies = useVocabularies();

  return (
    <Page title={t('protection.form.title')}>
      <p className="back-link">
        <Link to="/protection">{t('protection.back')}</Link>
      </p>
      <Show loaded={vocabularies}>
        {([[vocab, incidentVocab], unitList]) => {
          const programmes = vocab.programmes.filter((programme) => me.may.openProgrammes.includes(programme.code));
          const [first] = programmes;
          if (!first) return <p>{t('protection.form.noUnit')}</p>;
          const asked = search.get('programme');
          const initial = programmes.some((programme) => programme.code === asked) ? (asked ?? first.code) : first.code;
          return (
            <>
              <p className="hint">{t('protection.form.intro')}</p>
              <CaseForm
                programmes={programmes}
                initial={emptyDraft(initial)}
                editing={null}
                vocabulary={vocab}
                incidents={incidentVocab}
                units={unitList}
              />
            </>
          );
        }}
      </Show>
    </Page>
  );
}

function EditCasePage({ caseRef }: { caseRef: string }) {
  const { t } = useTranslation();
  // The form starts from the case as it is now, not as some page showed it earlier.
  const loaded = useLoaded({ ...protectionQueries.case(caseRef), refetchOnMount: 'always' });
  const vocabularies = useVocabularies();
  if (loaded.status === 'failed' && loaded.problem.status === 404) return <NotFoundPage />;

  return (
    <Page title={t('protection.form.editTitle', { ref: caseRef })}>
      <p className="back-link">
        <Link to={`/protection/${encodeURIComponent(caseRef)}`}>{t('protection.case.title', { ref: caseRef })}</Link>
      </p>
      <ProtectionShow loaded={both(loaded, vocabularies)}>
        {([caseData, [[vocab, incidentVocab], unitList]]) => {
          if (!caseData.may.edit) return <p>{t('protection.form.noEdit')}</p>;
          return (
            <>
              <p className="hint">{t('protection.form.editIntro', { version: caseData.version })}</p>
              <CaseForm
                key={`${caseData.ref}:${caseData.version}`}
                programmes={vocab.programmes.filter((programme) => programme.code === caseData.programme)}
                initial={draftOf(caseData)}
                editing={{ ref: caseData.ref, version: caseData.version }}
                vocabulary={vocab}
                incidents={incidentVocab}
                units={unitList}
                onReload={loaded.reload}
              />
            </>
          );
        }}
      </ProtectionShow>
    </Page>
  );
}
