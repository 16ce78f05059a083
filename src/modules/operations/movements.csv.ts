import type { Locale } from '../../contracts/common.js';
import type { MovementFilter } from '../../contracts/movements.js';
import { MOVEMENT_KIND_TERMS, MOVEMENT_STATUS_TERMS, WEAPON_KIND_TERMS } from '../../data/vocab/movements.js';
import { t } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import type { Actor } from '../../platform/policy.js';
import { movementRows } from './movements.service.js';

/** The columns, in order; their headers are `movements.csv_<column>` of the error catalogs, in the reader's language. */
const COLUMNS = [
  'id',
  'kind',
  'status',
  'group',
  'unit',
  'personnel',
  'vehicles',
  'weapons',
  'from',
  'from_longitude',
  'from_latitude',
  'to',
  'to_longitude',
  'to_latitude',
  'starts_at',
  'ends_at',
  'notes',
  'verification',
  'verification_visited_on',
  'incident',
  'incident_title',
  'decided_by',
  'decided_at',
  'decision_comment',
  'recorded_by',
  'recorded_at',
] as const;

const nameOf = (terms: readonly { code: string; fr: string; en: string }[], code: string, locale: Locale) =>
  terms.find((term) => term.code === code)?.[locale] ?? code;

/**
 * The movements of a filter as CSV (UTF-8 with BOM), headers and terms in the reader's language,
 * only those the reader may read (the list's rule), one page of rows at a time. A linked
 * verification or incident appears only if the reader may read it, as on the list.
 */
export async function* exportMovementsCsv(
  ctx: AppContext,
  actor: Actor,
  filter: MovementFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const { separator, locale } = options;
  yield BOM +
    csvLine(
      COLUMNS.map((column) => t(locale, `movements.csv_${column}`)),
      separator,
    );
  for await (const m of movementRows(ctx, actor, filter, locale)) {
    yield csvLine(
      [
        m.id,
        nameOf(MOVEMENT_KIND_TERMS, m.kind, locale),
        nameOf(MOVEMENT_STATUS_TERMS, m.status, locale),
        m.groupName,
        m.unit,
        m.personnel,
        m.vehicles,
        m.weapons.map((w) => `${nameOf(WEAPON_KIND_TERMS, w.kind, locale)} : ${w.count}`).join(' ; '),
        m.from.place,
        m.from.point?.[0],
        m.from.point?.[1],
        m.to?.place,
        m.to?.point?.[0],
        m.to?.point?.[1],
        m.startsAt,
        m.endsAt,
        m.notes,
        m.verification?.id,
        m.verification?.visitedOn,
        m.incident?.ref,
        m.incident?.title,
        m.decidedBy?.name,
        m.decidedAt,
        m.decisionComment,
        m.recordedBy.name,
        m.recordedAt,
      ],
      separator,
    );
  }
}
