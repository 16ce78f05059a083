import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { newsApi, newsQueries, type PressPointList } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { formatInstant } from '../news.js';
import { Link } from '../router.js';

function PressPointTable({ caption, points }: { caption: string; points: PressPointList['past'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ScrollingTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('news.date')}</th>
          <th scope="col">{t('news.time')}</th>
          <th scope="col">{t('news.place')}</th>
          <th scope="col">{t('news.topic')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.id}>
            <th scope="row">{formatDay(p.heldOn, locale)}</th>
            <td>{p.startsAt}</td>
            <td>{p.place}</td>
            <td>{p.topic}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Announces the next press point; the date offered is fifteen days after the latest. */
function AnnounceForm({ next, everyDays }: { next: string | null; everyDays: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState({ heldOn: next ?? '', startsAt: '10:00', place: '', topicFr: '', topicEn: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    heldOn: t('news.date'),
    startsAt: t('news.time'),
    place: t('news.place'),
    topicFr: t('news.topicFr'),
    topicEn: t('news.topicEn'),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await newsApi.announce({ ...draft, topicEn: draft.topicEn.trim() === '' ? null : draft.topicEn });
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {next && <p className="hint">{t('news.announceHint', { date: formatDay(next, locale), days: everyDays })}</p>}
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
        <TextField
          label={labels.startsAt}
          type="time"
          required
          value={draft.startsAt}
          onChange={set('startsAt')}
          error={fieldError(problem, 'startsAt')}
        />
        <TextField label={labels.place} required value={draft.place} onChange={set('place')} error={fieldError(problem, 'place')} />
      </div>
      <div className="form-row">
        <TextField label={labels.topicFr} required value={draft.topicFr} onChange={set('topicFr')} error={fieldError(problem, 'topicFr')} />
        <TextField label={labels.topicEn} optional value={draft.topicEn} onChange={set('topicEn')} error={fieldError(problem, 'topicEn')} />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('news.announce')}
      </button>
      {done && <p role="status">{t('news.announced')}</p>}
    </form>
  );
}

/** The public news page: releases public now, the press points, the feeds; the desk for the division's members. */
export function NewsPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const releases = useLoaded(newsQueries.releases(locale));
  const pressPoints = useLoaded(newsQueries.pressPoints(locale));
  return (
    <Page title={t('news.title')}>
      <p className="lead">{t('news.intro')}</p>
      <p>
        <a href="/api/news/feed/fr.atom" type="application/atom+xml">
          {t('news.feed')}
        </a>
        {' · '}
        <a href="/api/news/feed/en.atom" type="application/atom+xml">
          {t('news.feedEn')}
        </a>
        {' · '}
        <Link to="/radio">{t('news.radioTitle')}</Link>
        {me && <DeskLink reader={me.id} />}
      </p>
      <Card title={t('news.releases')} wide>
        <Show loaded={releases}>
          {({ releases: list }) =>
            list.length === 0 ? (
              <p>{t('news.noReleases')}</p>
            ) : (
              <ul className="news-list">
                {list.map((r) => (
                  <li key={r.id}>
                    <h3 lang={r.lang}>
                      <Link to={`/actualites/${r.id}`}>{r.title}</Link>
                    </h3>
                    <p className="hint">
                      {t(`news.kind_${r.kind}`)} — {r.dateline ? `${r.dateline}, ` : ''}
                      {formatInstant(r.publishedAt, locale)}
                    </p>
                    <p lang={r.lang}>{r.summary}</p>
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
      </Card>
      <Card title={t('news.pressPoints')} wide>
        <Show loaded={pressPoints}>
          {(data) => (
            <>
              <p>{t('news.pressPointsIntro', { days: data.everyDays })}</p>
              {data.upcoming.length === 0 && data.past.length === 0 && <p>{t('news.noPressPoints')}</p>}
              {data.upcoming.length > 0 && (
                <PressPointTable caption={`${t('news.upcoming')} — ${t('news.pressPointsCaption')}`} points={data.upcoming} />
              )}
              {data.past.length > 0 && (
                <PressPointTable caption={`${t('news.past')} — ${t('news.pressPointsCaption')}`} points={data.past} />
              )}
              {me && <AnnounceIfMay reader={me.id} next={data.next} everyDays={data.everyDays} />}
            </>
          )}
        </Show>
      </Card>
    </Page>
  );
}

function DeskLink({ reader }: { reader: string }) {
  const { t } = useTranslation();
  const desk = useLoaded(newsQueries.desk(reader));
  if (desk.status !== 'done' || (!desk.data.mayCreate && desk.data.releases.length === 0)) return null;
  return (
    <>
      {' · '}
      <Link to="/actualites/redaction">{t('news.desk')}</Link>
    </>
  );
}

function AnnounceIfMay({ reader, next, everyDays }: { reader: string; next: string | null; everyDays: number }) {
  const { t } = useTranslation();
  const desk = useLoaded(newsQueries.desk(reader));
  if (desk.status !== 'done' || !desk.data.mayCreate) return null;
  return (
    <>
      <h3>{t('news.announce')}</h3>
      <AnnounceForm next={next} everyDays={everyDays} />
    </>
  );
}
