import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { type EngagementDetail, type EngagementReference, engagementApi, engagementQueries } from '../api/engagements.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

function FollowupStatus({ followup, reference }: { followup: EngagementDetail['followups'][number]; reference: EngagementReference }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(followup.status);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await engagementApi.updateFollowup(followup.id, { status, version: followup.version });
      setProblem(null);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <ProblemAlert problem={problem} />
      <SelectField label={t('engagements.statusOf', { text: followup.action })} value={status} onChange={setStatus}>
        {reference.statuses.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button-secondary">
        {t('engagements.saveStatus')}
      </button>
    </form>
  );
}

function NewFollowup({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ action: '', owner: '', deadline: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await engagementApi.addFollowup(engagementId, {
        action: draft.action,
        owner: draft.owner,
        deadline: draft.deadline === '' ? null : draft.deadline,
        status: 'open',
      });
      setDraft({ action: '', owner: '', deadline: '' });
      setProblem(null);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  const labels = { action: t('engagements.action'), owner: t('engagements.owner'), deadline: t('engagements.deadline') };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField label={labels.action} required value={draft.action} onChange={set('action')} error={fieldError(problem, 'action')} />
        <TextField label={labels.owner} required value={draft.owner} onChange={set('owner')} error={fieldError(problem, 'owner')} />
        <TextField
          label={labels.deadline}
          type="date"
          optional
          value={draft.deadline}
          onChange={set('deadline')}
          error={fieldError(problem, 'deadline')}
        />
      </div>
      <button type="submit" className="button-primary">
        {t('engagements.saveFollowup')}
      </button>
    </form>
  );
}

/** One engagement: who, when, where, on what, and its follow-ups with their status. */
export function EngagementPage({ reader, engagementId }: { reader: string; engagementId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const engagement = useLoaded(engagementQueries.one(reader, engagementId));
  const reference = useLoaded(engagementQueries.reference(reader, locale));
  const title =
    engagement.status === 'done' ? `${formatDay(engagement.data.heldOn, locale)} — ${engagement.data.place}` : t('engagements.title');
  return (
    <Page title={title}>
      <p>
        <Link to="/engagements">{t('engagements.back')}</Link>
      </p>
      <Show loaded={both(engagement, reference)}>
        {([e, ref]) => (
          <>
            <Card title={t('engagements.summary')} wide>
              <dl className="facts">
                <dt>{t('engagements.topics')}</dt>
                <dd>{e.topics.map((code) => ref.topics.find((x) => x.code === code)?.name ?? code).join(', ')}</dd>
                {e.region && (
                  <>
                    <dt>{t('engagements.region')}</dt>
                    <dd>{e.region}</dd>
                  </>
                )}
                {e.missionParticipants && (
                  <>
                    <dt>{t('engagements.missionParticipants')}</dt>
                    <dd>{e.missionParticipants}</dd>
                  </>
                )}
                <dt>{t('engagements.classification')}</dt>
                <dd>{t(`engagements.classes.${e.classification}`)}</dd>
                <dt>{t('engagements.unit')}</dt>
                <dd>{e.unit}</dd>
              </dl>
              <p className="prose">{e.summary}</p>
            </Card>
            <Card title={t('engagements.counterparts')} wide>
              <ScrollingTable caption={t('engagements.counterparts')}>
                <thead>
                  <tr>
                    <th scope="col">{t('engagements.colName')}</th>
                    <th scope="col">{t('engagements.colFunction')}</th>
                    <th scope="col">{t('engagements.colOrganisation')}</th>
                    <th scope="col">{t('engagements.colActor')}</th>
                    <th scope="col">{t('engagements.attendance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.counterparts.map((c, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: counterparts have no id; their order is their identity
                    <tr key={index}>
                      <th scope="row">{c.name}</th>
                      <td>{c.function ?? '—'}</td>
                      <td>{c.organisation ?? '—'}</td>
                      <td>{c.actorName ?? '—'}</td>
                      <td>{t('engagements.womenMen', { women: c.women, men: c.men })}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            </Card>
            <Card title={t('engagements.followupsTitle')} wide>
              {e.followups.length === 0 ? (
                <p>{t('engagements.noFollowups')}</p>
              ) : (
                <ScrollingTable caption={t('engagements.followupsTitle')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('engagements.action')}</th>
                      <th scope="col">{t('engagements.owner')}</th>
                      <th scope="col">{t('engagements.deadline')}</th>
                      <th scope="col">{t('engagements.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.followups.map((f) => (
                      <tr key={f.id}>
                        <th scope="row">{f.action}</th>
                        <td>{f.owner}</td>
                        <td>{f.deadline ? formatDay(f.deadline, locale) : '—'}</td>
                        <td>
                          {e.may.followUp ? (
                            <FollowupStatus key={`${f.id}-${f.version}`} followup={f} reference={ref} />
                          ) : (
                            ref.statuses.find((s) => s.code === f.status)?.name
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              {e.may.followUp && (
                <>
                  <h3>{t('engagements.newFollowup')}</h3>
                  <NewFollowup engagementId={e.id} />
                </>
              )}
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
