import { type FormEvent, Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { ImportReport, StrengthCategory } from '../../../src/contracts/strength.js';
import { toProblem } from '../api/client.js';
import { type ImportMode, strengthApi } from '../api/strength.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { CSV_EXAMPLE_CELLS, csvColumnName, csvHeaderCells, csvSeparator, csvTemplateUrl } from '../strength.js';
import { FileField } from './fields.js';
import { ImportReportTables } from './ImportReportTables.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';

/** A line of CSV as written in the file; on a narrow screen it wraps after a separator, never inside a cell. */
function CsvLine({ cells }: { cells: readonly string[] }) {
  const locale = useLocale();
  const separator = csvSeparator(locale);
  return (
    <code className="csv-line">
      {cells.map((cell, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a line are fixed, and several may be empty.
        <Fragment key={index}>
          {index > 0 && (
            <>
              {separator}
              <wbr />
            </>
          )}
          <span className="nowrap">{cell}</span>
        </Fragment>
      ))}
    </code>
  );
}

/** What the file must look like, with a template to start from. */
function CsvHelp({ categories }: { categories: readonly StrengthCategory[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const codes = categories.map((category) => `${category} (${t(`strength.categories.${category}`)})`).join(', ');
  return (
    <div className="csv-help">
      <p>{t('strength.import.intro')}</p>
      <dl className="csv-lines">
        <dt>{t('strength.import.headerLabel')}</dt>
        <dd>
          <CsvLine cells={csvHeaderCells(locale)} />
        </dd>
        <dt>{t('strength.import.exampleLabel')}</dt>
        <dd>
          <CsvLine cells={CSV_EXAMPLE_CELLS} />
        </dd>
      </dl>
      <p className="hint">{t('strength.import.values', { categories: codes })}</p>
      <p>
        <a className="button-secondary button-small" href={csvTemplateUrl(locale)} download={t('strength.import.templateFile')}>
          {t('strength.import.template')}
        </a>
      </p>
    </div>
  );
}

/** The server's row-by-row report: what was imported, and each error with its line and column. */
function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const nothing = report.imported === 0 && report.errors.length > 0;
  const counts: [string, number][] = [
    [t('strength.import.rows'), report.rows],
    [t('strength.import.imported'), report.imported],
    [t('strength.import.created'), report.created],
    [t('strength.import.updated'), report.updated],
    [t('strength.import.errors'), report.errors.length],
  ];
  return (
    <section className="import-report" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('strength.import.reportTitle')}</h3>
      {nothing ? (
        <div role="alert" className="alert alert-error">
          <p>{t('strength.import.nothing')}</p>
        </div>
      ) : (
        <p role="status" className="alert alert-success">
          {t('strength.import.done', {
            count: report.imported,
            imported: formatCount(report.imported, locale),
            rows: formatCount(report.rows, locale),
          })}
          {report.errors.length > 0 && ` ${t('strength.import.partial')}`}
        </p>
      )}
      <ImportReportTables
        counts={counts}
        errors={report.errors}
        labels={{
          caption: t('strength.import.errorsCaption'),
          line: t('strength.import.line'),
          column: t('strength.import.column'),
          message: t('strength.import.message'),
          wholeLine: t('strength.import.wholeLine'),
        }}
        columnName={(column) => csvColumnName(column, locale)}
      />
    </section>
  );
}

/**
 * Imports a CSV file of strength figures. "All or nothing" is the default: a file with one bad line
 * changes nothing, so it can be corrected and sent again as a whole.
 */
export function StrengthImportForm({ categories, onImported }: { categories: readonly StrengthCategory[]; onImported?: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const modeName = useId();
  const labels = { file: t('strength.import.file') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setReport(null);
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('strength.import.fileMissing') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const text = await file.text().catch(() => null);
      if (text === null) {
        setProblem(clientProblem([{ path: 'file', message: t('strength.import.fileUnreadable') }]));
        return;
      }
      const result = await strengthApi.import(text, mode);
      setReport(result);
      if (result.imported > 0) onImported?.();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const modes: { value: ImportMode; label: string; hint: string }[] = [
    { value: 'all', label: t('strength.import.modeAll'), hint: t('strength.import.modeAllHint') },
    { value: 'valid', label: t('strength.import.modeValid'), hint: t('strength.import.modeValidHint') },
  ];

  return (
    <>
      <CsvHelp categories={categories} />
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <FileField
          label={labels.file}
          hint={t('strength.import.fileHint')}
          accept=".csv,text/csv"
          onChange={(chosen) => {
            setFile(chosen);
            setReport(null);
            setProblem(null);
          }}
          error={fieldError(problem, 'file')}
        />
        <fieldset>
          <legend>{t('strength.import.mode')}</legend>
          {modes.map((option) => (
            <div key={option.value} className="radio">
              <input
                id={`${modeName}-${option.value}`}
                type="radio"
                name={modeName}
                value={option.value}
                checked={mode === option.value}
                onChange={() => setMode(option.value)}
                aria-describedby={`${modeName}-${option.value}-hint`}
              />
              <div>
                <label htmlFor={`${modeName}-${option.value}`}>{option.label}</label>
                <p id={`${modeName}-${option.value}-hint`} className="hint radio-hint">
                  {option.hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('strength.import.submitting') : t('strength.import.submit')}
        </button>
      </form>
      {report && <ImportReportView report={report} />}
    </>
  );
}
