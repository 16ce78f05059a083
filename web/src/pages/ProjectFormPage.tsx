import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import {
  CURRENCIES,
  type Currency,
  FUNDS,
  type Fund,
  PARTNER_ROLES,
  PROJECT_CLASSIFICATIONS,
  type Project,
  type ProjectInput,
  type ProjectVocabulary,
} from '../../../src/contracts/projects.js';
import { toProblem } from '../api/client.js';
import { projectApi, projectQueries, useProjectVocabulary } from '../api/projects.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, parseDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { moneyInput, parseMoney } from '../projects.js';
import { navigate } from '../router.js';

type Role = (typeof PARTNER_ROLES)[number];
type Classification = (typeof PROJECT_CLASSIFICATIONS)[number];

interface Draft {
  fund: Fund;
  unit: string;
  classification: Classification;
  titleFr: string;
  titleEn: string;
  descriptionFr: string;
  descriptionEn: string;
  sector: string;
  place: string;
  partner: string;
  role: Role;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  currency: Currency;
  rateToUsd: string;
  rateDate: string;
  budget: string;
  plannedPeople: string;
  plannedWomen: string;
  reachedPeople: string;
  reachedWomen: string;
  exceptionJustification: string;
}

function draftOf(project: Project | null, unit: string, locale: 'fr' | 'en'): Draft {
  if (!project) {
    return {
      fund: 'qip',
      unit,
      classification: 'internal',
      titleFr: '',
      titleEn: '',
      descriptionFr: '',
      descriptionEn: '',
      sector: '',
      place: '',
      partner: '',
      role: 'implementing',
      plannedStart: '',
      plannedEnd: '',
      actualStart: '',
      actualEnd: '',
      currency: 'USD',
      rateToUsd: '1',
      rateDate: '',
      budget: '',
      plannedPeople: '0',
      plannedWomen: '0',
      reachedPeople: '0',
      reachedWomen: '0',
      exceptionJustification: '',
    };
  }
  const [partner] = project.partners;
  const b = project.beneficiaries;
  return {
    fund: project.fund,
    unit: project.unit,
    classification: project.classification,
    titleFr: project.titleFr,
    titleEn: project.titleEn,
    descriptionFr: project.descriptionFr,
    descriptionEn: project.descriptionEn,
    sector: project.sector,
    place: project.places[0]?.place ?? '',
    partner: partner?.partner ?? '',
    role: partner?.role ?? 'implementing',
    plannedStart: formatDate(project.plannedStart),
    plannedEnd: formatDate(project.plannedEnd),
    actualStart: project.actualStart ? formatDate(project.actualStart) : '',
    actualEnd: project.actualEnd ? formatDate(project.actualEnd) : '',
    currency: project.currency,
    rateToUsd: project.rateToUsd,
    rateDate: formatDate(project.rateDate),
    budget: moneyInput(project.budget.minor, project.currency, locale),
    plannedPeople: String(b.plannedPeople),
    plannedWomen: String(b.plannedWomen),
    reachedPeople: String(b.reachedPeople),
    reachedWomen: String(b.reachedWomen),
    exceptionJustification: project.exception?.justification ?? '',
  };
}

const count = (text: string) => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

