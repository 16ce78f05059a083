import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { ProjectImportReport } from '../../../src/contracts/projects.js';
import { toProblem } from '../api/client.js';
import { projectApi } from '../api/projects.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { FileField, SelectField } from './fields.js';
import { ImportReportTables } from './ImportReportTables.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** The server's report: the projects proposed, or every error by line and column. */
function ImportReportView({ report }: { report: ProjectImportReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  return (
    <section className="import-report" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('portfolio.import.reportTitle')}</h3>
      {report.errors.length > 0 ? (
        <div role="alert" className="alert alert-error">
          <p>{t('portfolio.import.nothing')}</p>
        </div>
      ) : (
        <p role="status" className="alert alert-success">
          {t('portfolio.import.done', { count: report.imported, formatted: formatCount(report.imported, locale) })}
        </p>
      )}
      <ImportReportTables
        counts={[
          [t('portfolio.import.rows'), report.rows],
          [t('portfolio.import.imported'), report.imported],
          [t('portfolio.import.errors'), report.errors.length],
        ]}
        errors={report.errors}
        labels={{
          caption: t('portfolio.import.errorsCaption'),
          line: t('portfolio.import.line'),
          column: t('portfolio.import.column'),
          message: t('portfolio.import.message'),
          wholeLine: t('portfolio.import.wholeLine'),
        }}
      />
    </section>
  );
}

/**
 * Imports a portfolio CSV (the export's columns) as projects proposed for the units the account
 * writes for: all rows or none, so a file with one bad line is corrected and sent again whole.
 */
export function ProjectImportForm({ units }: { units: readonly string[] }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState(units[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ProjectImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = { file: t('portfolio.import.file'), unit: t('portfolio.import.unit') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setReport(null);
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('portfolio.import.fileMissing') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const text = await file.text().catch(() => null);
      if (text === null) {
        setProblem(clientProblem([{ path: 'file', message: t('portfolio.import.fileUnreadable') }]));
        return;
      }
      setReport(await projectApi.import(text, unit));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{t('portfolio.import.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <SelectField label={labels.unit} value={unit} onChange={setUnit}>
          {units.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <FileField
          label={labels.file}
          accept=".csv,text/csv"
          onChange={(chosen) => {
            setFile(chosen);
            setReport(null);
            setProblem(null);
          }}
          error={fieldError(problem, 'file')}
        />
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('portfolio.import.submitting') : t('portfolio.import.submit')}
        </button>
      </form>
      {report && <ImportReportView report={report} />}
    </>
  );
}
