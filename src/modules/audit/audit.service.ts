import type { AuditEntry, AuditFilter } from '../../contracts/audit.js';
import type { Locale } from '../../contracts/common.js';
import { auditCatalog } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import { type Actor, can } from '../../platform/policy.js';
import { readableActivityTitles } from '../activities/activities.service.js';
import { guardOf, incidentsWithShares } from '../incidents/incidents.read.js';
import { unitNames } from '../organisation/organisation.service.js';
import { readableSessionLabels } from '../peace/csa.service.js';
import { readableProvisionLabels } from '../peace/peace.service.js';
import { readableProjectTitles } from '../projects/projects.service.js';
import { readableCaseRefs } from '../protection/protection.service.js';
import { accountDirectory, userNames } from '../users/users.service.js';
import { type AuditRow, auditRows } from './audit.repository.js';

/**
 * Reading the audit log: entries with the names of who acted, what they did and which record,
 * in the reader's language. A record is named only where the reader may read it: an incident's
 * title for its readers, a protection case's reference for its case team and managers, a project's title for its readers, a provision's code and a CSA session's date and place for theirs; anyone
 * else sees the kind of record and its id, which tell nothing of its content.
 */

const EXPORT_BATCH = 500;

type RecordLabeller = (ctx: AppContext, reader: Actor, ids: string[], locale: Locale) => Promise<Map<string, string>>;

const LABELLERS: Record<string, RecordLabeller> = {
  user: async (ctx, _reader, ids) => new Map((await userNames(ctx, ids)).map((u) => [u.id, u.name])),
  unit: async (ctx, _reader, codes, locale) => {
    const names = await unitNames(ctx.database.db, codes);
    return new Map([...names].map(([code, name]) => [code, `${locale === 'en' ? name.en : name.fr} (${code})`]));
  },
  incident: async (ctx, reader, ids) => {
    const found = await incidentsWithShares(ctx.database.db, ids);
    return new Map(
      found.map(({ row, shares }) => [row.id, can(reader, 'read', guardOf(row, shares)) ? `${row.ref} — ${row.title}` : row.ref]),
    );
  },
  // The page's cases in one read, each named only where the reader may read it.
  protection_case: (ctx, reader, ids) => readableCaseRefs(ctx, reader, ids),
  project: readableProjectTitles,
  peace_provision: readableProvisionLabels,
  csa_session: readableSessionLabels,
  activity: readableActivityTitles,
};

async function present(ctx: AppContext, reader: Actor, rows: readonly AuditRow[], locale: Locale): Promise<AuditEntry[]> {
  const catalog = auditCatalog(locale);
  const actorIds = [...new Set(rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))];
  const names = new Map((await userNames(ctx, actorIds)).map((u) => [u.id, u.name]));
  const idsByType = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.record_type || !row.record_id || !LABELLERS[row.record_type]) continue;
    const ids = idsByType.get(row.record_type) ?? new Set<string>();
    ids.add(row.record_id);
    idsByType.set(row.record_type, ids);
  }
  const labels = new Map<string, Map<string, string>>();
  for (const [type, ids] of idsByType) {
    const labeller = LABELLERS[type];
    if (labeller) labels.set(type, await labeller(ctx, reader, [...ids], locale));
  }
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    actorName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
    action: row.action,
    actionLabel: catalog.actions[row.action] ?? row.action,
    recordType: row.record_type,
    recordTypeLabel: row.record_type ? (catalog.recordTypes[row.record_type] ?? row.record_type) : null,
    recordId: row.record_id,
    recordLabel: row.record_type && row.record_id ? (labels.get(row.record_type)?.get(row.record_id) ?? null) : null,
    decision: row.decision as AuditEntry['decision'],
    reason: row.reason,
    hash: row.hash,
  }));
}

/** One page of the log, newest first, for administrators and auditors. */
export async function listAudit(
  ctx: AppContext,
  reader: Actor,
  filter: AuditFilter,
  page: { before?: number | undefined; limit: number },
  locale: Locale,
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const rows = await auditRows(ctx.database.db, filter, { before: page.before, limit: page.limit + 1 });
  const shown = rows.slice(0, page.limit);
  return {
    entries: await present(ctx, reader, shown, locale),
    nextBefore: rows.length > page.limit ? (shown.at(-1)?.seq ?? null) : null,
  };
}

/** What the filters offer: every action and record type the catalog names, and the accounts. */
export async function auditFilterChoices(ctx: AppContext, locale: Locale) {
  const catalog = auditCatalog(locale);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  return {
    actions: Object.entries(catalog.actions)
      .map(([code, label]) => ({ code, label }))
      .sort(byLabel),
    recordTypes: Object.entries(catalog.recordTypes)
      .map(([code, label]) => ({ code, label }))
      .sort(byLabel),
    actors: await accountDirectory(ctx),
  };
}

/** The filtered log as CSV (formula injection neutralised by `csvLine`), newest first, streamed. */
export async function* exportAuditCsv(
  ctx: AppContext,
  reader: Actor,
  filter: AuditFilter,
  options: { separator: Separator; locale: Locale },
): AsyncGenerator<string> {
  const head = auditCatalog(options.locale).export;
  yield BOM +
    csvLine(
      [
        head.seq,
        head.at,
        head.actor,
        head.account,
        head.action,
        head.actionCode,
        head.recordType,
        head.recordId,
        head.record,
        head.decision,
        head.reason,
        head.hash,
      ],
      options.separator,
    );
  let before: number | undefined;
  for (;;) {
    const rows = await auditRows(ctx.database.db, filter, { before, limit: EXPORT_BATCH });
    if (rows.length === 0) return;
    let chunk = '';
    for (const e of await present(ctx, reader, rows, options.locale)) {
      chunk += csvLine(
        [
          e.seq,
          e.at,
          e.actorName,
          e.actorLabel,
          e.actionLabel,
          e.action,
          e.recordTypeLabel,
          e.recordId,
          e.recordLabel,
          head[e.decision],
          e.reason,
          e.hash,
        ],
        options.separator,
      );
    }
    yield chunk;
    if (rows.length < EXPORT_BATCH) return;
    before = rows.at(-1)?.seq;
  }
}
