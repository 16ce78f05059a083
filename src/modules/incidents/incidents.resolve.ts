import type { Insertable } from 'kysely';
import type { z } from 'zod';
import { type Casualties, type IncidentInputParsed, LOCATION_PRECISIONS, TOTAL_GROUPS } from '../../contracts/incidents.js';
import { type AdminArea, cercles, findArea, locate } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { findEventType, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { IncidentTable } from '../../db/schema.js';
import { searchKey } from '../../platform/text.js';
import type { IncidentRelations } from './incidents.repository.js';

/**
 * Turns a structurally valid incident (the zod contract) into stored values: vocabulary codes
 * checked, the place resolved to region, cercle and coordinates inside Mali, totals computed.
 * Problems come back as zod-style issues, so they are reported like any validation error.
 */

export type Issue = z.core.$ZodIssue;

/** What the resolver needs to know about the database, loaded once per request or import. */
export interface Known {
  actors: ReadonlySet<string>;
  units: ReadonlySet<string>;
  /** Incident refs the writer may link to. */
  incidentRefs: ReadonlySet<string>;
}

export type IncidentValues = Omit<
  Insertable<IncidentTable>,
  'id' | 'ref' | 'status' | 'created_by' | 'created_at' | 'updated_at' | 'version' | 'entered_at'
>;

function issue(path: (string | number)[], message: string): Issue {
  return { code: 'custom', path, message, input: undefined } as Issue;
}

interface Place {
  region: AdminArea;
  cercle: AdminArea | null;
  latitude: number;
  longitude: number;
}

function cercleNamed(name: string, regionIso: string): AdminArea | undefined {
  return cercles().find((c) => c.name === name && c.regionIso === regionIso);
}

function resolvePlace(location: IncidentInputParsed['location'], issues: Issue[]): Place | null {
  const { latitude, longitude } = location;
  if ((latitude === null) !== (longitude === null)) {
    issues.push(issue(['location', latitude === null ? 'latitude' : 'longitude'], 'coordinates_pair'));
    return null;
  }
  let place: Place | null = null;
  if (latitude !== null && longitude !== null) {
    const hit = locate(latitude, longitude);
    if (!hit) {
      issues.push(issue(['location', 'latitude'], 'outside_mali'));
      return null;
    }
    place = { region: hit.region, cercle: hit.cercle, latitude, longitude };
  } else if (location.place) {
    const known = gazetteer().get(location.place);
    if (!known) {
      issues.push(issue(['location', 'place'], 'unknown_place'));
      return null;
    }
    const region = findArea(known.regionIso);
    const cercle = cercleNamed(known.cercle, known.regionIso) ?? null;
    if (!region) return null;
    if (known.lat !== null && known.lon !== null) place = { region, cercle, latitude: known.lat, longitude: known.lon };
    else {
      const [lon, lat] = (cercle ?? region).centroid;
      place = { region, cercle, latitude: lat, longitude: lon };
    }
  } else if (location.cercle) {
    const cercle = findArea(location.cercle);
    const region = cercle && findArea(cercle.regionIso);
    if (!cercle || !region || cercle.id === region.id) {
      issues.push(issue(['location', 'cercle'], 'unknown_area'));
      return null;
    }
    place = { region, cercle, latitude: cercle.centroid[1], longitude: cercle.centroid[0] };
  } else if (location.region) {
    const region = findArea(location.region);
    if (!region || region.id !== region.regionIso) {
      issues.push(issue(['location', 'region'], 'unknown_area'));
      return null;
    }
    place = { region, cercle: null, latitude: region.centroid[1], longitude: region.centroid[0] };
  } else {
    issues.push(issue(['location'], 'location_required'));
    return null;
  }
  // A stated region or cercle must agree with the point.
  if (location.region && location.region !== place.region.id) issues.push(issue(['location', 'region'], 'area_mismatch'));
  if (location.cercle && place.cercle && location.cercle !== place.cercle.id) issues.push(issue(['location', 'cercle'], 'area_mismatch'));
  const coarsest = place.cercle ? 'cercle' : 'region';
  const given = LOCATION_PRECISIONS.indexOf(location.precision);
  if (given < LOCATION_PRECISIONS.indexOf(coarsest) && latitude === null && !location.place) {
    issues.push(issue(['location', 'precision'], 'precision_too_fine'));
  }
  return place;
}

function total(casualties: Casualties, outcome: 'killed' | 'injured') {
  const sum = { low: 0, best: 0, high: 0 };
  for (const group of TOTAL_GROUPS) {
    const estimate = casualties[group]?.[outcome];
    if (!estimate) continue;
    sum.low += estimate.low;
    sum.best += estimate.best;
    sum.high += estimate.high;
  }
  return sum;
}

export function resolveIncident(
  input: IncidentInputParsed,
  known: Known,
): { values: IncidentValues; relations: IncidentRelations } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const type = findEventType(input.eventType);
  if (!type) issues.push(issue(['eventType'], 'vocabulary'));
  else if (!type.subTypes.some((s) => s.code === input.subEventType)) issues.push(issue(['subEventType'], 'vocabulary'));
  if (input.category !== null && !MISSION_CATEGORIES.some((c) => c.code === input.category)) issues.push(issue(['category'], 'vocabulary'));

  const roles = new Set<string>();
  input.actors.forEach((a, index) => {
    if (!known.actors.has(a.actor)) issues.push(issue(['actors', index, 'actor'], 'unknown_actor'));
    if ((a.role === 'actor1' || a.role === 'actor2') && roles.has(a.role)) issues.push(issue(['actors', index, 'role'], 'duplicate_role'));
    roles.add(a.role);
  });
  if (roles.has('actor2') && !roles.has('actor1')) issues.push(issue(['actors'], 'actor1_required'));
  input.sharedWith.forEach((unit, index) => {
    if (!known.units.has(unit)) issues.push(issue(['sharedWith', index], 'unknown_unit'));
  });
  if (input.sharedWith.length > 0 && input.classification !== 'restricted') issues.push(issue(['sharedWith'], 'share_needs_restricted'));
  input.links.forEach((ref, index) => {
    if (!known.incidentRefs.has(ref)) issues.push(issue(['links', index], 'unknown_incident'));
  });
  const place = resolvePlace(input.location, issues);
  if (issues.length > 0 || !place) return { issues };

  const killed = total(input.casualties, 'killed');
  const injured = total(input.casualties, 'injured');
  const actorOf = (role: string) => input.actors.find((a) => a.role === role)?.actor ?? null;
  return {
    values: {
      occurred_on: input.occurredOn,
      occurred_time: input.occurredTime,
      date_precision: input.datePrecision,
      region: place.region.id,
      cercle: place.cercle?.id ?? null,
      commune: input.location.commune,
      place: input.location.place,
      latitude: place.latitude,
      longitude: place.longitude,
      location_precision: input.location.precision,
      event_type: input.eventType,
      sub_event_type: input.subEventType,
      category: input.category,
      threat_to_civilians: input.threatToCivilians ? 1 : 0,
      actor1: actorOf('actor1'),
      actor2: actorOf('actor2'),
      casualties: JSON.stringify(input.casualties),
      killed_low: killed.low,
      killed_best: killed.best,
      killed_high: killed.high,
      injured_low: injured.low,
      injured_best: injured.best,
      injured_high: injured.high,
      sources: JSON.stringify(input.sources),
      title: input.title,
      description: input.description,
      tags: JSON.stringify(input.tags),
      search_key: searchKey([input.title, input.description, input.location.place, input.location.commune, ...input.tags].join(' ')),
      unit_code: input.unit,
      classification: input.classification,
    },
    relations: {
      actors: input.actors.map((a) => ({ role: a.role, actor_code: a.actor })),
      shares: [...new Set(input.sharedWith)],
      links: [...new Set(input.links)],
    },
  };
}
