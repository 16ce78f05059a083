import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { INCIDENT_CLASSIFICATIONS, type IncidentImportReport } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { toProblem } from '../api/client.js';
import { importIncidents } from '../api/files.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import type { IncidentClassification } from '../incidents.js';
import { unitLabel } from '../units.js';
import { FileField, SelectField } from './fields.js';
import { ImportReportTables } from './ImportReportTables.js';
import { IncidentProgress } from './IncidentProgress.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** The server's report: how many incidents were imported, or each error with its line and column. */
function ImportReport({ report }: { report: IncidentImportReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const counts: [string, number][] = [
    [t('incidents.import.rows'), report.rows],
    [t('incidents.import.imported'), report.imported],
    [t('incidents.import.errors'), report.errors.length + report.moreErrors],
  ];
  return (
    <section className="import-report" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('incidents.import.reportTitle')}</h3>
      {report.imported === 0 && report.errors.length > 0 ? (
        <div role="alert" className="alert alert-error">
          <p>{t('incidents.import.nothing')}</p>
        </div>
      ) : (
        <p role="status" className="alert alert-success">
          {t('incidents.import.done', { count: report.imported, n: formatCount(report.imported, locale) })}
        </p>
      )}
      <ImportReportTables
        counts={counts}
        errors={report.errors}
        labels={{
          caption: t('incidents.import.errorsCaption'),
          line: t('incidents.import.line'),
          column: t('incidents.import.column'),
          message: t('incidents.import.message'),
          wholeLine: t('incidents.import.wholeLine'),
        }}
      />
      {report.moreErrors > 0 && (
        <p>{t('incidents.import.moreErrors', { count: report.moreErrors, n: formatCount(report.moreErrors, locale) })}</p>
      )}
    </section>
  );
}

interface IncidentImportFormProps {
  /** The units whose incidents the user may record. */
  unitCodes: readonly string[];
  units: readonly Unit[];
  onImported?: () => void;
}

/**
 * Imports a CSV file of incidents (ACLED or Mandat columns) as candidates. The file is sent as it
 * is with XMLHttpRequest, whose upload events drive the progress bar; all rows or none.
 */
export function IncidentImportForm({ unitCodes, units, onImported }: IncidentImportFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [unit, setUnit] = useState(unitCodes[0] ?? '');
  const [classification, setClassification] = useState<IncidentClassification>('internal');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [report, setReport] = useState<IncidentImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const labels = { file: t('incidents.import.file') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (progress) return;
    setReport(null);
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('incidents.import.fileMissing') }]));
      return;
    }
    setProblem(null);
    setProgress({ sent: 0, total: file.size });
    try {
      const result = await importIncidents(file, { unit, classification }, (sent, total) => setProgress({ sent, total }));
      setReport(result);
      if (result.imported > 0) onImported?.();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setProgress(null);
    }
  };

  const kib = (bytes: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(bytes / 1024);

  return (
    <>
      <p className="hint">{t('incidents.import.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <div className="form-row">
          <SelectField label={t('incidents.import.unit')} value={unit} onChange={setUnit}>
            {unitCodes.map((code) => (
              <option key={code} value={code}>
                {unitLabel(code, units, locale)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('incidents.import.classification')}
            value={classification}
            onChange={(value) => setClassification(value as IncidentClassification)}
          >
            {INCIDENT_CLASSIFICATIONS.map((option) => (
              <option key={option} value={option}>
                {t(`incidents.classifications.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <FileField
          label={labels.file}
          hint={t('incidents.import.fileHint')}
          accept=".csv,text/csv"
          onChange={(chosen) => {
            setFile(chosen);
            setReport(null);
            setProblem(null);
          }}
          error={fieldError(problem, 'file')}
        />
        {progress && (
          <IncidentProgress
            label={t('incidents.import.progress')}
            value={progress.sent}
            max={progress.total}
            text={`${kib(progress.sent)} / ${t('attachments.kib', { n: kib(progress.total) })}`}
          />
        )}
        <button type="submit" className="button-primary" aria-disabled={progress !== null}>
          {progress ? t('incidents.import.submitting') : t('incidents.import.submit')}
        </button>
      </form>
      {report && <ImportReport report={report} />}
    </>
  );
}
