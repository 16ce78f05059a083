import type { Locale } from '../../contracts/common.js';
import type { OperationGeometry, OperationType } from '../../contracts/operations.js';
import type { SituationMap, SituationMapQuery } from '../../contracts/situation.js';
import { findArea } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { TEAM_SITES } from '../../data/situation.js';
import { OPERATION_TYPE_TERMS, termName } from '../../data/vocab/operations.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/policy.js';
import { alertsOf, incidentsOf, operationsOf, type Period } from './situation.records.js';

/**
 * The map of the day: operations under way (and completed) during the day, its incidents, the
 * open alerts and the team sites; each read through its owner with the reader's rights. Without a
 * day: the 24 hours before now.
 */

function periodOf(ctx: AppContext, day: string | undefined): Period {
  if (day) return { from: `${day}T00:00:00.000Z`, to: `${day}T23:59:59.999Z` };
  const to = ctx.now();
  return { from: new Date(to.getTime() - 24 * 3600 * 1000).toISOString(), to: to.toISOString() };
}

export async function situationMap(ctx: AppContext, actor: Actor, query: SituationMapQuery, locale: Locale): Promise<SituationMap> {
  const period = periodOf(ctx, query.day);
  const filter = { sector: query.sector, unit: query.unit };
  const operations = await operationsOf(ctx, actor, period, filter);
  const incidents = await incidentsOf(ctx, actor, period, filter);
  const alerts = await alertsOf(ctx, actor, period, filter);
  const places = gazetteer();
  return {
    from: period.from,
    to: period.to,
    operations: operations.map(({ row, units }) => ({
      id: row.id,
      title: locale === 'en' && row.title_en !== '' ? row.title_en : row.title_fr,
      type: row.type as OperationType,
      typeName: termName(OPERATION_TYPE_TERMS, row.type, locale),
      status: row.status as SituationMap['operations'][number]['status'],
      unit: row.unit_code,
      units,
      sector: row.sector,
      geometry: row.geometry ? (JSON.parse(row.geometry) as OperationGeometry) : null,
    })),
    incidents: incidents.map((i) => ({
      ref: i.ref,
      title: i.title,
      occurredOn: i.occurredOn,
      latitude: i.latitude,
      longitude: i.longitude,
      unit: i.unit,
      eventType: i.eventType,
    })),
    alerts: alerts.flatMap((a) => {
      const area = findArea(a.area);
      if (!area) return [];
      return [
        {
          id: a.id,
          rule: a.rule.name,
          unit: a.unit,
          areaName: a.areaName,
          latitude: area.centroid[1],
          longitude: area.centroid[0],
          raisedAt: a.raisedAt,
        },
      ];
    }),
    teamSites: TEAM_SITES.filter(
      (s) => (!query.sector || s.sector === query.sector) && (!query.unit || s.units.includes(query.unit)),
    ).flatMap((s) => {
      const place = places.get(s.name);
      if (!place || place.lat === null || place.lon === null) return [];
      return [{ name: s.name, latitude: place.lat, longitude: place.lon, sector: s.sector, units: [...s.units] }];
    }),
  };
}
