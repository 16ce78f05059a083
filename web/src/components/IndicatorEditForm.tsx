import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { projectQueries } from '../api/projects.js';
import { usePages } from '../api/queries.js';
import { type IndicatorDetail, type ResultMeasure, resultsApi } from '../api/results.js';
import { useLocale } from '../i18n.js';
import { SelectField, TextField } from './fields.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

const MEASURES: readonly ResultMeasure[] = ['count', 'percent', 'usd', 'number'];

/** The projects the reader may read, to link an indicator to the project it measures. */
export function useProjectChoices() {
  const locale = useLocale();
  return usePages(projectQueries.pages({}, locale), (list) => ({ items: list.flatMap((page) => page.items) })).loaded;
}

const text = (n: number | null) => (n === null ? '' : String(n));
const number = (value: string) => (value.trim() === '' ? null : Number(value.replace(/\s/g, '').replace(',', '.')));

/**
 * Changes an indicator's titles, unit of measure (an entered one's), baseline, target, period and
 * project, against the version it opened (then the one it saved): a change by someone else in
 * between is a conflict, said above the form like a refused field.
 */
export function IndicatorEditForm({
  indicator,
  projects,
}: {
  indicator: IndicatorDetail;
  projects: readonly { id: string; title: string }[];
}) {
  const { t } = useTranslation();
  const initial = {
    titleFr: indicator.titleFr,
    titleEn: indicator.titleEn,
    measure: indicator.measure as string,
    baseline: text(indicator.baseline),
    baselinePeriod: indicator.baselinePeriod ?? '',
    target: text(indicator.target),
    periodStart: indicator.periodStart,
    periodEnd: indicator.periodEnd,
    projectId: indicator.project?.id ?? '',
  };
  const [draft, setDraft] = useState(initial);
  // The version this form edits: the one shown when it opened, then each one it saved.
  const [version, setVersion] = useState(indicator.version);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    titleFr: t('results.titleFr'),
    titleEn: t('results.titleEn'),
    measure: t('results.measure'),
    baseline: t('results.baseline'),
    baselinePeriod: t('results.baselinePeriod'),
    target: t('results.target'),
    periodStart: t('results.periodStart'),
    periodEnd: t('results.periodEnd'),
    projectId: t('results.project'),
  };
  const e = (path: string) => fieldError(problem, path);
  // The project is sent only when chosen anew: a linked project the editor may not read stays linked.
  const choices = indicator.project && !projects.some((p) => p.id === indicator.project?.id) ? [indicator.project, ...projects] : projects;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const baseline = number(draft.baseline);
    const target = number(draft.target);
    const wrong = [
      ...(baseline !== null && Number.isNaN(baseline) ? [{ path: 'baseline', message: t('results.notNumber') }] : []),
      ...(target !== null && Number.isNaN(target) ? [{ path: 'target', message: t('results.notNumber') }] : []),
    ];
    if (wrong.length > 0) {
      setProblem(clientProblem(wrong));
      return;
    }
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const updated = await resultsApi.updateIndicator(indicator.id, {
        version,
        titleFr: draft.titleFr,
        titleEn: draft.titleEn,
        ...(indicator.mode === 'entered' ? { measure: draft.measure as ResultMeasure } : {}),
        baseline,
        baselinePeriod: draft.baselinePeriod.trim() === '' ? null : draft.baselinePeriod,
        target,
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        ...(draft.projectId !== initial.projectId ? { projectId: draft.projectId === '' ? null : draft.projectId } : {}),
      });
      setVersion(updated.version);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      {saved && <p role="status">{t('results.edited')}</p>}
      <TextField label={labels.titleFr} required value={draft.titleFr} onChange={set('titleFr')} error={e('titleFr')} />
      <TextField label={labels.titleEn} required value={draft.titleEn} onChange={set('titleEn')} error={e('titleEn')} />
      <div className="form-row">
        {indicator.mode === 'entered' ? (
          <SelectField label={labels.measure} value={draft.measure} onChange={set('measure')} error={e('measure')}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`results.measures.${m}`)}
              </option>
            ))}
          </SelectField>
        ) : (
          <p>{t('results.measureOfRule', { measure: t(`results.measures.${indicator.measure}`) })}</p>
        )}
        <TextField
          label={labels.baseline}
          optional
          inputMode="decimal"
          value={draft.baseline}
          onChange={set('baseline')}
          error={e('baseline')}
        />
        <TextField label={labels.baselinePeriod} optional value={draft.baselinePeriod} onChange={set('baselinePeriod')} />
        <TextField label={labels.target} optional inputMode="decimal" value={draft.target} onChange={set('target')} error={e('target')} />
      </div>
      <div className="form-row">
        <TextField label={labels.periodStart} type="date" value={draft.periodStart} onChange={set('periodStart')} />
        <TextField label={labels.periodEnd} type="date" value={draft.periodEnd} onChange={set('periodEnd')} error={e('periodEnd')} />
      </div>
      <SelectField
        label={labels.projectId}
        optional
        hint={t('results.projectHint')}
        value={draft.projectId}
        onChange={set('projectId')}
        error={e('projectId')}
      >
        <option value="">{t('results.noProject')}</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('results.saveEdit')}
      </button>
    </form>
  );
}
