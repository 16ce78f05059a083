import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import {
  PROJECT_TRANSITIONS,
  type Project,
  type ProjectFilter,
  type ProjectInputParsed,
  type ProjectTransition,
  type ProjectVocabulary,
} from '../../contracts/projects.js';
import { findArea, locate } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { findSector, SECTORS } from '../../data/vocab/sectors.js';
import type { Db, Trx } from '../../db/database.js';
import type { ProjectTable } from '../../db/schema.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { partnerDirectory } from '../organisation/sections.service.js';
import { getProject, readableRow } from './projects.detail.js';
import { columnOf, type ImportRowError, parseProjectsCsv } from './projects.import.js';
import { toUsdMinor } from './projects.money.js';
import {
  allowedTransitions,
  approvable,
  FROZEN_STATUSES,
  guardOf,
  mayApproveException,
  mayCreateProject,
  mayEditProject,
  mayTransact,
  qipWithinLimits,
} from './projects.policy.js';
import {
  findProjects,
  insertProject,
  insertStep,
  insertTransaction,
  type ProjectPartnerLink,
  type ProjectPlaceRow,
  type ProjectRow,
  replaceRelations,
  updateProjectIfVersion,
} from './projects.repository.js';

export { getProject } from './projects.detail.js';
export { listProjects, portfolioDashboard, portfolioRows, portfolioTotals, projectMap } from './projects.portfolio.js';

const RECORD_TYPE = 'project';

/** Statuses from which a project's QIP rule must be met, not only justified: approval and after. */
const APPROVED_OR_LATER: readonly string[] = ['approved', 'ongoing', 'finalised', 'closed'];

type Values = Pick<
  ProjectTable,
  | 'fund'
  | 'unit_code'
  | 'classification'
  | 'title_fr'
  | 'title_en'
  | 'description_fr'
  | 'description_en'
  | 'sector'
  | 'planned_start'
  | 'planned_end'
  | 'actual_start'
  | 'actual_end'
  | 'currency'
  | 'rate_to_usd'
  | 'rate_date'
  | 'budget_minor'
  | 'planned_people'
  | 'planned_women'
  | 'reached_people'
  | 'reached_women'
>;

/** Turns the input into stored values and rows, or reports every field that breaks a rule. */
async function resolve(db: Db | Trx, input: ProjectInputParsed) {
  const errors: FieldRuleError[] = [];
  if (!findSector(input.sector)) errors.push({ path: ['sector'], message: 'unknown_sector' });
  if (input.plannedEnd < input.plannedStart) errors.push({ path: ['plannedEnd'], message: 'end_before_start' });
  if (input.actualEnd && (!input.actualStart || input.actualEnd < input.actualStart))
    errors.push({ path: ['actualEnd'], message: 'end_before_start' });
  const b = input.beneficiaries;
  if (b.plannedWomen > b.plannedPeople) errors.push({ path: ['beneficiaries', 'plannedWomen'], message: 'women_exceed_people' });
  if (b.reachedWomen > b.reachedPeople) errors.push({ path: ['beneficiaries', 'reachedWomen'], message: 'women_exceed_people' });

  const directory = await partnerDirectory(db);
  const partners = new Map<string, ProjectPartnerLink>();
  input.partners.forEach((p, i) => {
    if (!directory.has(p.partner)) errors.push({ path: ['partners', i, 'partner'], message: 'unknown_partner' });
    else partners.set(`${p.role} ${p.partner}`, { partner_id: p.partner, role: p.role });
  });

  const places: Omit<ProjectPlaceRow, 'project_id'>[] = [];
  input.places.forEach((p, i) => {
    // The same boundary check as the incident log: coordinates must fall inside Mali's regions.
    if (p.latitude !== null && p.longitude !== null) {
      const hit = locate(p.latitude, p.longitude);
      if (!hit) errors.push({ path: ['places', i, 'latitude'], message: 'outside_mali' });
      else places.push({ position: i, place: p.place, latitude: p.latitude, longitude: p.longitude, region: hit.region.id });
    } else if (p.latitude !== null || p.longitude !== null) {
      errors.push({ path: ['places', i, p.latitude === null ? 'latitude' : 'longitude'], message: 'coordinates_pair' });
    } else if (p.place) {
      const known = gazetteer().get(p.place);
      const region = known && findArea(known.regionIso);
      if (!known || !region) errors.push({ path: ['places', i, 'place'], message: 'unknown_place' });
      else {
        const [lon, lat] = known.lat !== null && known.lon !== null ? [known.lon, known.lat] : region.centroid;
        places.push({ position: i, place: p.place, latitude: lat, longitude: lon, region: region.id });
      }
    } else errors.push({ path: ['places', i, 'place'], message: 'location_required' });
  });

  const values: Values = {
    fund: input.fund,
    unit_code: input.unit,
    classification: input.classification,
    title_fr: input.titleFr,
    title_en: input.titleEn,
    description_fr: input.descriptionFr,
    description_en: input.descriptionEn,
    sector: input.sector,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: input.actualStart,
    actual_end: input.actualEnd,
    currency: input.currency,
    rate_to_usd: input.rateToUsd,
    rate_date: input.rateDate,
    budget_minor: input.budgetMinor,
    planned_people: b.plannedPeople,
    planned_women: b.plannedWomen,
    reached_people: b.reachedPeople,
    reached_women: b.reachedWomen,
  };
  return { values, partners: [...partners.values()], places, errors };
}

