import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { STATUSES } from '../../../src/contracts/justice.js';
import { toProblem } from '../api/client.js';
import { type Assessment, type FacilityDetail, type JusticeVocabulary, justiceApi, justiceQueries } from '../api/justice.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { StatusLabel } from '../components/JusticeStatus.js';
import { Page } from '../components/Page.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, formatDay, formatPercent } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

const today = () => new Date().toISOString().slice(0, 10);

function useCell() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (n: number | null) => (n === null ? t('justice.suppressed') : formatCount(n, locale));
}

/** The assessment form, new or correcting one: date, status, staff present by role and sex, source. */
function AssessmentForm({
  facility,
  vocabulary,
  correcting,
  onDone,
}: {
  facility: FacilityDetail;
  vocabulary: JusticeVocabulary;
  correcting?: Assessment;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const staffOf = (role: string, sex: 'women' | 'men') => {
    const held = correcting?.staff.find((s) => s.role === role)?.[sex];
    return held === null || held === undefined ? '' : String(held);
  };
  const [draft, setDraft] = useState({
    assessedOn: correcting?.assessedOn ?? today(),
    status: correcting?.status ?? 'functional',
    source: correcting?.source ?? '',
    note: correcting?.note ?? '',
  });
  const [staff, setStaff] = useState<Record<string, { women: string; men: string }>>(() =>
    Object.fromEntries(vocabulary.roles.map((r) => [r.code, { women: staffOf(r.code, 'women'), men: staffOf(r.code, 'men') }])),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = { assessedOn: t('justice.assessedOn'), status: t('justice.status'), source: t('justice.source'), note: t('justice.note') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const body = {
        assessedOn: draft.assessedOn,
        status: draft.status as Assessment['status'],
        source: draft.source,
        note: draft.note || null,
        staff: vocabulary.roles
          .map((r) => ({ role: r.code, women: staff[r.code]?.women ?? '', men: staff[r.code]?.men ?? '' }))
          .filter((s) => s.women.trim() !== '' || s.men.trim() !== '')
          .map((s) => ({ role: s.role, women: Number(s.women || 0), men: Number(s.men || 0) })),
      };
      if (correcting) {
        await justiceApi.correct(correcting.id, { ...body, version: correcting.version });
        onDone?.();
      } else {
        await justiceApi.assess(facility.id, body);
        setSaved(t('justice.assessed'));
        setDraft((d) => ({ ...d, note: '' }));
      }
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {saved && <Notice>{saved}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField
          type="date"
          label={labels.assessedOn}
          required
          value={draft.assessedOn}
          onChange={set('assessedOn')}
          error={fieldError(problem, 'assessedOn')}
        />
        <SelectField label={labels.status} value={draft.status} onChange={set('status')} error={fieldError(problem, 'status')}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`justice.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="fieldset">
        <legend>{t('justice.staff')}</legend>
        {vocabulary.roles.map((r) => (
          <div className="form-row" key={r.code}>
            <TextField
              label={`${r.name} — ${t('justice.women')}`}
              optional
              inputMode="numeric"
              value={staff[r.code]?.women ?? ''}
              onChange={(v) => setStaff((s) => ({ ...s, [r.code]: { women: v, men: s[r.code]?.men ?? '' } }))}
            />
            <TextField
              label={`${r.name} — ${t('justice.men')}`}
              optional
              inputMode="numeric"
              value={staff[r.code]?.men ?? ''}
              onChange={(v) => setStaff((s) => ({ ...s, [r.code]: { women: s[r.code]?.women ?? '', men: v } }))}
            />
          </div>
        ))}
        {fieldError(problem, 'staff') && <p className="field-error">{fieldError(problem, 'staff')}</p>}
      </fieldset>
      <TextField label={labels.source} required value={draft.source} onChange={set('source')} error={fieldError(problem, 'source')} />
      <TextAreaField label={labels.note} optional value={draft.note} onChange={set('note')} error={fieldError(problem, 'note')} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {correcting ? t('justice.saveCorrection') : t('justice.assess')}
        </button>
        {correcting && (
          <button type="button" className="button-secondary" onClick={onDone}>
            {t('justice.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function Assessments({ facility, vocabulary }: { facility: FacilityDetail; vocabulary: JusticeVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cell = useCell();
  const [correcting, setCorrecting] = useState<Assessment | null>(null);
  if (facility.assessments.length === 0) return <p>{t('justice.noAssessment')}</p>;
  return (
    <>
      <ScrollingTable caption={t('justice.assessmentsCaption')} className="justice-table">
        <thead>
          <tr>
            <th scope="col">{t('justice.assessedOn')}</th>
            <th scope="col">{t('justice.status')}</th>
            <th scope="col">{t('justice.staff')}</th>
            <th scope="col">{t('justice.source')}</th>
            <th scope="col">{t('justice.author')}</th>
          </tr>
        </thead>
        <tbody>
          {facility.assessments.map((a) => (
            <tr key={a.id} className={a.current ? 'current' : 'superseded'}>
              <th scope="row">
                {formatDay(a.assessedOn, locale)}
                <br />
                <span className="hint">{a.current ? t('justice.current') : t('justice.superseded')}</span>
              </th>
              <td>
                <StatusLabel latest={{ assessedOn: a.assessedOn, status: a.status }} />
              </td>
              <td>
                {a.staff.length === 0
                  ? t('justice.staffNone')
                  : a.staff.map((s) => (
                      <div key={s.role}>{t('justice.staffCount', { role: s.roleName, women: cell(s.women), men: cell(s.men) })}</div>
                    ))}
              </td>
              <td>
                {a.source}
                {a.note && <div className="hint">{a.note}</div>}
              </td>
              <td>
                {a.authorLabel}
                {a.may.correct && (
                  <div>
                    <button type="button" className="button-secondary" onClick={() => setCorrecting(a)}>
                      {t('justice.correct')}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      {correcting && (
        <Card title={t('justice.correctTitle', { date: formatDay(correcting.assessedOn, locale) })} wide>
          <AssessmentForm
            key={correcting.id}
            facility={facility}
            vocabulary={vocabulary}
            correcting={correcting}
            onDone={() => setCorrecting(null)}
          />
        </Card>
      )}
    </>
  );
}

function Population({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cell = useCell();
  if (facility.population.length === 0) return <p>{t('justice.noPopulation')}</p>;
  return (
    <ScrollingTable caption={t('justice.populationCaption')} className="justice-table">
      <thead>
        <tr>
          <th scope="col">{t('justice.countedOn')}</th>
          <th scope="col" className="numeric">
            {t('justice.women')}
          </th>
          <th scope="col" className="numeric">
            {t('justice.men')}
          </th>
          <th scope="col" className="numeric">
            {t('justice.detainees')}
          </th>
          <th scope="col" className="numeric">
            {t('justice.pretrialShort')}
          </th>
          <th scope="col" className="numeric">
            {t('justice.pretrialShare')}
          </th>
          <th scope="col">{t('justice.source')}</th>
        </tr>
      </thead>
      <tbody>
        {facility.population.map((p) => (
          <tr key={p.id}>
            <th scope="row">{formatDay(p.countedOn, locale)}</th>
            <td className="numeric">{cell(p.women)}</td>
            <td className="numeric">{cell(p.men)}</td>
            <td className="numeric">{cell(p.total)}</td>
            <td className="numeric">{cell(p.pretrial)}</td>
            <td className="numeric">{p.pretrialShare === null ? '—' : formatPercent(p.pretrialShare, locale)}</td>
            <td>{p.source}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function PopulationForm({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ countedOn: today(), women: '', men: '', pretrialWomen: '', pretrialMen: '', source: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    countedOn: t('justice.countedOn'),
    women: t('justice.women'),
    men: t('justice.men'),
    pretrialWomen: t('justice.pretrialWomen'),
    pretrialMen: t('justice.pretrialMen'),
    source: t('justice.source'),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const n = (text: string) => (text.trim() === '' ? 0 : Number(text));
      await justiceApi.count(facility.id, {
        countedOn: draft.countedOn,
        women: n(draft.women),
        men: n(draft.men),
        pretrialWomen: n(draft.pretrialWomen),
        pretrialMen: n(draft.pretrialMen),
        source: draft.source,
      });
      setSaved(t('justice.counted'));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const numeric = (key: 'women' | 'men' | 'pretrialWomen' | 'pretrialMen') => (
    <TextField label={labels[key]} inputMode="numeric" value={draft[key]} onChange={set(key)} error={fieldError(problem, key)} />
  );
  return (
    <form className="form" onSubmit={submit} noValidate>
      {saved && <Notice>{saved}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <TextField
        type="date"
        label={labels.countedOn}
        required
        value={draft.countedOn}
        onChange={set('countedOn')}
        error={fieldError(problem, 'countedOn')}
      />
      <div className="form-row">
        {numeric('women')}
        {numeric('men')}
      </div>
      <div className="form-row">
        {numeric('pretrialWomen')}
        {numeric('pretrialMen')}
      </div>
      <TextField label={labels.source} required value={draft.source} onChange={set('source')} error={fieldError(problem, 'source')} />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('justice.count')}
      </button>
    </form>
  );
}

function Incidents({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [ref, setRef] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    try {
      await justiceApi.linkIncident(facility.id, ref.trim());
      setSaved(t('justice.linked'));
      setRef('');
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <>
      {facility.incidents.length === 0 ? (
        <p>{t('justice.noIncident')}</p>
      ) : (
        <ul className="plain-list">
          {facility.incidents.map((i) => (
            <li key={i.id}>
              <Link to={`/incidents/${i.ref}`}>{i.ref}</Link> — {i.title} ({formatDay(i.occurredOn, locale)})
            </li>
          ))}
        </ul>
      )}
      {facility.may.link && (
        <form className="form" onSubmit={submit} noValidate>
          {saved && <Notice>{saved}</Notice>}
          <ProblemAlert problem={problem} labels={{ ref: t('justice.incidentRef') }} />
          <TextField
            label={t('justice.incidentRef')}
            hint={t('justice.incidentRefHint')}
            value={ref}
            onChange={setRef}
            error={fieldError(problem, 'ref')}
          />
          <button type="submit" className="button-secondary">
            {t('justice.link')}
          </button>
        </form>
      )}
    </>
  );
}

/** One court or prison: where it is, its assessments over time with the form to add one, and for prisons their population and incidents. */
export function FacilityPage({ reader, facilityId }: { reader: string; facilityId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = both(useLoaded(justiceQueries.vocabulary(locale)), useLoaded(justiceQueries.facility(reader, locale, facilityId)));
  return (
    <Show loaded={loaded}>
      {([vocabulary, facility]) => (
        <Page title={facility.name}>
          <p>
            <Link to="/justice">{t('justice.back')}</Link> · <Link to="/justice/tableau">{t('justice.dashboardLink')}</Link>
          </p>
          <Card title={t('justice.facts')} wide>
            <dl className="incident-facts">
              <dt>{t('justice.kind')}</dt>
              <dd>{facility.kindName}</dd>
              <dt>{t('justice.jurisdiction')}</dt>
              <dd>{facility.jurisdiction ?? '—'}</dd>
              <dt>{t('justice.region')}</dt>
              <dd>
                {facility.regionName}
                {facility.cercleName && ` — ${facility.cercleName}`}
              </dd>
              <dt>{t('justice.place')}</dt>
              <dd>
                {facility.place ?? '—'} ({facility.latitude.toFixed(4)}, {facility.longitude.toFixed(4)})
              </dd>
              <dt>{t('justice.latestStatus')}</dt>
              <dd>
                <StatusLabel latest={facility.latest} />
                {facility.latest && ` (${formatDay(facility.latest.assessedOn, locale)})`}
              </dd>
              {facility.category === 'prison' && (
                <>
                  <dt>{t('justice.computerised')}</dt>
                  <dd>
                    {facility.computerised ? t('justice.yes') : t('justice.no')}
                    {facility.computerisedSince && ` — ${t('justice.computerisedSince')} ${formatDay(facility.computerisedSince, locale)}`}
                  </dd>
                </>
              )}
              <dt>{t('justice.classification')}</dt>
              <dd>{t(`justice.classifications.${facility.classification}`)}</dd>
            </dl>
          </Card>
          <Card title={t('justice.assessmentsTitle')} wide>
            <Assessments facility={facility} vocabulary={vocabulary} />
          </Card>
          {facility.may.assess && (
            <Card title={t('justice.assessTitle')} wide>
              <AssessmentForm facility={facility} vocabulary={vocabulary} />
            </Card>
          )}
          {facility.category === 'prison' && (
            <>
              <Card title={t('justice.populationTitle')} wide>
                <Population facility={facility} />
              </Card>
              {facility.may.count && (
                <Card title={t('justice.countTitle')} wide>
                  <PopulationForm facility={facility} />
                </Card>
              )}
              <Card title={t('justice.incidentsTitle')} wide>
                <Incidents facility={facility} />
              </Card>
            </>
          )}
        </Page>
      )}
    </Show>
  );
}
