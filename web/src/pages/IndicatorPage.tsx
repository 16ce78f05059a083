import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { type IndicatorDetail, resultsApi, resultsQueries } from '../api/results.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { IndicatorEditForm, useProjectChoices } from '../components/IndicatorEditForm.js';
import { Page } from '../components/Page.js';
import { clientProblem, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { useMeasure } from './ResultsPage.js';

function Derivation({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const d = indicator.derivation;
  if (!d) return null;
  return (
    <Card title={t('results.derivation')} wide>
      <dl className="results-derivation">
        <dt>{t('results.rule')}</dt>
        <dd>{d.rule}</dd>
        <dt>{t('results.steps')}</dt>
        {d.steps.map((step) => (
          <dd key={step}>{step}</dd>
        ))}
      </dl>
      <h3>{t('results.records')}</h3>
      {d.records.length === 0 ? (
        <p>{t('results.noRecords')}</p>
      ) : (
        <ul className="results-records">
          {d.records.map((r) => (
            <li key={`${r.type}:${r.id}`}>{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</li>
          ))}
          {d.moreRecords > 0 && <li>{t('results.moreRecords', { count: d.moreRecords })}</li>}
        </ul>
      )}
    </Card>
  );
}

function Values({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const measure = useMeasure();
  if (indicator.mode !== 'entered') return null;
  return (
    <Card title={t('results.values')} wide>
      {indicator.values.length === 0 ? (
        <p>{t('results.noValues')}</p>
      ) : (
        <ScrollingTable caption={t('results.values')} className="results-table">
          <thead>
            <tr>
              <th scope="col">{t('results.valuePeriod')}</th>
              <th scope="col">{t('results.value')}</th>
              <th scope="col">{t('results.women')}</th>
              <th scope="col">{t('results.men')}</th>
              <th scope="col">{t('results.source')}</th>
              <th scope="col">{t('results.evidence')}</th>
              <th scope="col">{t('results.author')}</th>
            </tr>
          </thead>
          <tbody>
            {indicator.values.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.period}</th>
                <td>{measure(v.value, indicator.measure)}</td>
                <td>{measure(v.women, 'count')}</td>
                <td>{measure(v.men, 'count')}</td>
                <td>{v.source}</td>
                <td>{v.evidence}</td>
                <td>
                  {v.author}, {formatDay(v.enteredAt.slice(0, 10), locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {indicator.may.enterValue && <ValueForm indicator={indicator} />}
    </Card>
  );
}

function ValueForm({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const empty = { value: '', period: '', source: '', evidence: '', women: '', men: '' };
  const [draft, setDraft] = useState(empty);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    value: t('results.value'),
    period: t('results.valuePeriod'),
    source: t('results.source'),
    evidence: t('results.evidence'),
    women: t('results.women'),
    men: t('results.men'),
  };
  const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(/\s/g, '').replace(',', '.')));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = number(draft.value);
    if (value === null || Number.isNaN(value)) {
      setProblem(clientProblem([{ path: 'value', message: t('results.notNumber') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      await resultsApi.enterValue(indicator.id, {
        value,
        period: draft.period,
        source: draft.source,
        evidence: draft.evidence,
        women: number(draft.women),
        men: number(draft.men),
      });
      setDraft(empty);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3>{t('results.enterValue')}</h3>
      <ProblemAlert problem={problem} labels={labels} />
      {saved && <p role="status">{t('results.valueSaved')}</p>}
      <div className="form-row">
        <TextField label={labels.value} required inputMode="decimal" value={draft.value} onChange={set('value')} />
        <TextField label={labels.period} required value={draft.period} onChange={set('period')} />
        {indicator.measure === 'count' && (
          <>
            <TextField label={labels.women} optional inputMode="numeric" value={draft.women} onChange={set('women')} />
            <TextField label={labels.men} optional inputMode="numeric" value={draft.men} onChange={set('men')} />
          </>
        )}
      </div>
      <TextField label={labels.source} required value={draft.source} onChange={set('source')} />
      <TextAreaField label={labels.evidence} optional value={draft.evidence} onChange={set('evidence')} />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('results.saveValue')}
      </button>
    </form>
  );
}

/** Binding a fiche figure of the indicator's unit to it; the fiche then shows the computed value. */
function Bindings({ indicator, reader }: { indicator: IndicatorDetail; reader: string }) {
  const { t } = useTranslation();
  const figures = useLoaded(resultsQueries.figures(reader));
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await work();
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('results.fiche')} wide>
      <p className="hint">{t('results.bindHint')}</p>
      <Show loaded={figures}>
        {({ figures: all }) => {
          const label = (k: string) => all.find((f) => f.key === k)?.label ?? k;
          const candidates = all.filter((f) => f.unit === indicator.unit && f.version !== null && f.binding === null);
          return (
            <>
              {indicator.figures.length === 0 ? (
                <p>{t('results.noFigures')}</p>
              ) : (
                <ul>
                  {indicator.figures.map((k) => (
                    <li key={k}>
                      {label(k)}{' '}
                      {indicator.may.edit && (
                        <button type="button" className="button-secondary" onClick={() => act(() => resultsApi.unbind(k))}>
                          {t('results.unbind', { figure: label(k) })}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {indicator.may.edit && candidates.length > 0 && (
                <form
                  className="form"
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    const chosen = key || candidates[0]?.key;
                    if (chosen) void act(() => resultsApi.bind(chosen, indicator.id));
                  }}
                >
                  <ProblemAlert problem={problem} />
                  {done && <p role="status">{t('results.bound')}</p>}
                  <SelectField label={t('results.figure')} value={key || (candidates[0]?.key ?? '')} onChange={setKey}>
                    {candidates.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </SelectField>
                  <button type="submit" className="button-primary" disabled={busy}>
                    {t('results.bind')}
                  </button>
                </form>
              )}
            </>
          );
        }}
      </Show>
    </Card>
  );
}

/** Changing the indicator, for those who may define it. */
function Edit({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const projects = useProjectChoices();
  return (
    <Card title={t('results.edit')} wide>
      <Show loaded={projects}>{({ items }) => <IndicatorEditForm key={indicator.id} indicator={indicator} projects={items} />}</Show>
    </Card>
  );
}

/** An indicator: its target and progress, its values entered, or its derivation and the records behind it. */
export function IndicatorPage({ id, reader }: { id: string; reader: string }) {
  const { t } = useTranslation();
  const indicator = useLoaded(resultsQueries.indicator(reader, id));
  const measure = useMeasure();
  return (
    <Show loaded={indicator}>
      {(i) => (
        <Page title={i.title}>
          <p>
            <Link to="/resultats">{t('results.back')}</Link>
          </p>
          <p className="lead">
            {i.objective.code ? `${i.objective.code}. ` : ''}
            {i.objective.title}
          </p>
          <dl className="figures results-summary">
            <div className="figure">
              <dt>{t('results.current')}</dt>
              <dd className="results-current">{measure(i.current?.value, i.measure)}</dd>
              {i.current?.women != null && i.current.men != null && (
                <dd>{t('results.bySex', { women: measure(i.current.women, 'count'), men: measure(i.current.men, 'count') })}</dd>
              )}
            </div>
            <div className="figure">
              <dt>{t('results.baseline')}</dt>
              <dd>
                {measure(i.baseline, i.measure)} {i.baselinePeriod ?? ''}
              </dd>
            </div>
            <div className="figure">
              <dt>{t('results.target')}</dt>
              <dd>{measure(i.target, i.measure)}</dd>
            </div>
            <div className="figure">
              <dt>{t('results.progress')}</dt>
              <dd>{i.progress === null ? t('results.none') : t('results.progressValue', { value: measure(i.progress, 'number') })}</dd>
            </div>
          </dl>
          <p>{t('results.period', { start: i.periodStart, end: i.periodEnd })}</p>
          {i.project && (
            <p>
              {t('results.projectLabel')} <Link to={`/projets/${i.project.id}`}>{i.project.title}</Link>
            </p>
          )}
          <Derivation indicator={i} />
          <Values indicator={i} />
          <Bindings indicator={i} reader={reader} />
          {i.may.edit && <Edit indicator={i} />}
        </Page>
      )}
    </Show>
  );
}
