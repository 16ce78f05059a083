import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { both, useLoaded } from '../api/queries.js';
import { type Objective, type ResultMeasure, type RuleKindInfo, resultsApi, resultsQueries } from '../api/results.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { useProjectChoices } from '../components/IndicatorEditForm.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatFigureNumber } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate } from '../router.js';

/** A value in its unit of measure (US dollars are whole dollars, as in the fact book). */
export function useMeasure(): (value: number | null | undefined, measure: ResultMeasure) => string {
  const locale = useLocale();
  const { t } = useTranslation();
  return (value, measure) => (value === null || value === undefined ? t('results.none') : formatFigureNumber({ value, measure }, locale));
}

function IndicatorTable({ objective }: { objective: Objective }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const measure = useMeasure();
  return (
    <ScrollingTable caption={t('results.indicatorsCaption')} className="results-table">
      <thead>
        <tr>
          <th scope="col">{t('results.indicator')}</th>
          <th scope="col">{t('results.mode')}</th>
          <th scope="col">{t('results.baseline')}</th>
          <th scope="col">{t('results.target')}</th>
          <th scope="col">{t('results.current')}</th>
          <th scope="col">{t('results.progress')}</th>
        </tr>
      </thead>
      <tbody>
        {objective.indicators.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <Link to={`/resultats/indicateurs/${i.id}`}>{i.title}</Link>
            </th>
            <td>{i.mode === 'computed' ? t('results.computed') : t('results.entered')}</td>
            <td>{measure(i.baseline, i.measure)}</td>
            <td>{measure(i.target, i.measure)}</td>
            <td>
              {measure(i.current?.value, i.measure)}
              {i.current?.women != null && i.current.men != null && (
                <span className="hint">
                  {' '}
                  ({t('results.bySex', { women: measure(i.current.women, 'count'), men: measure(i.current.men, 'count') })})
                </span>
              )}
            </td>
            <td>
              {i.progress === null ? (
                t('results.none')
              ) : (
                <>
                  <progress max={100} value={Math.max(0, Math.min(100, i.progress))} aria-hidden="true" />{' '}
                  {t('results.progressValue', { value: formatFigureNumber({ value: i.progress, measure: 'number' }, locale) })}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function ObjectiveForm({ units }: { units: readonly string[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ unit: units[0] ?? '', code: '', titleFr: '', titleEn: '', classification: 'internal' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = { unit: t('results.unit'), code: t('results.code'), titleFr: t('results.titleFr'), titleEn: t('results.titleEn') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await resultsApi.createObjective(draft);
      setDraft((d) => ({ ...d, code: '', titleFr: '', titleEn: '' }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <SelectField label={labels.unit} value={draft.unit} onChange={set('unit')}>
          {units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </SelectField>
        <TextField label={labels.code} optional value={draft.code} onChange={set('code')} />
        <SelectField label={t('results.classification')} value={draft.classification} onChange={set('classification')}>
          {(['public', 'internal', 'restricted'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`results.classes.${c}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label={labels.titleFr} required value={draft.titleFr} onChange={set('titleFr')} />
      <TextField label={labels.titleEn} required value={draft.titleEn} onChange={set('titleEn')} />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('results.saveObjective')}
      </button>
    </form>
  );
}

const MEASURES: readonly ResultMeasure[] = ['count', 'percent', 'usd', 'number'];

/** Adds an indicator: entered by hand, or computed by one of the registry's rules with its parameters. */
function IndicatorForm({ objective, kinds }: { objective: Objective; kinds: readonly RuleKindInfo[] }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const empty = {
    titleFr: '',
    titleEn: '',
    measure: 'count',
    baseline: '',
    target: '',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    classification: objective.classification,
    how: '',
    projectId: '',
  };
  const [draft, setDraft] = useState(empty);
  const [params, setParams] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const kind = kinds.find((k) => k.kind === draft.how);
  const projects = useProjectChoices();
  const labels = {
    titleFr: t('results.titleFr'),
    titleEn: t('results.titleEn'),
    measure: t('results.measure'),
    baseline: t('results.baseline'),
    target: t('results.target'),
    periodStart: t('results.periodStart'),
    periodEnd: t('results.periodEnd'),
    'rule.kind': t('results.ruleKind'),
    projectId: t('results.project'),
  };
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(/\s/g, '').replace(',', '.')));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const ruleParams = Object.fromEntries(
        Object.entries(params)
          .filter(([name, v]) => v !== '' && kind?.params.some((p) => p.name === name))
          .map(([name, v]) => [name, name === 'statuses' ? [v] : v]),
      );
      const created = await resultsApi.createIndicator(objective.id, {
        titleFr: draft.titleFr,
        titleEn: draft.titleEn,
        measure: draft.measure,
        baseline: number(draft.baseline),
        target: number(draft.target),
        periodStart: draft.periodStart,
        periodEnd: draft.periodEnd,
        classification: draft.classification,
        rule: kind ? { kind: kind.kind, params: ruleParams } : null,
        projectId: draft.projectId === '' ? null : draft.projectId,
      });
      navigate(`/resultats/indicateurs/${created.id}`);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <TextField label={labels.titleFr} required value={draft.titleFr} onChange={set('titleFr')} />
      <TextField label={labels.titleEn} required value={draft.titleEn} onChange={set('titleEn')} />
      <SelectField label={t('results.how')} value={draft.how} onChange={set('how')}>
        <option value="">{t('results.howEntered')}</option>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </SelectField>
      {kind && (
        <div className="form-row">
          {kind.params.map((p) =>
            p.options ? (
              <SelectField
                key={p.name}
                label={p.label}
                value={params[p.name] ?? (p.required ? (p.options[0] ?? '') : '')}
                onChange={(value) => setParams((all) => ({ ...all, [p.name]: value }))}
              >
                {!p.required && <option value="">{t('results.all')}</option>}
                {p.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </SelectField>
            ) : (
              <TextField
                key={p.name}
                label={p.label}
                optional={!p.required}
                value={params[p.name] ?? ''}
                onChange={(value) => setParams((all) => ({ ...all, [p.name]: value }))}
              />
            ),
          )}
        </div>
      )}
      <div className="form-row">
        {!kind && (
          <SelectField label={labels.measure} value={draft.measure} onChange={set('measure')}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`results.measures.${m}`)}
              </option>
            ))}
          </SelectField>
        )}
        <TextField label={labels.baseline} optional inputMode="decimal" value={draft.baseline} onChange={set('baseline')} />
        <TextField label={labels.target} optional inputMode="decimal" value={draft.target} onChange={set('target')} />
        <TextField label={labels.periodStart} type="date" value={draft.periodStart} onChange={set('periodStart')} />
        <TextField label={labels.periodEnd} type="date" value={draft.periodEnd} onChange={set('periodEnd')} />
      </div>
      <SelectField label={labels.projectId} optional hint={t('results.projectHint')} value={draft.projectId} onChange={set('projectId')}>
        <option value="">{t('results.noProject')}</option>
        {(projects.status === 'done' ? projects.data.items : []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('results.saveIndicator')}
      </button>
    </form>
  );
}

/** The results framework by objective: indicators with baseline, target, current value and progress. */
export function ResultsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const framework = useLoaded(resultsQueries.framework(me.id));
  const kinds = useLoaded(resultsQueries.kinds(locale));
  return (
    <Page title={t('results.title')}>
      <p className="lead">{t('results.intro')}</p>
      <Show loaded={both(framework, kinds)}>
        {([data, { kinds: ruleKinds }]) => (
          <>
            {data.objectives.length === 0 && <p>{t('results.noObjectives')}</p>}
            {data.objectives.map((o) => (
              <Card key={o.id} title={`${o.code ? `${o.code}. ` : ''}${o.title}`} wide>
                <p className="hint">
                  {t('results.unit')} {o.unit}
                </p>
                {o.indicators.length > 0 && <IndicatorTable objective={o} />}
                {o.may.addIndicator && (
                  <details className="results-add">
                    <summary>{t('results.newIndicator')}</summary>
                    <IndicatorForm objective={o} kinds={ruleKinds} />
                  </details>
                )}
              </Card>
            ))}
            {data.may.defineIn.length > 0 && (
              <Card title={t('results.newObjective')} wide>
                <ObjectiveForm units={data.may.defineIn} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
