import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { addPhoto, albumQueries, type DeskPhotoList } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { useLocale } from '../i18n.js';
import { Card } from './Card.js';
import { FileField, TextField } from './fields.js';
import { Notice, ProblemAlert } from './ProblemAlert.js';
import { Show } from './Show.js';

/** Photos with their caption (also their text alternative) and credit. */
function Gallery({ photos }: { photos: { id: string; url: string; caption: string; credit: string; lang?: string }[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <p className="hint">{t('albums.empty')}</p>;
  return (
    <ul className="album" style={{ listStyle: 'none', padding: 0 }}>
      {photos.map((photo) => (
        <li key={photo.id}>
          <figure lang={photo.lang} style={{ margin: '0 0 1rem' }}>
            <img src={photo.url} alt={photo.caption} loading="lazy" style={{ maxWidth: '100%', maxHeight: '20rem' }} />
            <figcaption>
              {photo.caption}
              <br />
              <small>{t('albums.credit', { credit: photo.credit })}</small>
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}

/** A release's album on its public page: shown only when the release has photos. */
export function PublicAlbum({ releaseId }: { releaseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const album = useLoaded(albumQueries.public(locale, releaseId));
  if (album.status !== 'done' || album.data.photos.length === 0) return null;
  return (
    <section className="release-album">
      <h2>{t('albums.title')}</h2>
      <Gallery photos={album.data.photos} />
    </section>
  );
}

function AddPhotoForm({ releaseId }: { releaseId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [captionFr, setCaptionFr] = useState('');
  const [captionEn, setCaptionEn] = useState('');
  const [credit, setCredit] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [missingFile, setMissingFile] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    setProblem(null);
    setMissingFile(!file);
    if (!file) return;
    setBusy(true);
    try {
      await addPhoto(releaseId, file, { captionFr, captionEn, credit }, () => {});
      setFile(null);
      setCaptionFr('');
      setCaptionEn('');
      setCredit('');
      setFormKey((key) => key + 1);
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form key={formKey} className="form" onSubmit={submit} noValidate>
      <h3>{t('albums.add')}</h3>
      <ProblemAlert problem={problem} />
      {done && <Notice>{t('albums.added')}</Notice>}
      <FileField
        label={t('albums.file')}
        hint={t('albums.fileHint')}
        error={missingFile ? t('albums.fileRequired') : undefined}
        accept="image/jpeg,image/png"
        onChange={setFile}
        required
      />
      <TextField label={t('albums.captionFr')} lang="fr" required value={captionFr} onChange={setCaptionFr} />
      <TextField label={t('albums.captionEn')} lang="en" optional value={captionEn} onChange={setCaptionEn} />
      <TextField label={t('albums.creditLabel')} hint={t('albums.creditHint')} required value={credit} onChange={setCredit} />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('albums.add')}
      </button>
    </form>
  );
}

function deskPhotos(album: DeskPhotoList, locale: string) {
  return album.photos.map((photo) => {
    const en = locale === 'en' && photo.captionEn !== null;
    return {
      id: photo.id,
      url: photo.url,
      caption: en ? (photo.captionEn ?? '') : photo.captionFr,
      credit: photo.credit,
      lang: en ? 'en' : 'fr',
    };
  });
}

/** A release's album on the desk: its photos in any state, and the form to add one to a draft. */
export function DeskAlbum({ reader, releaseId }: { reader: string; releaseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const album = useLoaded(albumQueries.desk(reader, releaseId));
  return (
    <Card title={t('albums.title')} wide>
      <Show loaded={album}>
        {(a) => (
          <>
            <Gallery photos={deskPhotos(a, locale)} />
            {a.mayAdd ? <AddPhotoForm releaseId={releaseId} /> : <p className="hint">{t('albums.draftOnly')}</p>}
          </>
        )}
      </Show>
    </Card>
  );
}
