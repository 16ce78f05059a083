import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../platform/paths.js';

/** A place of the shipped gazetteer (see NOTICE.md for its sources). */
export interface Place {
  name: string;
  type: string;
  lat: number | null;
  lon: number | null;
  region: string;
  regionIso: string;
  cercle: string;
}

let cache: Map<string, Place> | undefined;

/** The gazetteer by French name. */
export function gazetteer(): Map<string, Place> {
  if (!cache) {
    const rows: Record<string, string>[] = parse(readFileSync(join(projectRoot(), 'src', 'data', 'mali', 'places.csv'), 'utf8'), {
      columns: true,
    });
    cache = new Map(
      rows.map((r) => {
        const name = r.name_fr ?? '';
        return [
          name,
          {
            name,
            type: r.type ?? '',
            lat: r.lat ? Number(r.lat) : null,
            lon: r.lon ? Number(r.lon) : null,
            region: r.adm1_name_fr ?? '',
            regionIso: r.adm1_iso ?? '',
            cercle: r.adm2_name_fr ?? '',
          },
        ];
      }),
    );
  }
  return cache;
}
