import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Locale, Problem } from '../../../src/contracts/common.js';
import type { Topic } from '../../../src/contracts/engagements.js';
import { toProblem } from '../api/client.js';
import { type Engagement, type EngagementReference, type EngagementReport, engagementApi, engagementQueries } from '../api/engagements.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate } from '../router.js';

function EngagementList({ engagements, reference }: { engagements: readonly Engagement[]; reference: EngagementReference }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (engagements.length === 0) return <p>{t('engagements.none')}</p>;
  const topicName = (code: Topic) => reference.topics.find((x) => x.code === code)?.name ?? code;
  return (
    <ScrollingTable caption={t('engagements.caption', { count: engagements.length })} className="engagements-table">
      <thead>
        <tr>
          <th scope="col">{t('engagements.heldOn')}</th>
          <th scope="col">{t('engagements.place')}</th>
          <th scope="col">{t('engagements.counterparts')}</th>
          <th scope="col">{t('engagements.topics')}</th>
          <th scope="col">{t('engagements.attendance')}</th>
          <th scope="col">{t('engagements.openFollowups')}</th>
          <th scope="col">{t('engagements.classification')}</th>
        </tr>
      </thead>
      <tbody>
        {engagements.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              <Link to={`/engagements/${e.id}`}>{formatDay(e.heldOn, locale)}</Link>
            </th>
            <td>{e.place}</td>
            <td>{e.counterpartNames.join(', ')}</td>
            <td>{e.topics.map(topicName).join(', ')}</td>
            <td>{t('engagements.womenMen', { women: e.women, men: e.men })}</td>
            <td>{e.openFollowups}</td>
            <td>{t(`engagements.classes.${e.classification}`)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

interface CounterpartDraft {
  key: number;
  name: string;
  function: string;
  organisation: string;
  actor: string;
  women: string;
  men: string;
}
interface FollowupDraft {
  key: number;
  action: string;
  owner: string;
  deadline: string;
}
const emptyCounterpart = (key: number): CounterpartDraft => ({
  key,
  name: '',
  function: '',
  organisation: '',
  actor: '',
  women: '',
  men: '',
});
const emptyFollowup = (key: number): FollowupDraft => ({ key, action: '', owner: '', deadline: '' });

/** Records an engagement with its counterparts (women and men counted) and its follow-ups; its page opens once saved. */
function EngagementForm({ reference }: { reference: EngagementReference }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    heldOn: '',
    place: '',
    region: '',
    summary: '',
    missionParticipants: '',
    unit: reference.units[0] ?? 'PAD',
    classification: 'restricted',
  });
  const [topics, setTopics] = useState<Topic[]>([]);
  const [counterparts, setCounterparts] = useState<CounterpartDraft[]>([emptyCounterpart(0)]);
  const [followups, setFollowups] = useState<FollowupDraft[]>([emptyFollowup(0)]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setCp = (key: number, field: keyof Omit<CounterpartDraft, 'key'>) => (value: string) =>
    setCounterparts((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const setFu = (key: number, field: keyof Omit<FollowupDraft, 'key'>) => (value: string) =>
    setFollowups((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const labels = {
    heldOn: t('engagements.heldOn'),
    place: t('engagements.place'),
    region: t('engagements.region'),
    topics: t('engagements.topics'),
    summary: t('engagements.summary'),
    missionParticipants: t('engagements.missionParticipants'),
    counterparts: t('engagements.counterparts'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const count = (text: string) => (text.trim() === '' ? 0 : /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
    const filled = counterparts.filter((r) => r.name.trim() !== '' || r.women !== '' || r.men !== '');
    const errors = filled.flatMap((r, index) => [
      ...(Number.isNaN(count(r.women)) ? [{ path: `counterparts.${index}.women`, message: t('engagements.notCount') }] : []),
      ...(Number.isNaN(count(r.men)) ? [{ path: `counterparts.${index}.men`, message: t('engagements.notCount') }] : []),
    ]);
    if (errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    setBusy(true);
    setProblem(null);
    const blank = (v: string) => (v.trim() === '' ? null : v.trim());
    try {
      const created = await engagementApi.create({
        heldOn: draft.heldOn,
        place: draft.place,
        region: blank(draft.region),
        topics,
        summary: draft.summary,
        missionParticipants: blank(draft.missionParticipants),
        counterparts: filled.map((r) => ({
          name: r.name.trim(),
          function: blank(r.function),
          organisation: blank(r.organisation),
          actor: blank(r.actor),
          women: count(r.women),
          men: count(r.men),
        })),
        followups: followups
          .filter((f) => f.action.trim() !== '' || f.owner.trim() !== '')
          .map((f) => ({ action: f.action, owner: f.owner, deadline: blank(f.deadline), status: 'open' as const })),
        unit: draft.unit as 'PAD' | 'OSRSG',
        classification: draft.classification as 'restricted',
      });
      navigate(`/engagements/${created.id}`);
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
        <TextField
          label={labels.heldOn}
          type="date"
          required
          value={draft.heldOn}
          onChange={set('heldOn')}
          error={fieldError(problem, 'heldOn')}
        />
        <TextField label={labels.place} required value={draft.place} onChange={set('place')} error={fieldError(problem, 'place')} />
        <TextField label={labels.region} optional value={draft.region} onChange={set('region')} />
        {reference.units.length > 1 && (
          <SelectField label={t('engagements.unit')} value={draft.unit} onChange={set('unit')}>
            {reference.units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t('engagements.classification')} value={draft.classification} onChange={set('classification')}>
          {(['restricted', 'internal', 'public'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`engagements.classes.${c}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset>
        <legend>{labels.topics}</legend>
        {fieldError(problem, 'topics') && <p className="field-error">{fieldError(problem, 'topics')}</p>}
        <div className="form-row">
          {reference.topics.map((topic) => (
            <CheckboxField
              key={topic.code}
              label={topic.name}
              checked={topics.includes(topic.code)}
              onChange={(checked) => setTopics((all) => (checked ? [...all, topic.code] : all.filter((x) => x !== topic.code)))}
            />
          ))}
        </div>
      </fieldset>
      <TextAreaField
        label={labels.summary}
        required
        value={draft.summary}
        onChange={set('summary')}
        error={fieldError(problem, 'summary')}
      />
      <TextField label={labels.missionParticipants} optional value={draft.missionParticipants} onChange={set('missionParticipants')} />
      <fieldset>
        <legend>{t('engagements.counterpartsLegend')}</legend>
        <p className="hint">{t('engagements.counterpartsHint')}</p>
        {fieldError(problem, 'counterparts') && <p className="field-error">{fieldError(problem, 'counterparts')}</p>}
        {counterparts.map((row, index) => (
          <div className="form-row" key={row.key}>
            <TextField
              label={t('engagements.name', { n: index + 1 })}
              value={row.name}
              onChange={setCp(row.key, 'name')}
              error={fieldError(problem, `counterparts.${index}.name`)}
            />
            <TextField
              label={t('engagements.function', { n: index + 1 })}
              optional
              value={row.function}
              onChange={setCp(row.key, 'function')}
            />
            <TextField
              label={t('engagements.organisation', { n: index + 1 })}
              optional
              value={row.organisation}
              onChange={setCp(row.key, 'organisation')}
            />
            <SelectField label={t('engagements.actor', { n: index + 1 })} optional value={row.actor} onChange={setCp(row.key, 'actor')}>
              <option value="">{t('engagements.noActor')}</option>
              {reference.actors.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('engagements.women', { n: index + 1 })}
              inputMode="numeric"
              value={row.women}
              onChange={setCp(row.key, 'women')}
              error={fieldError(problem, `counterparts.${index}.women`)}
            />
            <TextField
              label={t('engagements.men', { n: index + 1 })}
              inputMode="numeric"
              value={row.men}
              onChange={setCp(row.key, 'men')}
              error={fieldError(problem, `counterparts.${index}.men`)}
            />
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() => setCounterparts((all) => [...all, emptyCounterpart((all.at(-1)?.key ?? 0) + 1)])}
        >
          {t('engagements.addCounterpart')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('engagements.followupsLegend')}</legend>
        {followups.map((row, index) => (
          <div className="form-row" key={row.key}>
            <TextField
              label={t('engagements.actionN', { n: index + 1 })}
              value={row.action}
              onChange={setFu(row.key, 'action')}
              error={fieldError(problem, `followups.${index}.action`)}
            />
            <TextField
              label={t('engagements.ownerN', { n: index + 1 })}
              value={row.owner}
              onChange={setFu(row.key, 'owner')}
              error={fieldError(problem, `followups.${index}.owner`)}
            />
            <TextField
              label={t('engagements.deadlineN', { n: index + 1 })}
              type="date"
              optional
              value={row.deadline}
              onChange={setFu(row.key, 'deadline')}
              error={fieldError(problem, `followups.${index}.deadline`)}
            />
          </div>
        ))}
        <button
          type="button"
          className="button-secondary"
          onClick={() => setFollowups((all) => [...all, emptyFollowup((all.at(-1)?.key ?? 0) + 1)])}
        >
          {t('engagements.addFollowup')}
        </button>
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('engagements.save')}
      </button>
    </form>
  );
}

function ReportList({ reports }: { reports: readonly EngagementReport[] }) {
  const { t } = useTranslation();
  if (reports.length === 0) return <p>{t('engagements.noReports')}</p>;
  return (
    <ul>
      {reports.map((r) => (
        <li key={r.id}>
          <Link to={`/engagements/rapports/${r.id}`}>{r.title}</Link> — {t(`engagements.classes.${r.classification}`)} — {r.authorLabel}
        </li>
      ))}
    </ul>
  );
}

/** Assembles a new report from a period's records; the draft opens once assembled. */
function AssembleForm({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState({ periodKind: 'month', day: '', language: locale as string });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const report = await engagementApi.assemble({
        periodKind: draft.periodKind as 'week' | 'month',
        day: draft.day,
        language: draft.language as Locale,
        unit: unit as 'PAD' | 'OSRSG',
      });
      navigate(`/engagements/rapports/${report.id}`);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={{ day: t('engagements.day') }} />
      <div className="form-row">
        <SelectField label={t('engagements.periodKind')} value={draft.periodKind} onChange={set('periodKind')}>
          <option value="month">{t('engagements.kinds.month')}</option>
          <option value="week">{t('engagements.kinds.week')}</option>
        </SelectField>
        <TextField
          label={t('engagements.day')}
          type="date"
          required
          value={draft.day}
          onChange={set('day')}
          error={fieldError(problem, 'day')}
        />
        <SelectField label={t('engagements.language')} value={draft.language} onChange={set('language')}>
          <option value="fr" lang="fr">
            Français
          </option>
          <option value="en" lang="en">
            English
          </option>
        </SelectField>
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('engagements.assemble')}
      </button>
    </form>
  );
}

/** Political engagements: the list, the entry form, and the periodic reports. */
export function EngagementsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reference = useLoaded(engagementQueries.reference(me.id, locale));
  const list = useLoaded(engagementQueries.list(me.id));
  const reports = useLoaded(engagementQueries.reports(me.id));
  return (
    <Page title={t('engagements.title')}>
      <p className="lead">{t('engagements.intro')}</p>
      <Show loaded={both(reference, list)}>
        {([ref, data]) => (
          <>
            <Card title={t('engagements.listTitle')} wide>
              <EngagementList engagements={data.engagements} reference={ref} />
            </Card>
            <Card title={t('engagements.reportsTitle')} wide>
              <p className="hint">{t('engagements.reportsIntro')}</p>
              <Show loaded={reports}>{(r) => <ReportList reports={r.reports} />}</Show>
              {ref.units[0] && <AssembleForm unit={ref.units[0]} />}
            </Card>
            {ref.units.length > 0 && (
              <Card title={t('engagements.newTitle')} wide>
                <EngagementForm reference={ref} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
