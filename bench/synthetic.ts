import { locate } from '../src/data/mali/boundaries.js';
import { gazetteer } from '../src/data/mali/places.js';
import { DEFAULT_ACTORS, eventTypes, MISSION_CATEGORIES } from '../src/data/vocab/incidents.js';
import { csvLine } from '../src/platform/csv.js';

/**
 * Synthetic incidents for the benchmark: deterministic (seeded), spread over ten years and the
 * gazetteer's places, with every field the import reads.
 */

/** mulberry32: a small seeded PRNG, so every run benchmarks the same rows. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CSV_COLUMNS = [
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'tags',
  'mandat_title',
  'mandat_category',
  'mandat_threat_to_civilians',
  'mandat_casualties',
  'mandat_classification',
] as const;

const WORDS = ['patrouille', 'convoi', 'marché', 'village', 'puits', 'axe routier', 'camp', 'école', 'centre de santé', 'éleveurs'];

/** Yields `rows` CSV lines (without the header) in the import's format. */
export function* syntheticCsv(rows: number, seed = 2531): Generator<string> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const places = [...gazetteer().values()].filter((p) => p.lat !== null && p.lon !== null && locate(p.lat, p.lon));
  const types = eventTypes();
  const start = Date.UTC(2013, 6, 1);
  const span = Date.UTC(2023, 5, 30) - start;
  for (let i = 0; i < rows; i += 1) {
    const place = pick(places);
    let lat = (place.lat ?? 0) + (next() - 0.5) * 0.1;
    let lon = (place.lon ?? 0) + (next() - 0.5) * 0.1;
    if (!locate(lat, lon)) {
      lat = place.lat ?? 0;
      lon = place.lon ?? 0;
    }
    const type = pick(types);
    const sub = pick(type.subTypes);
    const killed = next() < 0.6 ? 0 : Math.floor(next() * 12);
    const civilians = Math.floor(killed * next());
    const casualties =
      killed === 0
        ? {}
        : {
            civilians: { killed: { low: Math.max(0, civilians - 1), best: civilians, high: civilians + 2 } },
            armed_groups: { killed: { low: killed - civilians, best: killed - civilians, high: killed - civilians + 1 } },
          };
    const roll = next();
    const classification = roll < 0.05 ? 'public' : roll < 0.85 ? 'internal' : 'restricted';
    const what = pick(WORDS);
    yield csvLine(
      [
        new Date(start + Math.floor(next() * span)).toISOString().slice(0, 10),
        next() < 0.9 ? 1 : 2,
        type.code,
        sub.code,
        pick(DEFAULT_ACTORS).code,
        next() < 0.7 ? pick(DEFAULT_ACTORS).code : '',
        place.name,
        Number(lat.toFixed(5)),
        Number(lon.toFixed(5)),
        next() < 0.5 ? 1 : 2,
        'Rapport de patrouille',
        `Incident près du ${what} de ${place.name} ; ${killed} morts selon les premières informations.`,
        what,
        `${sub.fr} — ${place.name}`,
        next() < 0.5 ? pick(MISSION_CATEGORIES).code : '',
        next() < 0.05 ? 'yes' : 'no',
        JSON.stringify(casualties),
        classification,
      ],
      ',',
    );
  }
}