function ProjectForm({ me, project, vocabulary }: { me: Me; project: Project | null; vocabulary: ProjectVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = project ? [...new Set([project.unit, ...me.may.proposeProjectIn])] : me.may.proposeProjectIn;
  const [draft, setDraft] = useState<Draft>(() => draftOf(project, units[0] ?? '', locale));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: string) =>
      setDraft((d) => ({ ...d, [key]: value as Draft[K] }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: { path: string; message: string }[] = [];
    const date = (path: string, text: string, optional = false) => {
      if (optional && text.trim() === '') return null;
      const iso = parseDate(text);
      if (!iso) errors.push({ path, message: t('projects.form.dateInvalid') });
      return iso;
    };
    const number = (path: string, text: string) => {
      const n = count(text);
      if (n === null) errors.push({ path, message: t('projects.form.countInvalid') });
      return n ?? 0;
    };
    const budgetMinor = parseMoney(draft.budget, draft.currency);
    if (budgetMinor === null) errors.push({ path: 'budgetMinor', message: t('projects.form.amountInvalid') });
    const input: ProjectInput = {
      fund: draft.fund,
      unit: draft.unit,
      classification: draft.classification,
      titleFr: draft.titleFr,
      titleEn: draft.titleEn,
      descriptionFr: draft.descriptionFr,
      descriptionEn: draft.descriptionEn,
      sector: draft.sector,
      partners: draft.partner ? [{ partner: draft.partner, role: draft.role }] : [],
      places: draft.place ? [{ place: draft.place }] : [],
      plannedStart: date('plannedStart', draft.plannedStart) ?? '',
      plannedEnd: date('plannedEnd', draft.plannedEnd) ?? '',
      actualStart: date('actualStart', draft.actualStart, true),
      actualEnd: date('actualEnd', draft.actualEnd, true),
      currency: draft.currency,
      rateToUsd: draft.rateToUsd.trim().replace(',', '.'),
      rateDate: date('rateDate', draft.rateDate) ?? '',
      budgetMinor: budgetMinor ?? 0,
      beneficiaries: {
        plannedPeople: number('beneficiaries.plannedPeople', draft.plannedPeople),
        plannedWomen: number('beneficiaries.plannedWomen', draft.plannedWomen),
        reachedPeople: number('beneficiaries.reachedPeople', draft.reachedPeople),
        reachedWomen: number('beneficiaries.reachedWomen', draft.reachedWomen),
      },
      exceptionJustification: draft.exceptionJustification,
    };
    if (errors.length > 0) return setProblem(clientProblem(errors));
    setBusy(true);
    try {
      const saved = project ? await projectApi.update(project.id, project.version, input) : await projectApi.create(input);
      navigate(`/projets/${saved.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const e = (path: string) => fieldError(problem, path);
  const labels: Record<string, string> = {
    budgetMinor: t('projects.fields.budget'),
    plannedEnd: t('projects.fields.plannedEnd'),
    plannedStart: t('projects.fields.plannedStart'),
    titleFr: t('projects.fields.titleFr'),
    sector: t('projects.fields.sector'),
    rateToUsd: t('projects.fields.rate'),
    rateDate: t('projects.fields.rateDate'),
    'beneficiaries.reachedWomen': t('projects.fields.reachedWomen'),
    'beneficiaries.plannedWomen': t('projects.fields.plannedWomen'),
  };

  return (
    <form onSubmit={submit} noValidate className="project-form">
      <ProblemAlert problem={problem} labels={labels} />
      <Card title={t('projects.form.what')} wide>
        <SelectField label={t('projects.fields.fund')} value={draft.fund} onChange={set('fund')}>
          {FUNDS.map((fund) => (
            <option key={fund} value={fund}>
              {t(`projects.funds.${fund}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('projects.fields.unit')} value={draft.unit} onChange={set('unit')}>
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('projects.fields.classification')} value={draft.classification} onChange={set('classification')}>
          {PROJECT_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {t(`projects.classifications.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('projects.fields.titleFr')} value={draft.titleFr} onChange={set('titleFr')} error={e('titleFr')} lang="fr" />
        <TextField
          label={t('projects.fields.titleEn')}
          value={draft.titleEn}
          onChange={set('titleEn')}
          error={e('titleEn')}
          optional
          lang="en"
        />
        <TextAreaField
          label={t('projects.fields.descriptionFr')}
          value={draft.descriptionFr}
          onChange={set('descriptionFr')}
          optional
          rows={3}
          lang="fr"
        />
        <TextAreaField
          label={t('projects.fields.descriptionEn')}
          value={draft.descriptionEn}
          onChange={set('descriptionEn')}
          optional
          rows={3}
          lang="en"
        />
        <SelectField label={t('projects.fields.sector')} value={draft.sector} onChange={set('sector')} error={e('sector')}>
          <option value="">{t('projects.form.choose')}</option>
          {vocabulary.sectors.map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} — {s.name}
            </option>
          ))}
        </SelectField>
      </Card>
      <Card title={t('projects.form.where')} wide>
        <SelectField label={t('projects.fields.place')} value={draft.place} onChange={set('place')} error={e('places.0.place')} optional>
          <option value="">{t('projects.form.none')}</option>
          {vocabulary.places.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('projects.fields.partner')}
          value={draft.partner}
          onChange={set('partner')}
          error={e('partners.0.partner')}
          optional
        >
          <option value="">{t('projects.form.none')}</option>
          {vocabulary.partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('projects.fields.partnerRole')} value={draft.role} onChange={set('role')}>
          {PARTNER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`projects.roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('projects.fields.plannedStart')}
          hint={t('projects.form.dateHint')}
          value={draft.plannedStart}
          onChange={set('plannedStart')}
          error={e('plannedStart')}
        />
        <TextField
          label={t('projects.fields.plannedEnd')}
          hint={t('projects.form.dateHint')}
          value={draft.plannedEnd}
          onChange={set('plannedEnd')}
          error={e('plannedEnd')}
        />
        <TextField
          label={t('projects.fields.actualStart')}
          value={draft.actualStart}
          onChange={set('actualStart')}
          error={e('actualStart')}
          optional
        />
        <TextField
          label={t('projects.fields.actualEnd')}
          value={draft.actualEnd}
          onChange={set('actualEnd')}
          error={e('actualEnd')}
          optional
        />
      </Card>
      <Card title={t('projects.form.money')} wide>
        <SelectField label={t('projects.fields.currency')} value={draft.currency} onChange={set('currency')} error={e('currency')}>
          {(Object.keys(CURRENCIES) as Currency[]).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('projects.fields.rate')}
          hint={t('projects.form.rateHint')}
          value={draft.rateToUsd}
          onChange={set('rateToUsd')}
          error={e('rateToUsd')}
          inputMode="decimal"
        />
        <TextField
          label={t('projects.fields.rateDate')}
          hint={t('projects.form.dateHint')}
          value={draft.rateDate}
          onChange={set('rateDate')}
          error={e('rateDate')}
        />
        <TextField
          label={t('projects.fields.budgetIn', { currency: draft.currency })}
          hint={t('projects.form.budgetHint')}
          value={draft.budget}
          onChange={set('budget')}
          error={e('budgetMinor')}
          inputMode="decimal"
        />
        <TextAreaField
          label={t('projects.fields.exceptionJustification')}
          hint={t('projects.form.exceptionHint')}
          value={draft.exceptionJustification}
          onChange={set('exceptionJustification')}
          optional
          rows={3}
        />
      </Card>
      <Card title={t('projects.form.people')} wide>
        <TextField
          label={t('projects.fields.plannedPeople')}
          value={draft.plannedPeople}
          onChange={set('plannedPeople')}
          error={e('beneficiaries.plannedPeople')}
          inputMode="numeric"
        />
        <TextField
          label={t('projects.fields.plannedWomen')}
          value={draft.plannedWomen}
          onChange={set('plannedWomen')}
          error={e('beneficiaries.plannedWomen')}
          inputMode="numeric"
        />
        <TextField
          label={t('projects.fields.reachedPeople')}
          value={draft.reachedPeople}
          onChange={set('reachedPeople')}
          error={e('beneficiaries.reachedPeople')}
          inputMode="numeric"
        />
        <TextField
          label={t('projects.fields.reachedWomen')}
          value={draft.reachedWomen}
          onChange={set('reachedWomen')}
          error={e('beneficiaries.reachedWomen')}
          inputMode="numeric"
        />
      </Card>
      <button type="submit" className="button-primary" disabled={busy}>
        {project ? t('projects.form.save') : t('projects.form.propose')}
      </button>
    </form>
  );
}

function EditProject({ me, projectId }: { me: Me; projectId: string }) {
  const locale = useLocale();
  const project = useLoaded(projectQueries.detail(projectId, locale));
  const vocabulary = useProjectVocabulary();
  return <Show loaded={both(project, vocabulary)}>{([p, v]) => <ProjectForm me={me} project={p} vocabulary={v} />}</Show>;
}

/** « Proposer un projet » and « Modifier le projet »: the form; the server checks every rule of the fund. */
export function ProjectFormPage({ me, projectId }: { me: Me; projectId?: string }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  return (
    <Page title={projectId ? t('projects.form.editTitle') : t('projects.form.newTitle')}>
      {projectId ? (
        <EditProject me={me} projectId={projectId} />
      ) : (
        <Show loaded={vocabulary}>{(v) => <ProjectForm me={me} project={null} vocabulary={v} />}</Show>
      )}
    </Page>
  );
}
