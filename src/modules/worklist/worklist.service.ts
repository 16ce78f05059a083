import type { Worklist } from '../../contracts/worklist.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { listAlerts } from '../alerts/alerts.service.js';
import { incidentsWaitingFor } from '../incidents/incidents.service.js';
import { queuedCallsFor } from '../protection/hotline.service.js';
import { caseUnitsOf } from '../protection/protection.policy.js';
import { casesWaitingForActor } from '../protection/protection.service.js';

/**
 * The worklist: what waits for one account, read through each owning module's service with the
 * account's own rights, so that it holds nothing the account could not open itself.
 */

/** How many of each part the worklist lists (the totals count them all). */
const SHOWN = 10;

function incidentItem(row: { ref: string; title: string; unit_code: string; occurred_on: string; updated_at: string }) {
  return { ref: row.ref, title: row.title, unit: row.unit_code, occurredOn: row.occurred_on, updatedAt: row.updated_at };
}

export async function worklistOf(ctx: AppContext, actor: Actor): Promise<Worklist> {
  const [incidents, alerts, calls, cases] = await Promise.all([
    incidentsWaitingFor(ctx.database.db, ctx.database.dialect, actor, SHOWN),
    listAlerts(ctx, actor, 'open'),
    queuedCallsFor(ctx, actor, SHOWN),
    casesWaitingForActor(ctx, actor, SHOWN),
  ]);
  const actionable = alerts.filter((alert) => alert.mayAct);
  const worksOnConfidential = caseUnitsOf(actor).length > 0;
  if (calls.total > 0 || cases.total > 0) {
    // References of confidential records were read: one entry for the lot, like a list of cases.
    await recordAudit(ctx, actor, {
      action: 'worklist.read',
      recordType: 'worklist',
      recordId: null,
      details: { cases: cases.items.length, calls: calls.items.length },
    });
  }
  return {
    total: incidents.toVerify.total + incidents.drafts.total + actionable.length + calls.total + cases.total,
    toVerify: { total: incidents.toVerify.total, items: incidents.toVerify.rows.map(incidentItem) },
    drafts: { total: incidents.drafts.total, items: incidents.drafts.rows.map(incidentItem) },
    alerts: {
      total: actionable.length,
      items: actionable.slice(0, SHOWN).map((a) => ({
        id: a.id,
        unit: a.unit,
        ruleName: a.rule.name,
        areaName: a.areaName,
        count: a.count,
        raisedAt: a.raisedAt,
      })),
    },
    calls,
    cases,
    secondFactorNeeded: worksOnConfidential && (!actor.secondFactor || actor.viaToken === true),
  };
}
