import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import {
  FINDINGS,
  type FindingCounts,
  OPERATION_CLASSIFICATIONS,
  STANDARDS_OF_PROOF,
  type Verification,
  type VerificationInput,
} from '../../../src/contracts/operations.js';
import { toProblem } from '../api/client.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { ceasefireApi, ceasefireQueries, type OperationQueryParams } from '../api/operations.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

function Findings({ counts }: { counts: FindingCounts }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts">
        <dt>{t('operations.ceasefire.allegations')}</dt>
        <dd>{counts.allegations}</dd>
        <dt>{t('operations.ceasefire.verified')}</dt>
        <dd>{counts.verified}</dd>
        <dt>{t('operations.ceasefire.unverified')}</dt>
        <dd>{counts.unverified}</dd>
        {FINDINGS.map((finding) => (
          <div key={finding}>
            <dt>{t(`operations.ceasefire.findingsNames.${finding}`)}</dt>
            <dd>{counts.byFinding[finding]}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('operations.ceasefire.byParty')}</h3>
      {counts.confirmedByParty.length === 0 ? (
        <p>{t('operations.ceasefire.noParty')}</p>
      ) : (
        <ScrollingTable caption={t('operations.ceasefire.byPartyCaption')} className="ceasefire-parties">
          <thead>
            <tr>
              <th scope="col">{t('operations.ceasefire.party')}</th>
              <th scope="col" className="numeric">
                {t('operations.ceasefire.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.confirmedByParty.map((row) => (
              <tr key={row.party}>
                <th scope="row">{row.name}</th>
                <td className="numeric">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}

function Verifications({ items }: { items: readonly Verification[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('operations.ceasefire.empty')}</p>;
  return (
    <ScrollingTable caption={t('operations.ceasefire.listCaption')} className="ceasefire-verifications">
      <thead>
        <tr>
          <th scope="col">{t('operations.ceasefire.incident')}</th>
          <th scope="col">{t('operations.ceasefire.visitedOn')}</th>
          <th scope="col">{t('operations.ceasefire.finding')}</th>
          <th scope="col">{t('operations.ceasefire.standardOfProof')}</th>
          <th scope="col">{t('operations.ceasefire.party')}</th>
          <th scope="col">{t('operations.ceasefire.unit')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              <Link to={`/incidents/${v.incident.ref}`}>{v.incident.ref}</Link> <span className="hint">{v.incident.title}</span>
            </th>
            <td className="nowrap">{formatDate(v.visitedOn)}</td>
            <td>{t(`operations.ceasefire.findingsNames.${v.finding}`)}</td>
            <td>{t(`operations.ceasefire.standards.${v.standardOfProof}`)}</td>
            <td>{v.partyName ?? '—'}</td>
            <td>{v.unit}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function RecordForm({ units }: { units: readonly string[] }) {
  const { t } = useTranslation();
  const vocabulary = useIncidentVocabulary();
  const [draft, setDraft] = useState({
    incident: '',
    unit: units[0] ?? '',
    classification: 'internal' as (typeof OPERATION_CLASSIFICATIONS)[number],
    team: '',
    visitedOn: '',
    place: '',
    evidence: '',
    finding: 'confirmed' as (typeof FINDINGS)[number],
    standardOfProof: 'reasonable_grounds' as (typeof STANDARDS_OF_PROOF)[number],
    party: '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: VerificationInput = {
      incident: draft.incident.trim().toUpperCase(),
      unit: draft.unit,
      classification: draft.classification,
      team: draft.team
        .split('\n')
        .map((m) => m.trim())
        .filter((m) => m !== ''),
      visitedOn: draft.visitedOn,
      place: draft.place.trim() || null,
      evidence: draft.evidence,
      finding: draft.finding,
      standardOfProof: draft.standardOfProof,
      party: draft.party || null,
    };
    setBusy(true);
    setDone(false);
    try {
      await ceasefireApi.record(input);
      setProblem(null);
      setDone(true);
      setDraft((d) => ({ ...d, incident: '', evidence: '', party: '' }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const e = (path: string) => fieldError(problem, path);
  return (
    <form onSubmit={submit} noValidate className="ceasefire-form">
      <ProblemAlert problem={problem} />
      {done && <Notice>{t('operations.ceasefire.recorded')}</Notice>}
      <TextField
        label={t('operations.ceasefire.incident')}
        hint={t('operations.ceasefire.incidentHint')}
        value={draft.incident}
        onChange={set('incident')}
        error={e('incident')}
      />
      <SelectField label={t('operations.ceasefire.unit')} value={draft.unit} onChange={set('unit')}>
        {units.map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('operations.ceasefire.classification')} value={draft.classification} onChange={set('classification')}>
        {OPERATION_CLASSIFICATIONS.map((c) => (
          <option key={c} value={c}>
            {t(`operations.ceasefire.classifications.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('operations.ceasefire.team')}
        hint={t('operations.ceasefire.teamHint')}
        value={draft.team}
        onChange={set('team')}
        error={problem?.errors?.find((error) => error.path.startsWith('team'))?.message}
        rows={3}
      />
      <TextField
        type="date"
        label={t('operations.ceasefire.visitedOn')}
        value={draft.visitedOn}
        onChange={set('visitedOn')}
        error={e('visitedOn')}
      />
      <TextField label={t('operations.ceasefire.place')} value={draft.place} onChange={set('place')} optional />
      <TextAreaField
        label={t('operations.ceasefire.evidence')}
        value={draft.evidence}
        onChange={set('evidence')}
        error={e('evidence')}
        rows={3}
      />
      <SelectField label={t('operations.ceasefire.finding')} value={draft.finding} onChange={set('finding')}>
        {FINDINGS.map((f) => (
          <option key={f} value={f}>
            {t(`operations.ceasefire.findingsNames.${f}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('operations.ceasefire.standardOfProof')}
        value={draft.standardOfProof}
        onChange={set('standardOfProof')}
        error={e('standardOfProof')}
      >
        {STANDARDS_OF_PROOF.map((s) => (
          <option key={s} value={s}>
            {t(`operations.ceasefire.standards.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('operations.ceasefire.partyField')} value={draft.party} onChange={set('party')} error={e('party')} optional>
        <option value="">{t('operations.ceasefire.none')}</option>
        {vocabulary.status === 'done' &&
          vocabulary.data.actors
            .filter((a) => a.status === 'active')
            .map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
      </SelectField>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('operations.ceasefire.submit')}
      </button>
    </form>
  );
}

/**
 * « Surveillance du cessez-le-feu »: findings by party over a period (each allegation's latest
 * finding, the unverified apart), the verification missions, and the form the teams' officers use.
 */
export function CeasefirePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const params: OperationQueryParams = { from: search.get('from') || undefined, to: search.get('to') || undefined };
  const [from, setFrom] = useState(params.from ?? '');
  const [to, setTo] = useState(params.to ?? '');
  const findings = useLoaded(ceasefireQueries.findings(params, locale));
  const verifications = useLoaded(ceasefireQueries.verifications(params, locale));
  const iso = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const query = (next: OperationQueryParams) =>
    Object.entries(next)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');

  return (
    <Page title={t('operations.ceasefire.title')}>
      <p className="lead">{t('operations.ceasefire.intro')}</p>
      <p>
        <Link to="/operations">{t('operations.detail.back')}</Link>
      </p>
      <p className="button-row">
        <Link to="/operations/mouvements" className="button-secondary">
          {t('movements.link')}
        </Link>
        <Link to="/operations/appui" className="button-secondary">
          {t('movements.support.title')}
        </Link>
      </p>
      <Card title={t('operations.ceasefire.period')} wide>
        <form
          className="operation-filters"
          onSubmit={(event) => {
            event.preventDefault();
            const q = query({ from: iso(from), to: iso(to) });
            navigate(q ? `${pathname}?${q}` : pathname);
          }}
        >
          <TextField type="date" label={t('operations.ceasefire.from')} value={from} onChange={setFrom} optional />
          <TextField type="date" label={t('operations.ceasefire.to')} value={to} onChange={setTo} optional />
          <div className="operation-filter-apply">
            <button type="submit" className="button-secondary">
              {t('operations.ceasefire.apply')}
            </button>
          </div>
        </form>
      </Card>
      <Show loaded={both(findings, verifications)}>
        {([counts, list]) => (
          <>
            <Card title={t('operations.ceasefire.findings')} wide>
              <Findings counts={counts} />
            </Card>
            <Card title={t('operations.ceasefire.list')} wide>
              <Verifications items={list.items} />
            </Card>
          </>
        )}
      </Show>
      {me.may.createIncidentIn.length > 0 && (
        <Card title={t('operations.ceasefire.record')} wide>
          <RecordForm units={me.may.createIncidentIn} />
        </Card>
      )}
    </Page>
  );
}
