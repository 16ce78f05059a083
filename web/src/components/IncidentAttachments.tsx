import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { Incident } from '../../../src/contracts/incidents.js';
import { attachmentUrl, attachToIncident, type IncidentAttachment, toProblem } from '../api.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { fileSize } from '../incidents.js';
import { FileField } from './fields.js';
import { IncidentProgress } from './IncidentProgress.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';

const MAX_BYTES = 10 * 1024 * 1024;
const TYPE_NAMES: Readonly<Record<string, string>> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

function Size({ bytes }: { bytes: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { unit, n } = fileSize(bytes, locale);
  return <>{t(`incidents.attachments.${unit}`, { n })}</>;
}

/** The incident's photos and documents, each downloadable; writers add more (JPEG, PNG, PDF). */
export function IncidentAttachments({ incident, onAdded }: { incident: Incident; onAdded: (attachment: IncidentAttachment) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  // A new key empties the file input once its file has been sent.
  const [formKey, setFormKey] = useState(0);
  const day = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium' });
  const labels = { file: t('incidents.attachments.file') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (progress) return;
    setAdded(null);
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('incidents.attachments.fileMissing') }]));
      return;
    }
    if (file.size > MAX_BYTES) {
      setProblem(clientProblem([{ path: 'file', message: t('incidents.attachments.tooLarge') }]));
      return;
    }
    setProblem(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const attachment = await attachToIncident(incident.ref, file, (sent, total) => setProgress({ sent, total }));
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
      {incident.attachments.length === 0 ? (
        <p>{t('incidents.attachments.empty')}</p>
      ) : (
        <ScrollingTable caption={t('incidents.attachments.caption')} className="incident-attachments">
          <thead>
            <tr>
              <th scope="col">{t('incidents.attachments.name')}</th>
              <th scope="col">{t('incidents.attachments.type')}</th>
              <th scope="col" className="numeric">
                {t('incidents.attachments.size')}
              </th>
              <th scope="col">{t('incidents.attachments.added')}</th>
            </tr>
          </thead>
          <tbody>
            {incident.attachments.map((attachment) => (
              <tr key={attachment.id}>
                <td className="incident-attachment-name">
                  <a
                    href={attachmentUrl(attachment.id)}
                    download={attachment.filename}
                    aria-label={t('incidents.attachments.download', { name: attachment.filename })}
                  >
                    {attachment.filename}
                  </a>
                </td>
                <td>{TYPE_NAMES[attachment.mediaType] ?? attachment.mediaType}</td>
                <td className="numeric">
                  <Size bytes={attachment.size} />
                </td>
                <td className="nowrap">
                  <time dateTime={attachment.createdAt}>{day.format(new Date(attachment.createdAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {incident.allowed.edit && (
        <form key={formKey} className="form incident-attach-form" onSubmit={submit} noValidate>
          {added && <Notice>{t('incidents.attachments.added_done', { name: added })}</Notice>}
          <ProblemAlert problem={problem} labels={labels} />
          <FileField
            label={labels.file}
            hint={t('incidents.attachments.fileHint')}
            accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
            onChange={(chosen) => {
              setFile(chosen);
              setProblem(null);
            }}
            error={fieldError(problem, 'file')}
          />
          {progress && (
            <IncidentProgress
              label={t('incidents.attachments.progress')}
              value={progress.sent}
              max={progress.total}
              text={new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(progress.sent / Math.max(progress.total, 1))}
            />
          )}
          <button type="submit" className="button-secondary" aria-disabled={progress !== null}>
            {progress ? t('incidents.attachments.submitting') : t('incidents.attachments.submit')}
          </button>
        </form>
      )}
    </>
  );
}
