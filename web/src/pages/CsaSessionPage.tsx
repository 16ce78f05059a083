import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { DECISION_STATUSES } from '../../../src/contracts/peace.js';
import { toProblem } from '../api/client.js';
import { type CsaSessionDetail, peaceApi, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CsaSessionForm } from '../components/CsaSessionForm.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Attendance, WomenShare } from '../components/PeaceValues.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

/** Records a decision or recommendation of the session, with its owner and deadline. */
function DecisionForm({ session }: { session: CsaSessionDetail }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ kind: 'decision', text: '', owner: '', deadline: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = { kind: t('peace.decisionKind'), text: t('peace.decisionText'), owner: t('peace.owner'), deadline: t('peace.deadline') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const blank = (v: string) => (v.trim() === '' ? null : v);
      await peaceApi.addDecision(session.id, {
        kind: draft.kind as 'decision' | 'recommendation',
        text: draft.text,
        owner: blank(draft.owner),
        deadline: blank(draft.deadline),
      });
      setSaved(true);
      setDraft({ kind: draft.kind, text: '', owner: '', deadline: '' });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {saved && <Notice>{t('peace.decisionSaved')}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <SelectField label={labels.kind} value={draft.kind} onChange={set('kind')}>
        <option value="decision">{t('peace.kinds.decision')}</option>
        <option value="recommendation">{t('peace.kinds.recommendation')}</option>
      </SelectField>
      <TextAreaField label={labels.text} required value={draft.text} onChange={set('text')} error={fieldError(problem, 'text')} />
      <div className="form-row">
        <TextField label={labels.owner} optional value={draft.owner} onChange={set('owner')} />
        <TextField
          label={labels.deadline}
          type="date"
          optional
          value={draft.deadline}
          onChange={set('deadline')}
          error={fieldError(problem, 'deadline')}
        />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('peace.saveDecision')}
      </button>
    </form>
  );
}

/** A decision's status, changed in place by those who may follow it up (against the version read). */
function DecisionStatus({ decision, editable }: { decision: CsaSessionDetail['decisions'][number]; editable: boolean }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!editable) return <>{t(`peace.statuses.${decision.status}`)}</>;
  return (
    <>
      <ProblemAlert problem={problem} />
      <SelectField
        label={t('peace.statusOf', { text: decision.text.slice(0, 40) })}
        value={decision.status}
        onChange={(status) => {
          setProblem(null);
          peaceApi
            .updateDecision(decision.id, { version: decision.version, status })
            .catch((error: unknown) => setProblem(toProblem(error)));
        }}
      >
        {DECISION_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`peace.statuses.${status}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/** A decision's follow-up, written by those who may follow it up (against the version read). */
function FollowUp({ decision, editable }: { decision: CsaSessionDetail['decisions'][number]; editable: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(decision.followUp ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editable) return <>{decision.followUp ?? '—'}</>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await peaceApi.updateDecision(decision.id, { version: decision.version, followUp: text.trim() === '' ? null : text.trim() });
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} />
      <TextAreaField label={t('peace.followUpOf', { text: decision.text.slice(0, 40) })} rows={2} value={text} onChange={setText} />
      <button type="submit" className="button-secondary" disabled={busy}>
        {t('peace.saveFollowUp')}
      </button>
    </form>
  );
}

/** One session of the CSA or a sub-committee: attendance by delegation and sex with the women's share, decisions and their follow-up. */
export function CsaSessionPage({ reader, sessionId, units }: { reader: string; sessionId: string; units: readonly string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const loaded = both(useLoaded(peaceQueries.reference(locale)), useLoaded(peaceQueries.session(reader, sessionId)));
  return (
    <Show loaded={loaded}>
      {([reference, session]) => (
        <Page
          title={t('peace.sessionTitle', {
            body: reference.bodies.find((b) => b.code === session.body)?.name ?? '',
            date: formatDay(session.heldOn, locale),
          })}
        >
          <p>
            <Link to="/accord/csa">{t('peace.backToSessions')}</Link>
          </p>
          {saved && <Notice>{t('peace.sessionSaved')}</Notice>}
          {editing ? (
            <Card title={t('peace.editSession')} wide>
              <CsaSessionForm
                reference={reference}
                units={units.includes(session.unit) ? units : [session.unit, ...units]}
                editing={session}
                onDone={() => {
                  setEditing(false);
                  setSaved(true);
                }}
              />
            </Card>
          ) : (
            <Card title={t('peace.sessionCard')} wide>
              <dl className="incident-facts">
                <dt>{t('peace.place')}</dt>
                <dd>{session.place}</dd>
                <dt>{t('peace.chair')}</dt>
                <dd>{session.chair ?? '—'}</dd>
                <dt>{t('peace.agenda')}</dt>
                <dd>{session.agenda ?? '—'}</dd>
                <dt>{t('peace.classification')}</dt>
                <dd>{t(`strength.classifications.${session.classification}`)}</dd>
              </dl>
              {session.may.edit && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  {t('peace.editSession')}
                </button>
              )}
            </Card>
          )}
          <Card title={t('peace.attendanceTitle')} wide>
            <p className="quota-summary">
              {t('peace.sessionShare', { quota: reference.quota })} <WomenShare share={session.participation} /> —{' '}
              <Attendance share={session.participation} />
            </p>
            {session.attendance.length > 0 && (
              <ScrollingTable caption={t('peace.attendanceCaption')} className="peace-table">
                <thead>
                  <tr>
                    <th scope="col">{t('peace.delegation')}</th>
                    <th scope="col" className="numeric">
                      {t('peace.women')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('peace.men')}
                    </th>
                    <th scope="col">{t('peace.womenShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {session.attendance.map((a) => (
                    <tr key={a.delegation}>
                      <th scope="row">{a.delegation}</th>
                      <td className="numeric">{a.women}</td>
                      <td className="numeric">{a.men}</td>
                      <td>
                        <WomenShare share={a.share} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            )}
            <p className="hint">{reference.quotaSource}</p>
          </Card>
          <Card title={t('peace.decisionsTitle')} wide>
            {session.decisions.length === 0 ? (
              <p>{t('peace.noDecisions')}</p>
            ) : (
              <ScrollingTable caption={t('peace.decisionsCaption')} className="peace-table">
                <thead>
                  <tr>
                    <th scope="col">{t('peace.decisionKind')}</th>
                    <th scope="col">{t('peace.decisionText')}</th>
                    <th scope="col">{t('peace.owner')}</th>
                    <th scope="col">{t('peace.deadline')}</th>
                    <th scope="col">{t('peace.status')}</th>
                    <th scope="col">{t('peace.followUp')}</th>
                  </tr>
                </thead>
                <tbody>
                  {session.decisions.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{t(`peace.kinds.${d.kind}`)}</th>
                      <td>{d.text}</td>
                      <td>{d.owner ?? '—'}</td>
                      <td className="nowrap">{d.deadline ? formatDay(d.deadline, locale) : '—'}</td>
                      <td>
                        <DecisionStatus decision={d} editable={session.may.decide} />
                      </td>
                      <td>
                        <FollowUp key={d.version} decision={d} editable={session.may.decide} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            )}
            {session.may.decide && <DecisionForm session={session} />}
          </Card>
        </Page>
      )}
    </Show>
  );
}
