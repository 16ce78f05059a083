import type { Classification, Locale } from '../../contracts/common.js';
import type { SitrepSectionKey } from '../../contracts/situation.js';
import { fill, SITREP_TEXT } from '../../data/situation.js';
import { OPERATION_TYPE_TERMS, termName } from '../../data/vocab/operations.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { alertsOf, findingsOf, incidentsOf, operationClass, operationsOf, type Period } from './situation.records.js';

/**
 * The starting text of a situation report's sections, from the period's records the JOC officer
 * reads, and the list of those records with their class and unit. Lines starting with `- ` are
 * bullets; the JOC edits each section freely afterwards.
 */

export interface AssembledRecord {
  type: 'operation' | 'incident' | 'verification' | 'alert';
  id: string;
  classification: Classification;
  unit: string;
}

const minute = (instant: string) => instant.slice(0, 16).replace('T', ' ');

export async function assembleSitrep(
  ctx: AppContext,
  actor: Actor,
  period: Period,
  sector: string,
  locale: Locale,
): Promise<{ sections: Record<SitrepSectionKey, string>; records: AssembledRecord[] }> {
  const words = SITREP_TEXT[locale];
  const colon = locale === 'fr' ? '\u00a0:' : ':';
  const records: AssembledRecord[] = [];
  const filter = { sector };

  const operations = await operationsOf(ctx, actor, period, filter);
  const operationLines: string[] = [];
  for (const [status, label] of [
    ['under_way', words.underWay],
    ['completed', words.completed],
  ] as const) {
    const ofStatus = operations.filter((o) => o.row.status === status);
    if (ofStatus.length === 0) continue;
    operationLines.push(`${label}${colon}`);
    for (const { row, units } of ofStatus) {
      records.push({ type: 'operation', id: row.id, classification: operationClass(row), unit: row.unit_code });
      const title = locale === 'en' && row.title_en !== '' ? row.title_en : row.title_fr;
      const when =
        status === 'completed'
          ? `${minute(row.actual_start ?? row.planned_start)} – ${minute(row.actual_end ?? '')}`
          : minute(row.actual_start ?? row.planned_start);
      const outcome = status === 'completed' && row.outcome ? ` ${row.outcome}` : '';
      operationLines.push(`- ${termName(OPERATION_TYPE_TERMS, row.type, locale)} — ${title} (${units.join(', ')}; ${when}).${outcome}`);
    }
  }

  const incidents = await incidentsOf(ctx, actor, period, filter);
  const incidentLines = incidents.map((i) => {
    records.push({ type: 'incident', id: i.ref, classification: i.classification, unit: i.unit });
    const toll = i.killedBest + i.injuredBest > 0 ? ` — ${i.killedBest} ${words.killed}, ${i.injuredBest} ${words.injured}` : '';
    return `- ${i.occurredOn} ${i.ref} — ${i.title}${i.place ? ` (${i.place})` : ''}${toll}`;
  });

  const findings = await findingsOf(ctx, actor, period, sector, locale);
  const findingLines = findings.map((f) => {
    records.push({ type: 'verification', id: f.id, classification: f.classification, unit: f.unit });
    const party = f.partyName ? ` — ${f.partyName}` : '';
    return `- ${f.visitedOn} ${f.incident.ref} — ${f.incident.title}${colon} ${words.findings[f.finding]}${party}`;
  });

  const alerts = await alertsOf(ctx, actor, period, filter);
  const alertLines = alerts.map((a) => {
    records.push({ type: 'alert', id: a.id, classification: 'restricted', unit: a.unit });
    return `- ${minute(a.raisedAt)} ${a.rule.name} — ${a.areaName} (${a.unit}, ${a.count})`;
  });

  const or = (lines: string[], none: string) => (lines.length > 0 ? lines.join('\n') : none);
  return {
    sections: {
      summary: fill(words.summaryStart, {
        operations: operations.length,
        incidents: incidents.length,
        findings: findings.length,
        alerts: alerts.length,
      }),
      operations: or(operationLines, words.noOperations),
      incidents: or(incidentLines, words.noIncidents),
      ceasefire: or(findingLines, words.noFindings),
      alerts: or(alertLines, words.noAlerts),
      outlook: '',
    },
    records,
  };
}
