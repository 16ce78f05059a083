import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { Body } from '../../../src/contracts/peace.js';
import { ApiError, toProblem } from '../api/client.js';
import { type CsaSessionDetail, type PeaceReference, peaceApi } from '../api/peace.js';
import { navigate } from '../router.js';
import { formatDate, SelectField, TextAreaField, TextField } from './fields.js';
import { clientProblem, fieldError } from './ProblemAlert.js';
import { SaveProblem } from './SaveProblem.js';
import { useEditConflict } from './useEditConflict.js';

const CLASSIFICATIONS = ['internal', 'restricted', 'public'] as const;

interface AttendanceDraft {
  key: number;
  delegation: string;
  women: string;
  men: string;
}

interface SessionDraft {
  body: string;
  heldOn: string;
  place: string;
  chair: string;
  agenda: string;
  unit: string;
  classification: (typeof CLASSIFICATIONS)[number];
  attendance: AttendanceDraft[];
}

const emptyRow = (key: number): AttendanceDraft => ({ key, delegation: '', women: '', men: '' });

function draftOf(session: CsaSessionDetail): SessionDraft {
  const rows = session.attendance.map((a, index) => ({ key: index, delegation: a.delegation, women: String(a.women), men: String(a.men) }));
  return {
    body: session.body,
    heldOn: session.heldOn,
    place: session.place,
    chair: session.chair ?? '',
    agenda: session.agenda ?? '',
    unit: session.unit,
    classification: session.classification === 'confidential' ? 'restricted' : session.classification,
    attendance: rows.length > 0 ? rows : [emptyRow(0)],
  };
}

function blankDraft(unit: string): SessionDraft {
  return { body: 'csa', heldOn: '', place: '', chair: '', agenda: '', unit, classification: 'internal', attendance: [emptyRow(0)] };
}

const blank = (value: string) => (value.trim() === '' ? null : value);
const count = (text: string) => (text.trim() === '' ? 0 : /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const filledRows = (rows: readonly AttendanceDraft[]) => rows.filter((r) => r.delegation.trim() !== '' || r.women !== '' || r.men !== '');

/**
 * Records a session of the CSA or a sub-committee and its attendance by delegation and sex, or
 * corrects one (`editing`); the session's page, with the share computed, shows it once saved. A
 * correction that lost a race to someone else's shows, field by field, what both changed.
 */
export function CsaSessionForm({
  reference,
  units,
  editing,
  onDone,
}: {
  reference: PeaceReference;
  units: readonly string[];
  editing?: CsaSessionDetail;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [initial] = useState(() => (editing ? draftOf(editing) : blankDraft(units[0] ?? 'MED')));
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = useEditConflict(initial, editing?.version ?? 0, setDraft);
  const set = (key: Exclude<keyof SessionDraft, 'attendance'>) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setRow = (key: number, field: 'delegation' | 'women' | 'men') => (value: string) =>
    setDraft((d) => ({ ...d, attendance: d.attendance.map((r) => (r.key === key ? { ...r, [field]: value } : r)) }));
  const labels: Record<keyof SessionDraft, string> = {
    body: t('peace.body'),
    heldOn: t('peace.heldOn'),
    place: t('peace.place'),
    chair: t('peace.chair'),
    agenda: t('peace.agenda'),
    unit: t('peace.unit'),
    classification: t('peace.classification'),
    attendance: t('peace.attendanceLegend'),
  };
  // A value as the form shows it, for the comparison after a conflict.
  const shown = (key: keyof SessionDraft, value: unknown): string => {
    if (key === 'attendance') {
      return filledRows(value as AttendanceDraft[])
        .map((r) => t('peace.attendanceText', { delegation: r.delegation, women: r.women || '0', men: r.men || '0' }))
        .join(' ; ');
    }
    const code = String(value ?? '');
    if (key === 'body') return reference.bodies.find((b) => b.code === code)?.name ?? code;
    if (key === 'heldOn') return code === '' ? '' : formatDate(code);
    if (key === 'classification') return t(`strength.classifications.${code as SessionDraft['classification']}`);
    return code;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const filled = filledRows(draft.attendance);
    const errors = filled.flatMap((r, index) => [
      ...(Number.isNaN(count(r.women)) ? [{ path: `attendance.${index}.women`, message: t('peace.notCount') }] : []),
      ...(Number.isNaN(count(r.men)) ? [{ path: `attendance.${index}.men`, message: t('peace.notCount') }] : []),
    ]);
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    setBusy(true);
    setProblem(null);
    const input = {
      body: draft.body as Body,
      heldOn: draft.heldOn,
      place: draft.place,
      chair: blank(draft.chair),
      agenda: blank(draft.agenda),
      unit: draft.unit as 'MED' | 'PAD',
      classification: draft.classification,
      attendance: filled.map((r) => ({ delegation: r.delegation.trim(), women: count(r.women), men: count(r.men) })),
    };
    try {
      const saved = editing
        ? await peaceApi.updateSession(editing.id, { ...input, version: edit.version })
        : await peaceApi.createSession(input);
      if (onDone) onDone();
      else navigate(`/accord/csa/${saved.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      if (editing && error instanceof ApiError && error.code === 'version_conflict') {
        await edit.resolve(draft, async () => {
          const current = await peaceApi.session(editing.id);
          return { draft: draftOf(current), version: current.version };
        });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <SaveProblem problem={problem} edit={edit} title={t('peace.sessionConflict')} labels={labels} shown={shown} />
      <div className="form-row">
        <SelectField label={labels.body} value={draft.body} onChange={set('body')}>
          {reference.bodies.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={labels.heldOn}
          type="date"
          required
          value={draft.heldOn}
          onChange={set('heldOn')}
          error={fieldError(problem, 'heldOn')}
        />
        <TextField label={labels.place} required value={draft.place} onChange={set('place')} error={fieldError(problem, 'place')} />
        <TextField label={labels.chair} optional value={draft.chair} onChange={set('chair')} />
      </div>
      <TextAreaField label={labels.agenda} optional value={draft.agenda} onChange={set('agenda')} />
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
      <fieldset>
        <legend>{labels.attendance}</legend>
        <p className="hint">{t('peace.attendanceHint', { quota: reference.quota })}</p>
        <datalist id={listId}>
          {reference.delegations.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        {draft.attendance.map((row, index) => (
          <div className="form-row" key={row.key}>
            <TextField
              label={t('peace.delegationN', { n: index + 1 })}
              list={listId}
              value={row.delegation}
              onChange={setRow(row.key, 'delegation')}
              error={fieldError(problem, `attendance.${index}.delegation`)}
            />
            <TextField
              label={t('peace.womenN', { n: index + 1 })}
              inputMode="numeric"
              value={row.women}
              onChange={setRow(row.key, 'women')}
              error={fieldError(problem, `attendance.${index}.women`)}
            />
            <TextField
              label={t('peace.menN', { n: index + 1 })}
              inputMode="numeric"
              value={row.men}
              onChange={setRow(row.key, 'men')}
              error={fieldError(problem, `attendance.${index}.men`)}
            />
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() => setDraft((d) => ({ ...d, attendance: [...d.attendance, emptyRow((d.attendance.at(-1)?.key ?? 0) + 1)] }))}
        >
          {t('peace.addDelegation')}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('peace.saveSession')}
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
