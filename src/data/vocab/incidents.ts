import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Locale } from '../../contracts/common.js';
import { projectRoot } from '../../platform/paths.js';

/**
 * The incident vocabularies: ACLED's event types and sub-types and actor types (see NOTICE.md;
 * ACLED publishes no French labels, the French ones are Mandat's), and the mission's own
 * categories. Codes are stable identifiers derived from ACLED's English labels.
 */

export interface Term {
  code: string;
  en: string;
  fr: string;
}

export interface SubEventType extends Term {
  /** ACLED's disorder type of the sub-event type ("Political violence", "Demonstrations"…). */
  disorderType: string;
}

export interface EventType extends Term {
  subTypes: SubEventType[];
}

/** "Remote explosive/landmine/IED" → "remote_explosive_landmine_ied". */
export function codeOf(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(projectRoot(), 'src', 'data', 'vocab', file), 'utf8'), { columns: true });
}

let eventTypeCache: EventType[] | undefined;

export function eventTypes(): readonly EventType[] {
  if (!eventTypeCache) {
    const byType = new Map<string, EventType>();
    for (const row of readCsv('acled-event-types.csv')) {
      const en = row.event_type ?? '';
      const type = byType.get(en) ?? { code: codeOf(en), en, fr: row.event_type_fr_unofficial ?? en, subTypes: [] };
      byType.set(en, type);
      const sub = row.sub_event_type ?? '';
      type.subTypes.push({
        code: codeOf(sub),
        en: sub,
        fr: row.sub_event_type_fr_unofficial ?? sub,
        disorderType: row.disorder_type ?? '',
      });
    }
    eventTypeCache = [...byType.values()];
  }
  return eventTypeCache;
}

export function findEventType(code: string): EventType | undefined {
  return eventTypes().find((t) => t.code === code);
}

/** The mission's own categories, beside ACLED's: what the JOC and the Force report on. */
export const MISSION_CATEGORIES: readonly Term[] = [
  { code: 'ceasefire_violation', fr: 'Violation du cessez-le-feu', en: 'Ceasefire violation' },
  { code: 'ied', fr: 'Engin explosif improvisé (EEI)', en: 'Improvised explosive device (IED)' },
  { code: 'attack_on_peacekeepers', fr: 'Attaque contre des Casques bleus', en: 'Attack on peacekeepers' },
  { code: 'indirect_fire', fr: 'Tirs indirects (obus, roquettes)', en: 'Indirect fire (mortars, rockets)' },
  { code: 'intercommunal_violence', fr: 'Violence intercommunautaire', en: 'Intercommunal violence' },
  { code: 'abduction', fr: 'Enlèvement', en: 'Abduction' },
  { code: 'attack_on_civilians', fr: 'Attaque contre des civils', en: 'Attack on civilians' },
  { code: 'protest', fr: 'Manifestation', en: 'Protest' },
  { code: 'armed_group_movement', fr: 'Mouvement de groupes armés', en: 'Movement of armed groups' },
  { code: 'banditry', fr: 'Banditisme et criminalité', en: 'Banditry and crime' },
  { code: 'humanitarian_access', fr: 'Entrave à l’accès humanitaire', en: 'Impediment to humanitarian access' },
];

export interface ActorType {
  code: number;
  en: string;
  fr: string;
}

let actorTypeCache: ActorType[] | undefined;

export function actorTypes(): readonly ActorType[] {
  actorTypeCache ??= readCsv('acled-actor-types.csv').map((r) => ({
    code: Number(r.inter_code),
    en: r.actor_type ?? '',
    fr: r.actor_type_fr_unofficial ?? '',
  }));
  return actorTypeCache;
}

export interface DefaultActor {
  code: string;
  fr: string;
  en: string;
  type: number;
  /** Other names, among them the spelling of ACLED's Mali data, which imports map automatically. */
  aliases?: readonly string[];
  /** Where the entry comes from, when it is more than the parties named in the 2020 fact book. */
  source?: string;
}

