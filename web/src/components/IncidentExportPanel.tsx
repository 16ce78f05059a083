import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { exportIncidents } from '../api/files.js';
import type { IncidentQueryParams } from '../api/incidents.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { IncidentProgress } from './IncidentProgress.js';
import { ProblemAlert } from './ProblemAlert.js';

type Kind = 'csv' | 'excel' | 'geojson';

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; rows: number; total: number | null }
  | { status: 'done'; rows: number; url: string; file: string; saved: boolean }
  | { status: 'failed'; problem: Problem };

function fileName(kind: Kind): string {
  const day = new Date().toISOString().slice(0, 10);
  return kind === 'geojson' ? `incidents-${day}.geojson` : `incidents-${day}${kind === 'excel' ? '-excel' : ''}.csv`;
}

/**
 * The current filter as CSV, CSV for French Excel (`;` and decimal commas) or GeoJSON. The file is
 * read as it streams in, with a real progress bar (incidents received out of the server's count),
 * then saved from a Blob address through a download link, which stays to save it again.
 */
export function IncidentExportPanel({ params }: { params: IncidentQueryParams }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const link = useRef<HTMLAnchorElement>(null);
  const url = useRef<string | null>(null);

  // The Blob stays in memory until the next export or until the page is left.
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );

  // A finished export is saved at once, by the same link offered to save it again.
  useEffect(() => {
    if (state.status !== 'done' || state.saved) return;
    link.current?.click();
    setState({ ...state, saved: true });
  }, [state]);

  const run = async (kind: Kind) => {
    if (state.status === 'running') return;
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
    setState({ status: 'running', rows: 0, total: null });
    try {
      const result = await exportIncidents(
        kind === 'geojson' ? 'geojson' : 'csv',
        kind === 'excel' ? { ...params, separator: 'semicolon' } : params,
        (rows, total) => setState({ status: 'running', rows, total }),
      );
      url.current = URL.createObjectURL(result.blob);
      setState({ status: 'done', rows: result.rows, url: url.current, file: fileName(kind), saved: false });
    } catch (error) {
      setState({ status: 'failed', problem: toProblem(error) });
    }
  };

  const busy = state.status === 'running';
  const buttons: { kind: Kind; label: string }[] = [
    { kind: 'csv', label: t('incidents.export.csv') },
    { kind: 'excel', label: t('incidents.export.csvExcel') },
    { kind: 'geojson', label: t('incidents.export.geojson') },
  ];

  return (
    <div className="incident-export">
      <p className="hint">{t('incidents.export.intro')}</p>
      <div className="button-row">
        {buttons.map((button) => (
          <button key={button.kind} type="button" className="button-secondary" aria-disabled={busy} onClick={() => void run(button.kind)}>
            {button.label}
          </button>
        ))}
      </div>
      {state.status === 'running' && (
        <IncidentProgress
          label={t('incidents.export.progress')}
          value={state.rows}
          max={state.total}
          text={
            state.total === null
              ? formatCount(state.rows, locale)
              : t('incidents.export.progressText', { received: formatCount(state.rows, locale), total: formatCount(state.total, locale) })
          }
        />
      )}
      {state.status === 'done' && (
        <div className="incident-export-done">
          <p role="status" className="alert alert-success">
            {t('incidents.export.done', { count: state.rows, n: formatCount(state.rows, locale), file: state.file })}
          </p>
          <a ref={link} href={state.url} download={state.file}>
            {t('incidents.export.again', { file: state.file })}
          </a>
        </div>
      )}
      {state.status === 'failed' && <ProblemAlert problem={state.problem} />}
    </div>
  );
}