/**
 * The QIP rule: above USD 50,000 or longer than six months is refused without a justified
 * exception; from approval on, the exception must also have been approved by a second person.
 */
function qipErrors(values: Values, justification: string, exceptionApproved: boolean, status: string | null): FieldRuleError[] {
  if (values.fund !== 'qip') return [];
  const within = qipWithinLimits(values);
  const covered = justification !== '' && (exceptionApproved || status === null || !APPROVED_OR_LATER.includes(status));
  if (covered) return [];
  return [
    ...(within.ceiling ? [] : [{ path: ['budgetMinor'], message: 'qip_ceiling' }]),
    ...(within.duration ? [] : [{ path: ['plannedEnd'], message: 'qip_duration' }]),
  ];
}

function frozen(row: ProjectRow): void {
  if (FROZEN_STATUSES.includes(row.status)) throw new AppError(409, 'project_frozen');
}

export async function createProject(ctx: AppContext, actor: Actor, input: ProjectInputParsed, locale: Locale): Promise<Project> {
  if (!mayCreateProject(actor, input.unit)) throw new AppError(403, 'forbidden');
  const { values, partners, places, errors } = await resolve(ctx.database.db, input);
  throwFieldErrors([...errors, ...qipErrors(values, input.exceptionJustification, false, null)]);
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    const at = ctx.now().toISOString();
    const exception = input.exceptionJustification !== '';
    await insertProject(
      trx,
      {
        ...values,
        id,
        status: 'proposed',
        committed_minor: 0,
        disbursed_minor: 0,
        exception_justification: exception ? input.exceptionJustification : null,
        exception_by: exception ? actor.id : null,
        exception_by_label: exception ? actor.label : null,
        exception_at: exception ? at : null,
        exception_approved_by: null,
        exception_approved_by_label: null,
        exception_approved_at: null,
        created_by: actor.id,
        created_by_label: actor.label,
        created_at: at,
        updated_at: at,
        version: 1,
      },
      partners,
      places,
    );
    await insertStep(trx, {
      id: randomUUID(),
      project_id: id,
      from_status: null,
      to_status: 'proposed',
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment: '',
    });
    return {
      result: undefined,
      audit: { action: 'project.create', recordType: RECORD_TYPE, recordId: id, details: { fund: input.fund, unit: input.unit } },
    };
  });
  return getProject(ctx, actor, id, locale);
}

const HISTORY_FIELDS = [
  'fund',
  'unit_code',
  'classification',
  'title_fr',
  'title_en',
  'description_fr',
  'description_en',
  'sector',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'currency',
  'rate_to_usd',
  'rate_date',
  'budget_minor',
  'planned_people',
  'planned_women',
  'reached_people',
  'reached_women',
  'exception_justification',
] as const;