const WAGNER_SOURCE =
  'Russian private military company deployed beside the Malian armed forces from late 2021; announced its departure in June 2025 (AP, 6 June 2025), its men largely taken over by the Africa Corps. ACLED names it “Wagner Group”.';
const AFRICA_CORPS_SOURCE =
  'Formation of the Russian Ministry of Defence that took over Wagner’s role in the Sahel in 2024–2025 and stayed in Mali after Wagner left (AP, 6 June 2025).';

/**
 * The actor registry as first loaded: the parties active in Mali in 2020, by ACLED actor type,
 * and the Russian forces deployed since. Loaded at every start, a code already present is kept
 * as its keepers left it (renamed, retired or merged).
 */
export const DEFAULT_ACTORS: readonly DefaultActor[] = [
  {
    code: 'fama',
    fr: 'Forces armées maliennes (FAMa)',
    en: 'Malian Armed Forces (FAMa)',
    type: 1,
    aliases: ['Military Forces of Mali (2021-)', 'Military Forces of Mali (2020-2021)'],
  },
  {
    code: 'mali_security_forces',
    fr: 'Forces de sécurité maliennes (police, gendarmerie, garde)',
    en: 'Malian security forces (police, gendarmerie, guard)',
    type: 1,
  },
  { code: 'cma', fr: 'Coordination des mouvements de l’Azawad (CMA)', en: 'Coordination of Azawad Movements (CMA)', type: 2 },
  {
    code: 'plateforme',
    fr: 'Plateforme des mouvements du 14 juin 2014 d’Alger',
    en: 'Platform of the 14 June 2014 Algiers movements',
    type: 2,
  },
  {
    code: 'jnim',
    fr: 'Jama’at Nusrat al-Islam wal-Muslimin (JNIM)',
    en: 'Jama’at Nusrat al-Islam wal-Muslimin (JNIM)',
    type: 2,
    aliases: ['JNIM: Group for Support of Islam and Muslims', 'GSIM'],
  },
  {
    code: 'isgs',
    fr: 'État islamique au Grand Sahara (EIGS)',
    en: 'Islamic State in the Greater Sahara (ISGS)',
    type: 2,
    aliases: ['Islamic State (Greater Sahara)', 'Islamic State (Sahel)', 'EI Sahel'],
  },
  {
    code: 'unidentified_armed_group',
    fr: 'Groupe armé non identifié',
    en: 'Unidentified armed group',
    type: 3,
    aliases: ['Unidentified Armed Group (Mali)'],
  },
  { code: 'dan_na_ambassagou', fr: 'Dan Na Ambassagou', en: 'Dan Na Ambassagou', type: 3 },
  { code: 'community_militia', fr: 'Milice communautaire', en: 'Community militia', type: 4 },
  { code: 'rioters', fr: 'Émeutiers', en: 'Rioters', type: 5, aliases: ['Rioters (Mali)'] },
  { code: 'protesters', fr: 'Manifestants', en: 'Protesters', type: 6, aliases: ['Protesters (Mali)'] },
  { code: 'civilians', fr: 'Civils', en: 'Civilians', type: 7, aliases: ['Civilians (Mali)'] },
  { code: 'minusma', fr: 'MINUSMA', en: 'MINUSMA', type: 8 },
  { code: 'barkhane', fr: 'Opération Barkhane (France)', en: 'Operation Barkhane (France)', type: 8 },
  { code: 'g5_sahel', fr: 'Force conjointe du G5 Sahel', en: 'G5 Sahel Joint Force', type: 8 },
  {
    code: 'wagner_group',
    fr: 'Groupe Wagner',
    en: 'Wagner Group',
    type: 8,
    aliases: ['Wagner', 'PMC Wagner'],
    source: WAGNER_SOURCE,
  },
  {
    code: 'africa_corps',
    fr: 'Africa Corps (Russie)',
    en: 'Africa Corps (Russia)',
    type: 8,
    aliases: ['Africa Corps'],
    source: AFRICA_CORPS_SOURCE,
  },
];

export function label(term: { en: string; fr: string }, locale: Locale): string {
  return locale === 'fr' ? term.fr : term.en;
}
