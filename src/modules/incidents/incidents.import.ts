import { randomUUID } from 'node:crypto';
import { type IncidentImportReport, incidentInputSchema } from '../../contracts/incidents.js';
import type { Dialect } from '../../db/schema.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { timeSlices } from '../../platform/slices.js';
import { localizeIssue } from '../../platform/validation.js';
import { openUnitCodes } from '../organisation/organisation.service.js';
import { actorMatcher } from './actors.service.js';
import { actorNames, columnOf, eventMatcher, FILE_COLUMNS, toInput } from './incidents.acled.js';
import { type CsvInput, errorList, readCsv } from './incidents.csv.js';
import { applyMapping, type ImportMappingParsed, type ImportTarget, requireImportRight } from './incidents.mapping.js';
import { deferIncidentTextIndex, insertIncidents, listActors, reserveNumbers } from './incidents.repository.js';
import { resolveIncident } from './incidents.resolve.js';

/**
 * Rows inserted at a time. SQLite inserts row by row through one prepared statement, synchronously,
 * so small batches keep each pause of the event loop short; PostgreSQL sends a batch as one
 * multi-row INSERT, and larger batches mean fewer round trips.
 */
const BATCH: Record<Dialect, number> = { sqlite: 25, postgres: 500 };

class ImportFailed extends Error {}

/**
 * Imports incidents from CSV as candidates (`submitted`) owned by `unit`. The whole file, with
 * the mapping that comes with it, is one transaction: if any row is invalid nothing is written,
 * and every invalid row is reported by its line and value.
 */
export async function importIncidentsCsv(
  ctx: AppContext,
  actor: Actor,
  input: CsvInput,
  options: ImportTarget & { mapping?: ImportMappingParsed },
): Promise<IncidentImportReport> {
  const { locale } = options;
  requireImportRight(actor, options);
  const units = await openUnitCodes(ctx.database.db, [options.unit]);

  const { errors, report, count: errorCount } = errorList();
  const ignored: string[] = [];
  let rows = 0;
  let imported = 0;

  try {
    await auditedTransaction(ctx, actor, async (trx) => {
      const mappingAudit = options.mapping ? await applyMapping(trx, ctx, actor, options.mapping, locale) : [];
      const [matchActor, matchEvent, registry] = await Promise.all([actorMatcher(trx), eventMatcher(trx), listActors(trx)]);
      const known = {
        actors: new Set(registry.filter((a) => a.status === 'active').map((a) => a.code)),
        units,
        incidentRefs: new Set<string>(),
      };
      const textIndex = await deferIncidentTextIndex(trx, ctx.database.dialect);
      // Other requests are served between slices of the import (reads beside it on their own connection).
      const nextSlice = timeSlices();
      const now = ctx.now();
      const at = now.toISOString();
      const year = now.getUTCFullYear();
      let batch: Parameters<typeof insertIncidents>[2][number][] = [];
      const flush = async () => {
        if (batch.length === 0 || errorCount() > 0) {
          batch = [];
          return;
        }
        const first = await reserveNumbers(trx, year, batch.length);
        batch.forEach((item, i) => {
          item.incident.ref = `MLI-${year}-${String(first + i).padStart(6, '0')}`;
        });
        await insertIncidents(trx, ctx.database, batch);
        imported += batch.length;
        batch = [];
      };

      for await (const { record, line } of readCsv(input, FILE_COLUMNS, locale, report, ignored)) {
        rows += 1;
        await nextSlice();
        let rowFailed = false;
        const rowError = (column: string | null, message: string) => {
          rowFailed = true;
          report({ line, column, message });
        };
        const actors: { actor: string; role: string }[] = [];
        for (const { column, role, name } of actorNames(record)) {
          const match = matchActor(name);
          if (!match || !known.actors.has(match.code)) {
            const key = match ? 'incidents.csv_retired_actor' : 'incidents.csv_unknown_actor';
            rowError(column, t(locale, key, { line, value: name }));
          } else actors.push({ actor: match.code, role });
        }
        const eventCell = record.event_type?.trim() ?? '';
        const subCell = record.sub_event_type?.trim() ?? '';
        const event = matchEvent(eventCell, subCell);
        if (!event) rowError('event_type', t(locale, 'incidents.csv_unknown_event_type', { line, value: `${eventCell} / ${subCell}` }));
        if (rowFailed || !event) continue;

        const parsed = incidentInputSchema.safeParse(toInput(record, actors, event, options, locale));
        const issues = parsed.success ? undefined : parsed.error.issues;
        const resolved = parsed.success ? resolveIncident(parsed.data, known) : undefined;
        const all = issues ?? (resolved && 'issues' in resolved ? resolved.issues : []);
        for (const issue of all.slice(0, 3)) {
          const column = columnOf(issue.path);
          const value = column ? (record[column] ?? '') : '';
          const { message } = localizeIssue(locale, issue);
          rowError(
            column,
            column
              ? t(locale, 'incidents.csv_invalid_value', { line, column, value, message })
              : t(locale, 'incidents.csv_invalid_row', { line, message }),
          );
        }
        if (!resolved || 'issues' in resolved || errorCount() > 0) continue;
        batch.push({
          incident: {
            ...resolved.values,
            id: randomUUID(),
            ref: '',
            status: 'submitted',
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            version: 1,
          },
          relations: resolved.relations,
          step: { id: randomUUID(), label: actor.label, comment: 'import' },
        });
        if (batch.length >= BATCH[ctx.database.dialect]) await flush();
      }
      await flush();
      if (errorCount() > 0) throw new ImportFailed();
      await textIndex.catchUp(nextSlice);
      return {
        result: undefined,
        audit: [
          ...mappingAudit,
          { action: 'incident.import', recordType: 'incident', details: { rows, imported, unit: options.unit, ignoredColumns: ignored } },
        ],
      };
    });
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    imported = 0;
  }
  return { rows, imported, ignoredColumns: ignored, errors, moreErrors: errorCount() - errors.length };
}
