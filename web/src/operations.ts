import type { OperationGeometry } from '../../src/contracts/operations.js';

/**
 * What the operations pages share: a route or area written as one point per line (latitude,
 * longitude, the way a map or a GPS shows it) both ways, and an instant from a day and a UTC time.
 */

/** The lines of a shape: latitude, longitude, one vertex per line (a polygon's closing vertex left out). */
export function geometryText(geometry: OperationGeometry | null): string {
  if (!geometry) return '';
  const points = geometry.type === 'LineString' ? geometry.coordinates : (geometry.coordinates[0] ?? []).slice(0, -1);
  return points.map(([lon, lat]) => `${lat}, ${lon}`).join('\n');
}

/**
 * The shape of what was typed, or the numbers (1-based) of the lines that are no point. A polygon
 * is closed by repeating its first point when it was not typed again.
 */
export function parseGeometry(kind: 'LineString' | 'Polygon', text: string): { geometry: OperationGeometry } | { badLines: number[] } {
  const badLines: number[] = [];
  const points: [number, number][] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)$/.exec(line);
    if (!match) badLines.push(index + 1);
    else points.push([Number(match[2]), Number(match[1])]);
  });
  if (badLines.length > 0) return { badLines };
  if (kind === 'LineString') return { geometry: { type: 'LineString', coordinates: points } };
  const first = points[0];
  const last = points.at(-1);
  const ring = first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...points, first] : points;
  return { geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** `2020-07-20` and `05:30` as the API's instant, UTC. */
export function instant(day: string, time: string): string {
  return `${day}T${time}:00Z`;
}

/** An instant as its day (ISO) and its UTC time (HH:MM). */
export function splitInstant(value: string): { day: string; time: string } {
  return { day: value.slice(0, 10), time: value.slice(11, 16) };
}