export async function updateProject(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: ProjectInputParsed,
  locale: Locale,
): Promise<Project> {
  const row = await readableRow(ctx.database.db, actor, id);
  if (!row) throw notFound();
  frozen(row);
  if (!mayEditProject(actor, row)) throw new AppError(403, 'forbidden');
  if (input.unit !== row.unit_code && !mayCreateProject(actor, input.unit)) throw new AppError(403, 'forbidden');
  const { values, partners, places, errors } = await resolve(ctx.database.db, input);
  // A changed justification is a new exception: it waits for a second person again.
  const justification = input.exceptionJustification === '' ? null : input.exceptionJustification;
  const sameException = justification === row.exception_justification;
  const approved = sameException && row.exception_approved_at !== null;
  if (values.budget_minor < row.committed_minor) errors.push({ path: ['budgetMinor'], message: 'budget_below_commitments' });
  if (values.currency !== row.currency && row.committed_minor > 0) errors.push({ path: ['currency'], message: 'currency_fixed' });
  throwFieldErrors([...errors, ...qipErrors(values, input.exceptionJustification, approved, row.status)]);
  await auditedTransaction(ctx, actor, async (trx) => {
    if (input.unit !== row.unit_code) await requireOpenUnit(trx, input.unit);
    const at = ctx.now().toISOString();
    const exception = sameException
      ? {}
      : {
          exception_justification: justification,
          exception_by: justification ? actor.id : null,
          exception_by_label: justification ? actor.label : null,
          exception_at: justification ? at : null,
          exception_approved_by: null,
          exception_approved_by_label: null,
          exception_approved_at: null,
        };
    const changes = diff(
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, row[f]])),
      Object.fromEntries(HISTORY_FIELDS.map((f) => [f, f === 'exception_justification' ? justification : values[f]])),
    );
    if (!(await updateProjectIfVersion(trx, id, version, { ...values, ...exception, updated_at: at }))) throw versionConflict();
    await replaceRelations(trx, id, partners, places);
    await appendHistory(trx, { recordType: RECORD_TYPE, recordId: id, version: version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'project.update', recordType: RECORD_TYPE, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getProject(ctx, actor, id, locale);
}

export async function transitionProject(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { action: ProjectTransition; version: number; comment: string },
  locale: Locale,
): Promise<Project> {
  const row = await readableRow(ctx.database.db, actor, id);
  if (!row) throw notFound();
  frozen(row);
  const move = PROJECT_TRANSITIONS[body.action];
  if (!(move.from as readonly string[]).includes(row.status)) throw new AppError(409, 'project_transition_not_allowed');
  // The QIP rule is named before who may approve: a reader of the project learns nothing more from it.
  if (body.action === 'approve' && !approvable(row)) throw new AppError(422, 'qip_exception_required');
  if (!allowedTransitions(actor, row).includes(body.action)) {
    throw new AppError(403, body.action === 'approve' && row.created_by === actor.id ? 'project_four_eyes' : 'forbidden');
  }
  if (body.action === 'cancel' && body.comment === '') throwFieldErrors([{ path: ['comment'], message: 'comment_required' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateProjectIfVersion(trx, id, body.version, { status: move.to, updated_at: at }))) throw versionConflict();
    await insertStep(trx, {
      id: randomUUID(),
      project_id: id,
      from_status: row.status,
      to_status: move.to,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment: body.comment,
    });
    return {
      result: undefined,
      audit: { action: `project.${body.action}`, recordType: RECORD_TYPE, recordId: id, details: { from: row.status, to: move.to } },
    };
  });
  return getProject(ctx, actor, id, locale);
}

/** A second person approves a QIP's exception: a manager of the unit who did not record it. */
export async function approveException(ctx: AppContext, actor: Actor, id: string, version: number, locale: Locale): Promise<Project> {
  const row = await readableRow(ctx.database.db, actor, id);
  if (!row) throw notFound();
  frozen(row);
  if (row.exception_justification === null || row.exception_approved_at !== null) throw new AppError(409, 'no_exception_waiting');
  if (!mayApproveException(actor, row)) throw new AppError(403, row.exception_by === actor.id ? 'exception_four_eyes' : 'forbidden');
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const values = { exception_approved_by: actor.id, exception_approved_by_label: actor.label, exception_approved_at: at, updated_at: at };
    if (!(await updateProjectIfVersion(trx, id, version, values))) throw versionConflict();
    return { result: undefined, audit: { action: 'project.exception_approve', recordType: RECORD_TYPE, recordId: id } };
  });
  return getProject(ctx, actor, id, locale);
}

/**
 * A commitment or a disbursement, in the project's currency. Disbursements never exceed
 * commitments, nor commitments the budget; the project's version serialises them, so two
 * at once cannot both pass the check.
 */
