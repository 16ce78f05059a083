import type { Locale } from '../../contracts/common.js';
import type { Currency, Fund, Project, ProjectStatus } from '../../contracts/projects.js';
import { findArea } from '../../data/mali/boundaries.js';
import { sectorName } from '../../data/vocab/sectors.js';
import type { Db, Trx } from '../../db/database.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { type Actor, can } from '../../platform/policy.js';
import { partnerDirectory } from '../organisation/sections.service.js';
import { userNames } from '../users/users.service.js';
import { money } from './projects.money.js';
import { guardOf, mayOnProject, qipWithinLimits } from './projects.policy.js';
import { findProject, type ProjectRow, projectRelations } from './projects.repository.js';

/** One project as its reader sees it: the row only where they may read it, with its partners, places, steps and transactions. */

export async function readableRow(db: Db | Trx, actor: Actor | null, id: string): Promise<ProjectRow | null> {
  const row = await findProject(db, id);
  return row && can(actor, 'read', guardOf(row)) ? row : null;
}

export async function getProject(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Project> {
  const db = ctx.database.db;
  const row = await readableRow(db, actor, id);
  if (!row) throw notFound();
  const [rel, directory] = await Promise.all([projectRelations(db, id), partnerDirectory(db)]);
  // People are named by their account's current name; the label kept with each step stands in for a removed account.
  const ids = [
    row.created_by,
    row.exception_by,
    row.exception_approved_by,
    ...rel.steps.map((s) => s.actor_id),
    ...rel.transactions.map((t) => t.actor_id),
  ];
  const names = new Map((await userNames(ctx, [...new Set(ids.filter((i): i is string => i !== null))])).map((u) => [u.id, u.name]));
  const person = (id: string | null, label: string) => ({ id, name: (id && names.get(id)) || label });
  const within = qipWithinLimits(row);
  return {
    id: row.id,
    fund: row.fund as Fund,
    unit: row.unit_code,
    classification: row.classification as Project['classification'],
    status: row.status as ProjectStatus,
    titleFr: row.title_fr,
    titleEn: row.title_en,
    descriptionFr: row.description_fr,
    descriptionEn: row.description_en,
    sector: row.sector,
    sectorName: sectorName(row.sector, locale),
    partners: rel.partners.map((p) => ({
      partner: p.partner_id,
      role: p.role as Project['partners'][number]['role'],
      name: directory.get(p.partner_id)?.name ?? p.partner_id,
    })),
    places: rel.places.map((p) => ({
      place: p.place,
      latitude: p.latitude,
      longitude: p.longitude,
      region: p.region,
      regionName: findArea(p.region)?.name ?? p.region,
    })),
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    actualStart: row.actual_start,
    actualEnd: row.actual_end,
    currency: row.currency as Currency,
    rateToUsd: row.rate_to_usd,
    rateDate: row.rate_date,
    budget: money(row.budget_minor, row),
    committed: money(row.committed_minor, row),
    disbursed: money(row.disbursed_minor, row),
    beneficiaries: {
      plannedPeople: row.planned_people,
      plannedWomen: row.planned_women,
      reachedPeople: row.reached_people,
      reachedWomen: row.reached_women,
    },
    qipRule:
      row.fund === 'qip'
        ? { withinLimits: within.ceiling && within.duration, exceptionApproved: row.exception_approved_at !== null }
        : null,
    exception:
      row.exception_justification !== null && row.exception_at !== null
        ? {
            justification: row.exception_justification,
            recordedBy: person(row.exception_by, row.exception_by_label ?? ''),
            recordedAt: row.exception_at,
            approvedBy: row.exception_approved_at ? person(row.exception_approved_by, row.exception_approved_by_label ?? '') : null,
            approvedAt: row.exception_approved_at,
          }
        : null,
    transactions: rel.transactions.map((t) => ({
      id: t.id,
      kind: t.kind as 'commitment' | 'disbursement',
      on: t.on_date,
      amount: money(Number(t.amount_minor), row),
      note: t.note,
      by: person(t.actor_id, t.actor_label),
      at: t.at,
    })),
    steps: rel.steps.map((s) => ({
      from: s.from_status as ProjectStatus | null,
      to: s.to_status as ProjectStatus,
      by: person(s.actor_id, s.actor_label),
      at: s.at,
      comment: s.comment,
    })),
    createdBy: person(row.created_by, row.created_by_label),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    may: mayOnProject(actor, row),
  };
}
