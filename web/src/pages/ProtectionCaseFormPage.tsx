import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Programme } from '../../../src/contracts/protection.js';
import type { Unit } from '../../../src/contracts/units.js';
import { incidentApi, type ProtectionVocabulary, protectionApi } from '../api.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { RegionCercleFields } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { both, useLoad } from '../load.js';
import { openableProgrammes } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';
import { loadUnits, unitLabel } from '../units.js';

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
  incidentRefs: string;
}

function CaseForm({
  programmes,
  initialProgramme,
  vocabulary,
  incidents,
  units,
}: {
  programmes: ProtectionVocabulary['programmes'];
  initialProgramme: string;
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useFieldIds();
  const submission = useSubmission();
  const [draft, setDraft] = useState<CaseDraft>({
    programme: initialProgramme,
    occurredOn: '',
    datePrecision: 'day',
    region: '',
    cercle: '',
    place: '',
    summary: '',
    channel: '',
    incidentRefs: '',
  });
  const set = <K extends keyof CaseDraft>(key: K, value: CaseDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const misconduct = draft.programme === 'misconduct';
  const unit = programmes.find((programme) => programme.code === draft.programme)?.unit;

  const fields: FormFields = {
    programme: { label: t('protection.form.programme'), id: id('programme') },
    channel: { label: t('protection.form.channel'), id: id('channel') },
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
    const created = await submission.submit(() =>
      protectionApi.create({
        programme: draft.programme as Programme,
        occurredOn: draft.occurredOn,
        datePrecision: draft.datePrecision,
        region: draft.region,
        cercle: draft.cercle || null,
        place: draft.place,
        summary: draft.summary,
        channel: misconduct ? draft.channel || null : null,
        incidentRefs: draft.incidentRefs.split(/[\s,;]+/).filter(Boolean),
      }),
    );
    if (created) navigate(`/protection/${encodeURIComponent(created.ref)}`);
  };

  return (
    <form className="form protection-form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} />
      <fieldset className="incident-group">
        <legend>{t('protection.form.what')}</legend>
        <SelectField
          id={fields.programme?.id}
          label={t('protection.form.programme')}
          value={draft.programme}
          onChange={(value) => set('programme', value)}
          error={error('programme')}
        >
          {programmes.map((programme) => (
            <option key={programme.code} value={programme.code}>
              {programme.label}
            </option>
          ))}
        </SelectField>
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
          {submission.busy ? t('common.saving') : t('protection.form.create')}
        </button>
        <Link to="/protection" className="button-secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

/** « Ouvrir un dossier » (`/protection/nouveau`): a case of a programme whose unit the user is officer or manager of. */
export function ProtectionCaseFormPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const vocabulary = useLoad(protectionApi.vocabulary, locale);
  const incidents = useLoad(incidentApi.vocabulary, locale);
  const units = useLoad(loadUnits);

  return (
    <Page title={t('protection.form.title')}>
      <p className="back-link">
        <Link to="/protection">{t('protection.back')}</Link>
      </p>
      <Show loaded={both(both(vocabulary, incidents), units)}>
        {([[vocab, incidentVocab], unitList]) => {
          const programmes = openableProgrammes(vocab, me);
          const [first] = programmes;
          if (!first) return <p>{t('protection.form.noUnit')}</p>;
          const asked = search.get('programme');
          const initial = programmes.some((programme) => programme.code === asked) ? (asked ?? first.code) : first.code;
          return (
            <>
              <p className="hint">{t('protection.form.intro')}</p>
              <CaseForm programmes={programmes} initialProgramme={initial} vocabulary={vocab} incidents={incidentVocab} units={unitList} />
            </>
          );
        }}
      </Show>
    </Page>
  );
}
