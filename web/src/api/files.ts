import type { QueryKey } from '@tanstack/react-query';
import type { ImportMapping, Incident, IncidentImportPreview, IncidentImportReport } from '../../../src/contracts/incidents.js';
import { currentLocale } from '../i18n.js';
import { failed, problemOf, queryString, request, sendFile } from './client.js';
import { type IncidentQueryParams, incidentKeys, incidentPath } from './incidents.js';
import { invalidate } from './queries.js';

/** A file attached to a record: an incident's photos and documents, a protection case's files. */
export type Attachment = Incident['attachments'][number];
/** Sends one file to a record's attachments; `onProgress(sent, total)` follows the upload. */
export type AttachmentUpload = (file: File, onProgress: (sent: number, total: number) => void) => Promise<Attachment>;
export type IncidentExportFormat = 'csv' | 'geojson';

export function attachmentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}`;
}

/** Attaches a photo or PDF to a record's `…/attachments`; the server decides the type from the content. */
export function attachTo(recordPath: string, ...changes: QueryKey[]): AttachmentUpload {
  return async (file, onProgress) => {
    const attachment = await sendFile<Attachment>(
      `${recordPath}/attachments${queryString({ filename: file.name })}`,
      file,
      file.type || 'application/octet-stream',
      onProgress,
    );
    await invalidate(...changes);
    return attachment;
  };
}

/** Attaches a photo or PDF to an incident. */
export function attachToIncident(ref: string): AttachmentUpload {
  return attachTo(incidentPath(ref), incidentKeys.all);
}

/** The mapping step: the file's actors and event types with counts and what each maps to now. Writes nothing. */
export function previewIncidentImport(
  file: Blob,
  params: { unit: string; classification: string },
  onProgress: (sent: number, total: number) => void,
): Promise<IncidentImportPreview> {
  return sendFile<IncidentImportPreview>(
    `/api/incidents/import/preview${queryString({ ...params, lang: currentLocale() })}`,
    file,
    'text/csv; charset=utf-8',
    onProgress,
  );
}

/** Imports the file with the mapping chosen at the preview, both in one transaction; the report comes back on 200 and on 422. */
export async function importIncidentsMapped(
  csv: string,
  mapping: ImportMapping,
  params: { unit: string; classification: string },
): Promise<IncidentImportReport> {
  const report = await request<IncidentImportReport>(
    'POST',
    `/api/incidents/import${queryString({ ...params, lang: currentLocale() })}`,
    { csv, mapping },
    { answeredBy: [422] },
  );
  await invalidate(incidentKeys.all, ['actors'], ['alerts'], ['audit']);
  return report;
}

/** A finished export: the file's content and how many incidents it holds. */
export interface IncidentExport {
  blob: Blob;
  rows: number;
}

const CR = 13;
const LF = 10;
const FEATURE = new TextEncoder().encode('{"type":"Feature",');

/** Counts the rows that end in a chunk: CSV records end with CRLF (a line break inside a cell is a bare LF). */
function csvRowCounter(): (chunk: Uint8Array) => number {
  let lastWasCr = false;
  return (chunk) => {
    let rows = 0;
    for (const byte of chunk) {
      if (byte === LF && lastWasCr) rows += 1;
      lastWasCr = byte === CR;
    }
    return rows;
  };
}

/** Counts the GeoJSON features that start in a chunk, even when the marker straddles two chunks. */
function featureCounter(): (chunk: Uint8Array) => number {
  let matched = 0;
  return (chunk) => {
    let features = 0;
    for (const byte of chunk) {
      matched = byte === FEATURE[matched] ? matched + 1 : byte === FEATURE[0] ? 1 : 0;
      if (matched === FEATURE.length) {
        features += 1;
        matched = 0;
      }
    }
    return features;
  };
}

/**
 * Downloads an export of the incident log, reading the stream as it arrives: `onProgress(rows,
 * total)` counts the incidents received against the server's `x-total-count`, so a long export
 * shows real progress rather than a spinner.
 */
export async function exportIncidents(
  format: IncidentExportFormat,
  params: IncidentQueryParams,
  onProgress: (rows: number, total: number | null) => void,
): Promise<IncidentExport> {
  const path = `/api/incidents/export.${format}${queryString({ ...params, lang: currentLocale() })}`;
  const response = await fetch(path, { headers: { 'Accept-Language': currentLocale() }, credentials: 'same-origin' });
  if (!response.ok) throw failed(problemOf(response.status, await response.text()));
  const header = response.headers.get('x-total-count');
  const total = header === null || !/^\d+$/.test(header) ? null : Number(header);
  const type = response.headers.get('content-type') ?? (format === 'csv' ? 'text/csv' : 'application/geo+json');
  const count = format === 'csv' ? csvRowCounter() : featureCounter();
  // The CSV's header line ends like a row: it is not an incident.
  let rows = format === 'csv' ? -1 : 0;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  onProgress(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      rows += count(value);
      onProgress(Math.max(rows, 0), total);
    }
  }
  rows = Math.max(rows, 0);
  onProgress(rows, total);
  return { blob: new Blob(chunks, { type }), rows };
}
