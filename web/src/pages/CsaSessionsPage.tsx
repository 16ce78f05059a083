import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { Body } from '../../../src/contracts/peace.js';
import { toProblem } from '../api/client.js';
import { type CsaSession, type Participation, type PeaceReference, peaceApi, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Attendance, WomenShare } from '../components/PeaceValues.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate } from '../router.js';

/** One row per year or delegation: its attendance and the women's share against the quota. */
function ShareTable({
  caption,
  heading,
  rows,
}: {
  caption: string;
  heading: string;
  rows: { key: string; share: Participation['overall'] }[];
}) {
  const { t } = useTranslation();
  return (
    <ScrollingTable caption={caption} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t('peace.attendance')}</th>
          <th scope="col">{t('peace.womenShare')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, share }) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>
              <Attendance share={share} />
            </td>
            <td>
              <WomenShare share={share} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function ParticipationTables({ participation }: { participation: Participation }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('peace.overall')} <WomenShare share={participation.overall} /> — <Attendance share={participation.overall} />
      </p>
      {participation.byYear.length > 0 && (
        <ShareTable
          caption={t('peace.byYearCaption')}
          heading={t('peace.year')}
          rows={participation.byYear.map((row) => ({ key: String(row.year), share: row }))}
        />
      )}
      {participation.byDelegation.length > 0 && (
        <ShareTable
          caption={t('peace.byDelegationCaption')}
          heading={t('peace.delegation')}
          rows={participation.byDelegation.map((row) => ({ key: row.delegation, share: row }))}
        />
      )}
    </>
  );
}

function SessionList({ sessions, reference }: { sessions: readonly CsaSession[]; reference: PeaceReference }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (sessions.length === 0) return <p>{t('peace.noSessions')}</p>;
  return (
    <ScrollingTable caption={t('peace.sessionsCaption', { count: sessions.length })} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{t('peace.heldOn')}</th>
          <th scope="col">{t('peace.body')}</th>
          <th scope="col">{t('peace.place')}</th>
          <th scope="col">{t('peace.attendance')}</th>
          <th scope="col">{t('peace.womenShare')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <Link to={`/accord/csa/${s.id}`}>{formatDay(s.heldOn, locale)}</Link>
            </th>
            <td>{reference.bodies.find((b) => b.code === s.body)?.name}</td>
            <td>{s.place}</td>
            <td>
              <Attendance share={s.participation} />
            </td>
            <td>
              <WomenShare share={s.participation} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

interface AttendanceDraft {
  key: number;
  delegation: string;
  women: string;
  men: string;
}

/** Records a session and its attendance by delegation and sex; the session's page, with the share computed, opens once saved. */
function SessionForm({ reference, units }: { reference: PeaceReference; units: readonly string[] }) {
  const { t } = useTranslation();
  const listId = useId();
  const [draft, setDraft] = useState({ body: 'csa', heldOn: '', place: '', chair: '', agenda: '', unit: units[0] ?? 'MED' });
  const [rows, setRows] = useState<AttendanceDraft[]>([{ key: 0, delegation: '', women: '', men: '' }]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setRow = (key: number, field: 'delegation' | 'women' | 'men') => (value: string) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const labels = {
    body: t('peace.body'),
    heldOn: t('peace.heldOn'),
    place: t('peace.place'),
    chair: t('peace.chair'),
    agenda: t('peace.agenda'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const filled = rows.filter((r) => r.delegation.trim() !== '' || r.women !== '' || r.men !== '');
    const count = (text: string) => (text.trim() === '' ? 0 : /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
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
    try {
      const blank = (v: string) => (v.trim() === '' ? null : v);
      const created = await peaceApi.createSession({
        body: draft.body as Body,
        heldOn: draft.heldOn,
        place: draft.place,
        chair: blank(draft.chair),
        agenda: blank(draft.agenda),
        unit: draft.unit as 'MED' | 'PAD',
        attendance: filled.map((r) => ({ delegation: r.delegation.trim(), women: count(r.women), men: count(r.men) })),
      });
      navigate(`/accord/csa/${created.id}`);
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
      <fieldset>
        <legend>{t('peace.attendanceLegend')}</legend>
        <p className="hint">{t('peace.attendanceHint', { quota: reference.quota })}</p>
        <datalist id={listId}>
          {reference.delegations.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        {rows.map((row, index) => (
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
          onClick={() => setRows((all) => [...all, { key: (all.at(-1)?.key ?? 0) + 1, delegation: '', women: '', men: '' }])}
        >
          {t('peace.addDelegation')}
        </button>
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('peace.saveSession')}
      </button>
    </form>
  );
}

/** Sessions of the CSA and its sub-committees, and women's participation against the 30 % quota. */
export function CsaSessionsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reference = useLoaded(peaceQueries.reference(locale));
  const sessions = useLoaded(peaceQueries.sessions(me.id));
  const participation = useLoaded(peaceQueries.participation(me.id));
  return (
    <Page title={t('peace.sessionsTitle')}>
      <p className="lead">{t('peace.sessionsIntro')}</p>
      <p>
        <Link to="/accord">{t('peace.backToAgreement')}</Link>
      </p>
      <Show loaded={both(reference, participation)}>
        {([ref, data]) => (
          <Card title={t('peace.participationTitle', { quota: ref.quota })} wide>
            <ParticipationTables participation={data} />
            <p className="hint">{ref.quotaSource}</p>
          </Card>
        )}
      </Show>
      <Show loaded={both(reference, sessions)}>
        {([ref, data]) => (
          <>
            <Card title={t('peace.sessionsListTitle')} wide>
              <SessionList sessions={data.sessions} reference={ref} />
            </Card>
            {me.may.createPeaceIn.length > 0 && (
              <Card title={t('peace.newSession')} wide>
                <SessionForm reference={ref} units={me.may.createPeaceIn} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
