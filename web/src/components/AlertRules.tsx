import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_RULE_KINDS, type AlertRule, type AlertRuleInput, WHOLE_COUNTRY } from '../../../src/contracts/alerts.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { alertApi } from '../api/alerts.js';
import { toProblem } from '../api/client.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { unitLabel } from '../units.js';
import { SelectField, TextField } from './fields.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';

type Kind = (typeof ALERT_RULE_KINDS)[number];

/** Regions, each followed by its cercles, for an area <select>; the empty value is the whole of Mali. */
export function AreaOptions({ vocabulary }: { vocabulary: IncidentVocabulary }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('alerts.wholeCountry')}</option>
      {vocabulary.regions.map((region) => (
        <optgroup key={region.code} label={region.label}>
          <option value={region.code}>{t('alerts.regionOption', { name: region.label })}</option>
          {vocabulary.cercles
            .filter((cercle) => cercle.region === region.code)
            .map((cercle) => (
              <option key={cercle.code} value={cercle.code}>
                {t('alerts.cercleOption', { name: cercle.label })}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

/** An area as the forms name it, « Région : Ménaka » or « Cercle : Ménaka » (both exist), or the whole of Mali. */
export function useAreaLabel(vocabulary: IncidentVocabulary | null): (code: string | null, name: string | null) => string {
  const { t } = useTranslation();
  return (code, name) => {
    if (code === null || code === WHOLE_COUNTRY) return t('alerts.wholeCountry');
    const label = name ?? code;
    if (vocabulary?.regions.some((region) => region.code === code)) return t('alerts.regionOption', { name: label });
    if (vocabulary?.cercles.some((cercle) => cercle.code === code)) return t('alerts.cercleOption', { name: label });
    return label;
  };
}

/** What a rule counts, in words: « 2 incidents en 7 jours » or « chaque incident menaçant des civils ». */
function RuleTrigger({ rule }: { rule: AlertRule }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (rule.kind === 'threat_to_civilians') return <>{t('alerts.rules.eachThreat')}</>;
  return (
    <>{t('alerts.rules.threshold', { count: rule.threshold, formatted: formatCount(rule.threshold, locale), days: rule.windowDays })}</>
  );
}

function inputOf(rule: AlertRule): AlertRuleInput {
  return {
    unit: rule.unit,
    name: rule.name,
    kind: rule.kind,
    eventType: rule.eventType,
    category: rule.category,
    area: rule.area,
    threshold: rule.threshold,
    windowDays: rule.windowDays,
    active: rule.active,
  };
}

/** The mission's early-warning rules; the managers of a rule's unit switch it off and on. */
export function AlertRuleTable({
  rules,
  vocabulary,
  units,
  onChanged,
}: {
  rules: readonly AlertRule[];
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const areaLabel = useAreaLabel(vocabulary);
  if (rules.length === 0) return <p>{t('alerts.rules.empty')}</p>;
  const label = (list: readonly { code: string; label: string }[], code: string | null, none: string) =>
    code === null ? none : (list.find((term) => term.code === code)?.label ?? code);

  const toggle = async (rule: AlertRule) => {
    if (busy) return;
    setBusy(rule.id);
    setProblem(null);
    try {
      await alertApi.updateRule(rule.id, rule.version, { ...inputOf(rule), active: !rule.active });
      onChanged?.();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ProblemAlert problem={problem} />
      <ScrollingTable caption={t('alerts.rules.caption')} className="alert-rules">
        <thead>
          <tr>
            <th scope="col">{t('alerts.rules.name')}</th>
            <th scope="col">{t('alerts.rules.unit')}</th>
            <th scope="col">{t('alerts.rules.trigger')}</th>
            <th scope="col">{t('alerts.rules.eventType')}</th>
            <th scope="col">{t('alerts.rules.category')}</th>
            <th scope="col">{t('alerts.rules.area')}</th>
            <th scope="col">{t('alerts.rules.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id}>
              <th scope="row">{rule.name}</th>
              <td>{unitLabel(rule.unit, units, locale)}</td>
              <td>
                <RuleTrigger rule={rule} />
              </td>
              <td>{label(vocabulary.eventTypes, rule.eventType, t('alerts.rules.anyType'))}</td>
              <td>{label(vocabulary.categories, rule.category, t('alerts.rules.anyCategory'))}</td>
              <td>{areaLabel(rule.area, rule.areaName)}</td>
              <td>
                <span className={`status ${rule.active ? 'status-on' : 'status-off'}`}>
                  {rule.active ? t('alerts.rules.active') : t('alerts.rules.inactive')}
                </span>
                {rule.mayEdit && (
                  <button
                    type="button"
                    className="button-secondary button-small rule-toggle"
                    aria-disabled={busy === rule.id || undefined}
                    aria-label={
                      rule.active ? t('alerts.rules.deactivate', { name: rule.name }) : t('alerts.rules.activate', { name: rule.name })
                    }
                    onClick={() => toggle(rule)}
                  >
                    {rule.active ? t('alerts.rules.deactivateShort') : t('alerts.rules.activateShort')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </>
  );
}

interface Draft {
  unit: string;
  name: string;
  kind: Kind;
  eventType: string;
  category: string;
  area: string;
  threshold: string;
  windowDays: string;
}

/** A whole number typed in a field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A new rule, for one of the units the user manages. */
export function AlertRuleForm({
  units: managed,
  allUnits,
  vocabulary,
  onCreated,
}: {
  units: readonly [string, ...string[]];
  allUnits: readonly Unit[];
  vocabulary: IncidentVocabulary;
  onCreated?: (rule: AlertRule) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const blank = (unit: string): Draft => ({
    unit,
    name: '',
    kind: 'threshold',
    eventType: '',
    category: '',
    area: '',
    threshold: '2',
    windowDays: '7',
  });
  const [draft, setDraft] = useState<Draft>(() => blank(managed[0]));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kindName = useId();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((previous) => ({ ...previous, [key]: value }));
  const labels = {
    unit: t('alerts.form.unit'),
    name: t('alerts.form.name'),
    kind: t('alerts.form.kind'),
    eventType: t('alerts.form.eventType'),
    category: t('alerts.form.category'),
    area: t('alerts.form.area'),
    threshold: t('alerts.form.threshold'),
    windowDays: t('alerts.form.windowDays'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const threshold = wholeNumber(draft.threshold);
    const windowDays = wholeNumber(draft.windowDays);
    const errors: { path: string; message: string }[] = [];
    if (draft.name.trim().length < 3) errors.push({ path: 'name', message: t('alerts.form.nameTooShort') });
    if (draft.kind === 'threshold' && (threshold === undefined || threshold < 1)) {
      errors.push({ path: 'threshold', message: t('alerts.form.notWhole') });
    }
    if (windowDays === undefined || windowDays < 1 || windowDays > 366)
      errors.push({ path: 'windowDays', message: t('alerts.form.badWindow') });
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      setSaved(null);
      return;
    }
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const rule = await alertApi.createRule({
        unit: draft.unit,
        name: draft.name.trim(),
        kind: draft.kind,
        eventType: draft.eventType || null,
        category: draft.category || null,
        area: draft.area || null,
        threshold: draft.kind === 'threshold' ? (threshold ?? 1) : 1,
        windowDays: windowDays ?? 7,
        active: true,
      });
      setSaved(t('alerts.form.created', { name: rule.name }));
      setDraft(blank(draft.unit));
      onCreated?.(rule);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form alert-rule-form" onSubmit={submit} noValidate>
      {saved && <Notice>{saved}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <SelectField label={labels.unit} value={draft.unit} onChange={set('unit')} error={fieldError(problem, 'unit')}>
          {managed.map((code) => (
            <option key={code} value={code}>
              {unitLabel(code, allUnits, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={labels.name}
          value={draft.name}
          onChange={set('name')}
          required
          maxLength={200}
          error={fieldError(problem, 'name')}
        />
      </div>
      <fieldset>
        <legend>{labels.kind}</legend>
        {ALERT_RULE_KINDS.map((kind) => (
          <label key={kind} className="radio">
            <input type="radio" name={kindName} value={kind} checked={draft.kind === kind} onChange={() => set('kind')(kind)} />
            <span className="radio-text">
              {t(`alerts.kinds.${kind}`)}
              <span className="hint radio-hint">{t(`alerts.kindHints.${kind}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <SelectField label={labels.eventType} value={draft.eventType} onChange={set('eventType')} error={fieldError(problem, 'eventType')}>
          <option value="">{t('alerts.rules.anyType')}</option>
          {vocabulary.eventTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={labels.category} value={draft.category} onChange={set('category')} error={fieldError(problem, 'category')}>
          <option value="">{t('alerts.rules.anyCategory')}</option>
          {vocabulary.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {category.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={labels.area} value={draft.area} onChange={set('area')} error={fieldError(problem, 'area')}>
          <AreaOptions vocabulary={vocabulary} />
        </SelectField>
      </div>
      <div className="form-row">
        {draft.kind === 'threshold' && (
          <TextField
            label={labels.threshold}
            value={draft.threshold}
            onChange={set('threshold')}
            inputMode="numeric"
            required
            hint={t('alerts.form.thresholdHint')}
            error={fieldError(problem, 'threshold')}
          />
        )}
        <TextField
          label={labels.windowDays}
          value={draft.windowDays}
          onChange={set('windowDays')}
          inputMode="numeric"
          required
          hint={t('alerts.form.windowHint')}
          error={fieldError(problem, 'windowDays')}
        />
      </div>
      <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
        {busy ? t('common.saving') : t('alerts.form.submit')}
      </button>
    </form>
  );
}