export async function addTransaction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; kind: 'commitment' | 'disbursement'; on: string; amountMinor: number; note: string },
  locale: Locale,
): Promise<Project> {
  const row = await readableRow(ctx.database.db, actor, id);
  if (!row) throw notFound();
  frozen(row);
  if (!mayTransact(actor, row))
    throw new AppError(mayEditProject(actor, row) ? 409 : 403, mayEditProject(actor, row) ? 'project_not_approved' : 'forbidden');
  if (body.version !== row.version) throw versionConflict();
  const committed = row.committed_minor + (body.kind === 'commitment' ? body.amountMinor : 0);
  const disbursed = row.disbursed_minor + (body.kind === 'disbursement' ? body.amountMinor : 0);
  if (committed > row.budget_minor) throwFieldErrors([{ path: ['amountMinor'], message: 'commitments_exceed_budget' }]);
  if (disbursed > committed) throwFieldErrors([{ path: ['amountMinor'], message: 'disbursements_exceed_commitments' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (
      !(await updateProjectIfVersion(trx, id, body.version, { committed_minor: committed, disbursed_minor: disbursed, updated_at: at }))
    ) {
      throw versionConflict();
    }
    const transaction = randomUUID();
    await insertTransaction(trx, {
      id: transaction,
      project_id: id,
      kind: body.kind,
      on_date: body.on,
      amount_minor: body.amountMinor,
      note: body.note,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
    });
    return {
      result: undefined,
      audit: {
        action: `project.${body.kind}`,
        recordType: RECORD_TYPE,
        recordId: id,
        details: { transaction, amountMinor: body.amountMinor, currency: row.currency },
      },
    };
  });
  return getProject(ctx, actor, id, locale);
}

export async function projectHistory(ctx: AppContext, actor: Actor | null, id: string) {
  const row = await readableRow(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return readHistory(ctx.database.db, RECORD_TYPE, id);
}

export function recordProjectExport(
  ctx: AppContext,
  actor: Actor | null,
  filter: ProjectFilter,
  format: 'csv' | 'xlsx' = 'csv',
): Promise<void> {
  return recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'project.export',
    recordType: RECORD_TYPE,
    details: { format, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
}

export async function projectVocabulary(ctx: AppContext, locale: Locale): Promise<ProjectVocabulary> {
  const directory = await partnerDirectory(ctx.database.db);
  return {
    sectors: SECTORS.map((s) => ({ code: s.code, name: s[locale] })),
    partners: [...directory.values()].map((p) => ({ id: p.id, name: p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name })),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
  };
}

export { toUsdMinor };

/** The titles of the projects `reader` (null: an anonymous reader) may read, by id, for the audit log (others stay unnamed). */
export async function readableProjectTitles(
  ctx: AppContext,
  reader: Actor | null,
  ids: string[],
  locale: Locale,
): Promise<Map<string, string>> {
  const rows = await findProjects(ctx.database.db, ids);
  return new Map(
    rows
      .filter((row) => can(reader, 'read', guardOf(row)))
      .map((row) => [row.id, locale === 'en' && row.title_en !== '' ? row.title_en : row.title_fr]),
  );
}

export interface ProjectImportReport {
  imported: number;
  rows: number;
  errors: ImportRowError[];
}

/**
 * Imports a portfolio CSV as projects proposed by `actor` for the units it writes for (`unit` when
 * a row names none): every row is checked as a proposal would be (sector, places, dates, women
 * within people, the QIP rule), and the file is imported whole or not at all, with a report naming
 * each bad row's line, column and rule in the reader's language.
 */
export async function importProjectsCsv(
  ctx: AppContext,
  actor: Actor,
  csv: string,
  unit: string,
  locale: Locale,
): Promise<ProjectImportReport> {
  const { rows, errors } = parseProjectsCsv(csv, locale, unit);
  const rowErrors: ImportRowError[] = [...errors];
  const accepted: { input: ProjectInputParsed; resolved: Awaited<ReturnType<typeof resolve>> }[] = [];
  for (const { line, input } of rows) {
    if (!mayCreateProject(actor, input.unit)) {
      rowErrors.push({ line, column: 'unit', message: t(locale, 'errors.projects_csv_unit', { unit: input.unit }) });
      continue;
    }
    const resolved = await resolve(ctx.database.db, input);
    const ruleErrors = [...resolved.errors, ...qipErrors(resolved.values, input.exceptionJustification, false, null)];
    for (const e of ruleErrors) rowErrors.push({ line, column: columnOf(e.path), message: t(locale, `validation.${e.message}`) });
    if (ruleErrors.length === 0) accepted.push({ input, resolved });
  }
  rowErrors.sort((a, b) => a.line - b.line);
  const total = rows.length + new Set(errors.filter((e) => e.line > 1).map((e) => e.line)).size;
  if (rowErrors.length > 0) return { imported: 0, rows: total, errors: rowErrors };
  const ids = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    for (const u of new Set(accepted.map((a) => a.input.unit))) await requireOpenUnit(trx, u);
    const created: string[] = [];
    for (const { input, resolved } of accepted) {
      const id = randomUUID();
      const exception = input.exceptionJustification !== '';
      await insertProject(
        trx,
        {
          ...resolved.values,
          id,
          status: 'proposed',
          committed_minor: 0,
          disbursed_minor: 0,
          exception_justification: exception ? input.exceptionJustification : null,
          exception_by: exception ? actor.id : null,
          exception_by_label: exception ? actor.label : null,
          exception_at: exception ? at : null,
          exception_approved_by: null,
          exception_approved_by_label: null,
          exception_approved_at: null,
          created_by: actor.id,
          created_by_label: actor.label,
          created_at: at,
          updated_at: at,
          version: 1,
        },
        resolved.partners,
        resolved.places,
      );
      await insertStep(trx, {
        id: randomUUID(),
        project_id: id,
        from_status: null,
        to_status: 'proposed',
        actor_id: actor.id,
        actor_label: actor.label,
        at,
        comment: '',
      });
      created.push(id);
    }
    return {
      result: created,
      audit: {
        action: 'project.import',
        recordType: RECORD_TYPE,
        details: { imported: created.length, units: [...new Set(accepted.map((a) => a.input.unit))] },
      },
    };
  });
  return { imported: ids.length, rows: total, errors: [] };
}
