import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { type Attachment, type AttachmentUpload, attachmentUrl } from '../api/files.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { fileSize } from '../incidents.js';
import { FileField } from './fields.js';
import { IncidentProgress } from './IncidentProgress.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';

const MAX_BYTES = 10 * 1024 * 1024;
const TYPE_NAMES: Readonly<Record<string, string>> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** A size in KB or MB, in the interface language. */
export function FileSize({ bytes }: { bytes: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { unit, n } = fileSize(bytes, locale);
  return <>{t(`attachments.${unit}`, { n })}</>;
}

interface AttachmentsProps {
  attachments: readonly Attachment[];
  /** The table's caption: whose files these are. */
  caption: string;
  /** Under the file input: what may be sent and what becomes of it. */
  hint: string;
  /** Sends a file; absent when the reader may not add any. */
  upload?: AttachmentUpload | undefined;
  onAdded: (attachment: Attachment) => void;
}

/**
 * A record's photos and documents, each downloadable, and for those who may edit the record a
 * form that sends one more (JPEG, PNG, PDF; the server decides the type from the content) with its
 * upload progress. Incidents and protection cases both use it.
 */
export function Attachments({ attachments, caption, hint, upload, onAdded }: AttachmentsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  // A new key empties the file input once its file has been sent.
  const [formKey, setFormKey] = useState(0);
  const day = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' });
  const labels = { file: t('attachments.file') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (progress || !upload) return;
    setAdded(null);
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('attachments.fileMissing') }]));
      return;
    }
    if (file.size > MAX_BYTES) {
      setProblem(clientProblem([{ path: 'file', message: t('attachments.tooLarge') }]));
      return;
    }
    setProblem(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const attachment = await upload(file, (sent, total) => setProgress({ sent, total }));
      setAdded(attachment.filename);
      setFile(null);
      setFormKey((n) => n + 1);
      onAdded(attachment);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      {attachments.length === 0 ? (
        <p>{t('attachments.empty')}</p>
      ) : (
        <ScrollingTable caption={caption} className="attachments">
          <thead>
            <tr>
              <th scope="col">{t('attachments.name')}</th>
              <th scope="col">{t('attachments.type')}</th>
              <th scope="col" className="numeric">
                {t('attachments.size')}
              </th>
              <th scope="col">{t('attachments.added')}</th>
            </tr>
          </thead>
          <tbody>
            {attachments.map((attachment) => (
              <tr key={attachment.id}>
                <td className="attachment-name">
                  <a
                    href={attachmentUrl(attachment.id)}
                    download={attachment.filename}
                    aria-label={t('attachments.download', { name: attachment.filename })}
                  >
                    {attachment.filename}
                  </a>
                </td>
                <td>{TYPE_NAMES[attachment.mediaType] ?? attachment.mediaType}</td>
                <td className="numeric nowrap">
                  <FileSize bytes={attachment.size} />
                </td>
                <td className="nowrap">
                  <time dateTime={attachment.createdAt}>{day.format(new Date(attachment.createdAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {upload && (
        <form key={formKey} className="form attach-form" onSubmit={submit} noValidate>
          {added && <Notice>{t('attachments.added_done', { name: added })}</Notice>}
          <ProblemAlert problem={problem} labels={labels} />
          <FileField
            label={labels.file}
            hint={hint}
            accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
            onChange={(chosen) => {
              setFile(chosen);
              setProblem(null);
            }}
            error={fieldError(problem, 'file')}
          />
          {progress && (
            <IncidentProgress
              label={t('attachments.progress')}
              value={progress.sent}
              max={progress.total}
              text={new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(progress.sent / Math.max(progress.total, 1))}
            />
          )}
          <button type="submit" className="button-secondary" aria-disabled={progress !== null}>
            {progress ? t('attachments.submitting') : t('attachments.submit')}
          </button>
        </form>
      )}
    </>
  );
}
