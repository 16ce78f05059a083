import { useTranslation } from 'react-i18next';
import { newsQueries } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { Page } from '../components/Page.js';
import { PublicAlbum } from '../components/ReleaseAlbum.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { formatInstant } from '../news.js';
import { Link } from '../router.js';

/** A release's public page: only a release public now exists here. */
export function ReleasePage({ releaseId }: { releaseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const release = useLoaded(newsQueries.release(locale, releaseId));
  const title = release.status === 'done' ? release.data.title : t('news.title');
  return (
    <Page title={title} titleLang={release.status === 'done' ? release.data.lang : undefined}>
      <p className="back-link">
        <Link to="/actualites">{t('news.backToNews')}</Link>
      </p>
      <Show loaded={release}>
        {(r) => (
          <article className="release">
            <p className="hint">
              {t(`news.kind_${r.kind}`)} — {r.dateline ? `${r.dateline}, ` : ''}
              {t('news.publishedOn', { date: formatInstant(r.publishedAt, locale) })}
            </p>
            {locale === 'en' && !r.translated && <p className="hint">{t('news.frenchOnly')}</p>}
            <div lang={r.lang}>
              <p className="lead">{r.summary}</p>
              {r.body.split(/\n{2,}/).map((paragraph, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order, never reordered.
                <p key={index}>{paragraph}</p>
              ))}
            </div>
            {r.correctedAt && r.correction && (
              <p className="notice">{t('news.correctedOn', { date: formatInstant(r.correctedAt, locale), note: r.correction })}</p>
            )}
            <PublicAlbum releaseId={r.id} />
          </article>
        )}
      </Show>
    </Page>
  );
}
