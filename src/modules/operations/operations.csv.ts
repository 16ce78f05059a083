import type { Locale } from '../../contracts/common.js';
import type { OperationFilter } from '../../contracts/operations.js';
import { OPERATION_STATUS_TERMS, OPERATION_TYPE_TERMS, SECTOR_TERMS, termName } from '../../data/vocab/operations.js';
import type { AppContext } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import type { Actor } from '../../platform/policy.js';
import { operationRows } from './operations.service.js';

const COLUMNS = [
  'id',
  'type',
  'type_name',
  'status',
  'status_name',
  'unit',
  'units',
  'classification',
  'title_fr',
  'title_en',
  'sector',
  'sector_name',
  'places',
  'regions',
  'geometry_type',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'women',
  'men',
  'engagement_teams',
  'vehicles',
  'outcome',
  'observations',
] as const;

/** The log as CSV (UTF-8 with BOM), the reader's operations only, one page of rows at a time. */
export async function* exportOperationsCsv(
  ctx: AppContext,
  actor: Actor,
  filter: OperationFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const { separator, locale } = options;
  yield BOM + csvLine(COLUMNS, separator);
  for await (const { row, units } of operationRows(ctx, actor, filter)) {
    const geometry = row.geometry ? (JSON.parse(row.geometry) as { type: string }).type : '';
    yield csvLine(
      [
        row.id,
        row.type,
        termName(OPERATION_TYPE_TERMS, row.type, locale),
        row.status,
        termName(OPERATION_STATUS_TERMS, row.status, locale),
        row.unit_code,
        units.join(' '),
        row.classification,
        row.title_fr,
        row.title_en,
        row.sector,
        termName(SECTOR_TERMS, row.sector, locale),
        (JSON.parse(row.places) as string[]).join(' ; '),
        (JSON.parse(row.regions) as string[]).join(' '),
        geometry,
        row.planned_start,
        row.planned_end,
        row.actual_start ?? '',
        row.actual_end ?? '',
        String(row.women),
        String(row.men),
        String(row.engagement_teams),
        String(row.vehicles),
        row.outcome,
        row.observations,
      ],
      separator,
    );
  }
}
