import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../platform/paths.js';

export interface Country {
  alpha3: string;
  nameFr: string;
  nameEn: string;
}

let cache: Map<string, Country> | undefined;

/** ISO 3166 countries by alpha-3 code (see NOTICE.md for the source). */
export function countries(): Map<string, Country> {
  if (!cache) {
    const records: Record<string, string>[] = parse(readFileSync(join(projectRoot(), 'src', 'data', 'vocab', 'countries-fr.csv'), 'utf8'), {
      columns: true,
    });
    cache = new Map(records.map((r) => [r.alpha3 ?? '', { alpha3: r.alpha3 ?? '', nameFr: r.name_fr ?? '', nameEn: r.name_en ?? '' }]));
  }
  return cache;
}
