import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { ReleaseKind } from '../../../src/contracts/news.js';
import { toProblem } from '../api/client.js';
import { newsApi, newsQueries } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { formatInstant } from '../news.js';
import { Link, navigate } from '../router.js';

/** The embargo typed as a day and a time of Bamako (UTC): the instant, or null without a day. */
function embargoOf(day: string, time: string): string | null {
  if (day.trim() === '') return null;
  return `${day}T${time.trim() === '' ? '00:00' : time}:00Z`;
}

/** Drafts a release; its page, with the clearance steps, opens once saved. */
function DraftForm() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    kind: 'press_release',
    dateline: '',
    titleFr: '',
    summaryFr: '',
    bodyFr: '',
    titleEn: '',
    summaryEn: '',
    bodyEn: '',
    embargoDay: '',
    embargoTime: '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    kind: t('news.kind'),
    dateline: t('news.dateline'),
    titleFr: t('news.titleFr'),
    summaryFr: t('news.summaryFr'),
    bodyFr: t('news.bodyFr'),
    titleEn: t('news.titleEn'),
    summaryEn: t('news.summaryEn'),
    bodyEn: t('news.bodyEn'),
    embargoUntil: t('news.embargoDate'),
  };
  const blank = (v: string) => (v.trim() === '' ? null : v);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (draft.embargoDay === '' && draft.embargoTime !== '') {
      setProblem(clientProblem([{ path: 'embargoUntil', message: t('news.embargoHint') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const created = await newsApi.draft({
        kind: draft.kind as ReleaseKind,
        dateline: blank(draft.dateline),
        titleFr: draft.titleFr,
        summaryFr: draft.summaryFr,
        bodyFr: draft.bodyFr,
        titleEn: blank(draft.titleEn),
        summaryEn: blank(draft.summaryEn),
        bodyEn: blank(draft.bodyEn),
        embargoUntil: embargoOf(draft.embargoDay, draft.embargoTime),
      });
      navigate(`/actualites/redaction/${created.id}`);
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
        <SelectField label={labels.kind} value={draft.kind} onChange={set('kind')}>
          <option value="press_release">{t('news.kind_press_release')}</option>
          <option value="communique">{t('news.kind_communique')}</option>
        </SelectField>
        <TextField label={labels.dateline} value={draft.dateline} onChange={set('dateline')} error={fieldError(problem, 'dateline')} />
      </div>
      <TextField
        label={labels.titleFr}
        required
        lang="fr"
        value={draft.titleFr}
        onChange={set('titleFr')}
        error={fieldError(problem, 'titleFr')}
      />
      <TextAreaField
        label={labels.summaryFr}
        required
        lang="fr"
        value={draft.summaryFr}
        onChange={set('summaryFr')}
        error={fieldError(problem, 'summaryFr')}
      />
      <TextAreaField
        label={labels.bodyFr}
        required
        lang="fr"
        rows={8}
        value={draft.bodyFr}
        onChange={set('bodyFr')}
        error={fieldError(problem, 'bodyFr')}
      />
      <fieldset>
        <legend>{t('news.englishHint')}</legend>
        <TextField
          label={labels.titleEn}
          optional
          lang="en"
          value={draft.titleEn}
          onChange={set('titleEn')}
          error={fieldError(problem, 'titleEn')}
        />
        <TextAreaField
          label={labels.summaryEn}
          optional
          lang="en"
          value={draft.summaryEn}
          onChange={set('summaryEn')}
          error={fieldError(problem, 'summaryEn')}
        />
        <TextAreaField
          label={labels.bodyEn}
          optional
          lang="en"
          rows={8}
          value={draft.bodyEn}
          onChange={set('bodyEn')}
          error={fieldError(problem, 'bodyEn')}
        />
      </fieldset>
      <div className="form-row">
        <TextField
          label={labels.embargoUntil}
          type="date"
          optional
          hint={t('news.embargoHint')}
          value={draft.embargoDay}
          onChange={set('embargoDay')}
          error={fieldError(problem, 'embargoUntil')}
        />
        <TextField label={t('news.embargoTime')} type="time" optional value={draft.embargoTime} onChange={set('embargoTime')} />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('news.saveDraft')}
      </button>
    </form>
  );
}

/** Every release of the division and its state; drafting for its officers and managers. */
export function NewsDeskPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const desk = useLoaded(newsQueries.desk(me.id));
  return (
    <Page title={t('news.desk')}>
      <p className="lead">{t('news.deskIntro')}</p>
      <p className="back-link">
        <Link to="/actualites">{t('news.backToNews')}</Link>
      </p>
      <Show loaded={desk}>
        {(data) => (
          <>
            <Card title={t('news.releases')} wide>
              {data.releases.length === 0 ? (
                <p>{t('news.deskEmpty')}</p>
              ) : (
                <ScrollingTable caption={t('news.deskCaption')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('news.titleFr')}</th>
                      <th scope="col">{t('news.status')}</th>
                      <th scope="col">{t('news.author')}</th>
                      <th scope="col">{t('news.embargo')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.releases.map((r) => (
                      <tr key={r.id}>
                        <th scope="row" lang="fr">
                          <Link to={`/actualites/redaction/${r.id}`}>{r.titleFr}</Link>
                        </th>
                        <td>
                          {t(`news.status_${r.status}`)}
                          {r.public ? ` — ${t('news.publicNow')}` : ''}
                        </td>
                        <td>{r.authorLabel}</td>
                        <td>{r.embargoUntil ? formatInstant(r.embargoUntil, locale) : t('news.noEmbargo')}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
            </Card>
            {data.mayCreate && (
              <Card title={t('news.newRelease')} wide>
                <DraftForm />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
