import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cercles, findArea, locate, regions } from '../src/data/mali/boundaries.js';

const placesCsv = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'mali', 'places.csv');
const places: Record<string, string>[] = parse(readFileSync(placesCsv, 'utf8'), { columns: true });
const located = places.filter((p) => p.lat && p.lon);
const flaggedOutside = (p: Record<string, string>): boolean => /falls outside/i.test(p.notes ?? '');

describe('Mali boundaries', () => {
  it('has the 10 regions and 50 cercles, sorted by French name', () => {
    expect(regions()).toHaveLength(10);
    expect(cercles()).toHaveLength(50);
    expect(regions().map((r) => r.id)).toEqual(['ML-BKO', 'ML-7', 'ML-1', 'ML-8', 'ML-2', 'ML-9', 'ML-5', 'ML-4', 'ML-3', 'ML-6']);
    const names = cercles().map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    for (const r of regions()) expect(r.regionIso).toBe(r.id);
    const regionIsos = new Set(regions().map((r) => r.id));
    for (const c of cercles()) expect(regionIsos.has(c.regionIso), c.name).toBe(true);
  });

  it('finds areas by id', () => {
    expect(findArea('ML-9')?.name).toBe('Ménaka');
    expect(findArea('ML-BKO')?.name).toBe('Bamako');
    const kidal = cercles().find((c) => c.name === 'Kidal');
    expect(kidal && findArea(kidal.id)).toBe(kidal);
    expect(findArea('ML-10')).toBeUndefined();
    expect(findArea('')).toBeUndefined();
  });

  it('locates towns', () => {
    const menaka = locate(15.9182, 2.4022);
    expect(menaka?.region.id).toBe('ML-9');
    expect(menaka?.region.name).toBe('Ménaka');
    expect(menaka?.cercle.name).toBe('Ménaka');
    const bamako = locate(12.60915, -7.97522);
    expect(bamako?.region.id).toBe('ML-BKO');
    expect(bamako?.cercle.name).toBe('Bamako');
    const kidal = locate(18.44345, 1.40921);
    expect(kidal?.region.id).toBe('ML-8');
    expect(kidal?.cercle.name).toBe('Kidal');
    expect(kidal?.cercle.regionName).toBe('Kidal');
    const tombouctou = locate(16.77348, -3.00742);
    expect(tombouctou?.region.id).toBe('ML-6');
    expect(tombouctou?.cercle.name).toBe('Tombouctou');
  });

  it('locates every place of the gazetteer in the region and cercle it lists', () => {
    expect(located.length).toBeGreaterThan(90);
    for (const p of located) {
      const hit = locate(Number(p.lat), Number(p.lon));
      if (flaggedOutside(p)) {
        expect(hit, p.name_fr).toBeNull();
      } else {
        expect(hit?.region.id, p.name_fr).toBe(p.adm1_iso);
        expect(hit?.cercle.name, p.name_fr).toBe(p.adm2_name_fr);
      }
    }
    expect(located.filter(flaggedOutside).map((p) => p.name_fr)).toEqual(['Abdel Begrou', 'Zambla']);
  });

  it('returns null outside Mali', () => {
    expect(locate(14.69, -17.44)).toBeNull(); // Dakar
    expect(locate(13.51, 2.11)).toBeNull(); // Niamey
    expect(locate(12.37, -1.52)).toBeNull(); // Ouagadougou
    expect(locate(0, 0)).toBeNull();
    expect(locate(36.75, 3.06)).toBeNull(); // Algiers
    expect(locate(Number.NaN, 0)).toBeNull();
    expect(locate(15, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('places every centroid inside its own area and bbox', () => {
    for (const area of [...regions(), ...cercles()]) {
      const [lon, lat] = area.centroid;
      const [minLon, minLat, maxLon, maxLat] = area.bbox;
      expect(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat, area.name).toBe(true);
      const hit = locate(lat, lon);
      if (area.id === area.regionIso) expect(hit?.region.id, area.name).toBe(area.id);
      else expect(hit?.cercle.id, area.name).toBe(area.id);
    }
  });
});
