import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { PILLARS, type Pillar, SUBCOMMITTEES, type Subcommittee } from '../../../src/contracts/peace.js';
import { ApiError, toProblem } from '../api/client.js';
import { type PeaceReference, type ProvisionDetail, peaceApi } from '../api/peace.js';
import { navigate } from '../router.js';
import { formatDate, SelectField, TextAreaField, TextField } from './fields.js';
import { fieldError } from './ProblemAlert.js';
import { SaveProblem } from './SaveProblem.js';
import { useEditConflict } from './useEditConflict.js';

const CLASSIFICATIONS = ['internal', 'restricted', 'public'] as const;

interface ProvisionDraft {
  code: string;
  pillar: Pillar;
  chapter: string;
  textFr: string;
  textEn: string;
  responsible: string;
  deadline: string;
  subcommittee: string;
  unit: string;
  classification: (typeof CLASSIFICATIONS)[number];
}

function draftOf(provision: ProvisionDetail): ProvisionDraft {
  return {
    code: provision.code,
    pillar: provision.pillar,
    chapter: provision.chapter,
    textFr: provision.textFr,
    textEn: provision.textEn ?? '',
    responsible: provision.responsible ?? '',
    deadline: provision.deadline ?? '',
    subcommittee: provision.subcommittee ?? '',
    unit: provision.unit,
    classification: provision.classification === 'confidential' ? 'restricted' : provision.classification,
  };
}

function blankDraft(unit: string): ProvisionDraft {
  return {
    code: '',
    pillar: PILLARS[0],
    chapter: '',
    textFr: '',
    textEn: '',
    responsible: '',
    deadline: '',
    subcommittee: '',
    unit,
    classification: 'internal',
  };
}

const blank = (value: string) => (value.trim() === '' ? null : value);

function inputOf(draft: ProvisionDraft) {
  return {
    code: draft.code,
    pillar: draft.pillar,
    chapter: draft.chapter,
    textFr: draft.textFr,
    textEn: blank(draft.textEn),
    responsible: blank(draft.responsible),
    deadline: blank(draft.deadline),
    subcommittee: blank(draft.subcommittee) as Subcommittee | null,
    unit: draft.unit as 'MED' | 'PAD',
    classification: draft.classification,
  };
}

/**
 * Enters a provision of the Agreement, or corrects one (`editing`): its page opens once saved. A
 * correction saved by someone else meanwhile is not overwritten: what only they changed is taken,
 * and each field both changed is shown with both versions to choose from.
 */
export function ProvisionForm({
  units,
  reference,
  editing,
  onDone,
}: {
  /** The units the account may keep provisions for (Mediation, Political Affairs). */
  units: readonly string[];
  reference: PeaceReference;
  editing?: ProvisionDetail;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => (editing ? draftOf(editing) : blankDraft(units[0] ?? 'MED')));
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = useEditConflict(initial, editing?.version ?? 0, setDraft);
  const set = (key: keyof ProvisionDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels: Record<keyof ProvisionDraft, string> = {
    code: t('peace.code'),
    pillar: t('peace.pillar'),
    chapter: t('peace.chapter'),
    textFr: t('peace.textFr'),
    textEn: t('peace.textEn'),
    responsible: t('peace.responsible'),
    deadline: t('peace.deadline'),
    subcommittee: t('peace.subcommittee'),
    unit: t('peace.unit'),
    classification: t('peace.classification'),
  };
  const named = (list: readonly { code: string; name: string }[], code: string) => list.find((item) => item.code === code)?.name ?? code;
  // A value as the form shows it, for the comparison after a conflict.
  const shown = (key: keyof ProvisionDraft, value: unknown): string => {
    const code = String(value ?? '');
    if (key === 'pillar') return named(reference.pillars, code);
    if (key === 'subcommittee') return code === '' ? '' : named(reference.subcommittees, code);
    if (key === 'deadline') return code === '' ? '' : formatDate(code);
    if (key === 'classification') return t(`strength.classifications.${code as ProvisionDraft['classification']}`);
    return code;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const input = inputOf(draft);
      const saved = editing
        ? await peaceApi.updateProvision(editing.id, { ...input, version: edit.version })
        : await peaceApi.createProvision(input);
      if (onDone) onDone();
      else navigate(`/accord/dispositions/${saved.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      if (editing && error instanceof ApiError && error.code === 'version_conflict') {
        await edit.resolve(draft, async () => {
          const current = await peaceApi.provision(editing.id);
          return { draft: draftOf(current), version: current.version };
        });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <SaveProblem problem={problem} edit={edit} title={t('peace.provisionConflict')} labels={labels} shown={shown} />
      <div className="form-row">
        <TextField label={labels.code} required value={draft.code} onChange={set('code')} error={fieldError(problem, 'code')} />
        <SelectField label={labels.pillar} value={draft.pillar} onChange={set('pillar')}>
          {reference.pillars.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField label={labels.chapter} required value={draft.chapter} onChange={set('chapter')} error={fieldError(problem, 'chapter')} />
      </div>
      <TextAreaField label={labels.textFr} required value={draft.textFr} onChange={set('textFr')} error={fieldError(problem, 'textFr')} />
      <TextAreaField label={labels.textEn} optional value={draft.textEn} onChange={set('textEn')} error={fieldError(problem, 'textEn')} />
      <div className="form-row">
        <TextField label={labels.responsible} optional value={draft.responsible} onChange={set('responsible')} />
        <TextField
          label={labels.deadline}
          type="date"
          optional
          value={draft.deadline}
          onChange={set('deadline')}
          error={fieldError(problem, 'deadline')}
        />
        <SelectField label={labels.subcommittee} optional value={draft.subcommittee} onChange={set('subcommittee')}>
          <option value="">—</option>
          {SUBCOMMITTEES.map((code) => (
            <option key={code} value={code}>
              {named(reference.subcommittees, code)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        {units.length > 1 && (
          <SelectField label={labels.unit} value={draft.unit} onChange={set('unit')}>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={labels.classification} value={draft.classification} onChange={set('classification')}>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {t(`strength.classifications.${c}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('peace.saveProvision')}
        </button>
        {editing && onDone && (
          <button type="button" className="button-secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
