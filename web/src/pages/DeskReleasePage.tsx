import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { ReleaseStatus } from '../../../src/contracts/news.js';
import { toProblem } from '../api/client.js';
import { newsApi, newsQueries, type ReleaseDetail, type ReleaseMove } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { DeskAlbum } from '../components/ReleaseAlbum.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { formatInstant } from '../news.js';
import { Link } from '../router.js';

/** The fields a history entry names; dates and names of each step are said by its state. */
const FIELDS = {
  kind: 'news.kind',
  dateline: 'news.dateline',
  title_fr: 'news.titleFr',
  summary_fr: 'news.summaryFr',
  body_fr: 'news.bodyFr',
  title_en: 'news.titleEn',
  summary_en: 'news.summaryEn',
  body_en: 'news.bodyEn',
  embargo_until: 'news.embargo',
  correction_fr: 'news.correctionNote',
} as const;

function Paragraphs({ text }: { text: string }) {
  return text.split(/\n{2,}/).map((paragraph, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order, never reordered.
    <p key={index}>{paragraph}</p>
  ));
}

/** One step of the clearance, with the reason or note it asks for. */
function MoveButton({
  release,
  move,
  label,
  reasonLabel,
  extra,
  onProblem,
}: {
  release: ReleaseDetail;
  move: ReleaseMove;
  label: string;
  reasonLabel?: string;
  extra?: Record<string, unknown>;
  onProblem: (problem: Problem | null) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    onProblem(null);
    try {
      const key = move === 'correct' ? 'noteFr' : 'reason';
      await newsApi.move(release.id, move, { version: release.version, ...(reasonLabel ? { [key]: reason } : {}), ...extra });
    } catch (error) {
      onProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {reasonLabel && <TextField label={reasonLabel} required value={reason} onChange={setReason} />}
      <button type="submit" className={reasonLabel ? 'button-secondary' : 'button-primary'} disabled={busy}>
        {label}
      </button>
    </form>
  );
}

/** A release on the desk: its texts, its state, the steps the requester may take, and its history. */
export function DeskReleasePage({ reader, releaseId }: { reader: string; releaseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const release = useLoaded(newsQueries.deskRelease(reader, releaseId));
  const [problem, setProblem] = useState<Problem | null>(null);
  const title = release.status === 'done' ? release.data.titleFr : t('news.desk');
  return (
    <Page title={title} titleLang="fr">
      <p className="back-link">
        <Link to="/actualites/redaction">{t('news.desk')}</Link>
      </p>
      <Show loaded={release}>
        {(r) => {
          const any = Object.values(r.may).some(Boolean);
          return (
            <>
              <Card title={t('news.workflow')} wide>
                <p>
                  <strong>{t(`news.status_${r.status}`)}</strong>
                  {r.public && (
                    <>
                      {' — '}
                      <Link to={`/actualites/${r.id}`}>{t('news.publicPage')}</Link>
                    </>
                  )}
                  {r.status === 'published' && !r.public && r.publicFrom && (
                    <> — {t('news.embargoed', { date: formatInstant(r.publicFrom, locale) })}</>
                  )}
                </p>
                <p>
                  {t('news.author')} : {r.authorLabel}
                  {r.embargoUntil && r.status !== 'published' && (
                    <> · {t('news.embargoed', { date: formatInstant(r.embargoUntil, locale) })}</>
                  )}
                </p>
                {r.clearedBy && r.clearedAt && (
                  <p>{t('news.clearedBy', { name: r.clearedBy, date: formatInstant(r.clearedAt, locale) })}</p>
                )}
                {r.returnedReason && r.status === 'draft' && <Notice>{t('news.returnedBecause', { reason: r.returnedReason })}</Notice>}
                {r.withdrawnAt && (
                  <p>{t('news.withdrawnBecause', { date: formatInstant(r.withdrawnAt, locale), reason: r.withdrawnReason ?? '' })}</p>
                )}
                <ProblemAlert problem={problem} />
                {r.may.submit && <MoveButton release={r} move="submit" label={t('news.submit')} onProblem={setProblem} />}
                {r.may.clear && <MoveButton release={r} move="clear" label={t('news.clear')} onProblem={setProblem} />}
                {r.may.return && (
                  <MoveButton
                    release={r}
                    move="return"
                    label={t('news.returnToAuthor')}
                    reasonLabel={t('news.returnReason')}
                    onProblem={setProblem}
                  />
                )}
                {r.may.publish && <MoveButton release={r} move="publish" label={t('news.publish')} onProblem={setProblem} />}
                {r.may.correct && (
                  <MoveButton
                    release={r}
                    move="correct"
                    label={t('news.correct')}
                    reasonLabel={t('news.correctionNote')}
                    onProblem={setProblem}
                  />
                )}
                {r.may.withdraw && (
                  <MoveButton
                    release={r}
                    move="withdraw"
                    label={t('news.withdraw')}
                    reasonLabel={t('news.withdrawReason')}
                    onProblem={setProblem}
                  />
                )}
                {r.status === 'submitted' && !r.may.clear && <p className="hint">{t('news.fourEyes')}</p>}
                {!any && r.status !== 'submitted' && <p className="hint">{t('news.nothingToDo')}</p>}
              </Card>
              <Card title={t('news.texts')} wide>
                <div lang="fr">
                  <h3>{r.titleFr}</h3>
                  <p className="lead">{r.summaryFr}</p>
                  <Paragraphs text={r.bodyFr} />
                </div>
                {r.titleEn && (
                  <div lang="en">
                    <h3>{r.titleEn}</h3>
                    {r.summaryEn && <p className="lead">{r.summaryEn}</p>}
                    <Paragraphs text={r.bodyEn ?? ''} />
                  </div>
                )}
              </Card>
              <DeskAlbum reader={reader} releaseId={r.id} />
              <Card title={t('news.history')} wide>
                <ScrollingTable caption={t('news.historyCaption')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('news.date')}</th>
                      <th scope="col">{t('news.who')}</th>
                      <th scope="col">{t('news.changes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.history.map((h) => (
                      <tr key={h.version}>
                        <th scope="row">{formatInstant(h.at, locale)}</th>
                        <td>{h.actorLabel}</td>
                        <td>
                          {Object.entries(h.changes)
                            .map(([field, change]) =>
                              field === 'status'
                                ? t(`news.status_${change.to as ReleaseStatus}`)
                                : field in FIELDS
                                  ? t(FIELDS[field as keyof typeof FIELDS])
                                  : null,
                            )
                            .filter(Boolean)
                            .join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              </Card>
            </>
          );
        }}
      </Show>
    </Page>
  );
}
