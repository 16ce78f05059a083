import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths.js';

/**
 * Offline administrative geography of Mali (2017 geoBoundaries data, see NOTICE.md): the 10 regions
 * (admin 1, District of Bamako included) and 50 cercles (admin 2), and a point-in-polygon lookup.
 */

/** A region (admin 1) or a cercle (admin 2). Coordinates are WGS84 degrees. */
export interface AdminArea {
  /** Region: ISO 3166-2 code (e.g. 'ML-9'). Cercle: geoBoundaries shapeID (`adm2_id`). */
  id: string;
  /** French name, with accents. */
  name: string;
  /** ISO 3166-2 code of the region (for a region, its own id). */
  regionIso: string;
  /** French name of the region. */
  regionName: string;
  /** A point inside the area (area-weighted centroid of its largest polygon, or an interior point). */
  centroid: [lon: number, lat: number];
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
}

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

interface FeatureCollection<P> {
  features: { properties: P; geometry: Geometry }[];
}

interface Adm1Properties {
  name_fr: string;
  iso_3166_2: string;
}

interface Adm2Properties {
  adm2_id: string;
  adm2_name_fr: string;
  adm1_name_fr: string;
  adm1_iso: string;
}

/**
 * One area's boundary, ready for even-odd ray casting: its edges (x1, y1, x2, y2; horizontal edges dropped)
 * grouped by horizontal band of latitude, so a test only looks at the edges of the point's band.
 */
interface EdgeIndex {
  minY: number;
  /** Bands per degree of latitude. */
  scale: number;
  bands: number;
  /** Edge offsets of each band: band b holds edges start[b] to start[b + 1] - 1. */
  start: Uint32Array;
  edges: Float64Array;
}

/** Height of a band in degrees (about 5.5 km): a few edges per band at the data's resolution. */
const BAND_HEIGHT = 0.05;

interface Boundaries {
  regions: readonly AdminArea[];
  cercles: readonly AdminArea[];
  byId: Map<string, AdminArea>;
  /** Cercle lookup tables, in the same order: bounding boxes (4 numbers each), edge indexes, areas. */
  cercleBoxes: Float64Array;
  cercleEdges: EdgeIndex[];
  cercleAreas: AdminArea[];
  regionOf: Map<string, AdminArea>;
  /** Bounding box of all cercles. */
  outline: Float64Array;
}

let cache: Boundaries | undefined;

function readGeoJson<P>(file: string): FeatureCollection<P> {
  return JSON.parse(readFileSync(join(projectRoot(), 'src', 'data', 'mali', file), 'utf8')) as FeatureCollection<P>;
}

/** The polygons of a geometry, each as flat rings [x0, y0, x1, y1, …] (outer ring first, then holes). */
function polygonsOf(geometry: Geometry, label: string): Float64Array[][] {
  let polygons: Ring[][];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else throw new Error(`mali boundaries: unexpected geometry type for ${label}`);
  return polygons.map((polygon) =>
    polygon.map((ring) => {
      const flat = new Float64Array(ring.length * 2);
      ring.forEach((position, i) => {
        const [x, y] = position;
        if (typeof x !== 'number' || typeof y !== 'number') throw new Error(`mali boundaries: bad position in ${label}`);
        flat[i * 2] = x;
        flat[i * 2 + 1] = y;
      });
      return flat;
    }),
  );
}

/** Indexed read for load-time code (the hot path reads typed arrays directly). */
function at(a: ArrayLike<number>, i: number): number {
  return a[i] as number;
}

function boundingBox(polygons: Float64Array[][]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i += 2) {
        const x = at(ring, i);
        const y = at(ring, i + 1);
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Builds the banded edge index of all rings of all polygons (even-odd rule across them). */
function edgeIndex(polygons: Float64Array[][], minY: number, maxY: number): EdgeIndex {
  const bands = Math.max(1, Math.ceil((maxY - minY) / BAND_HEIGHT));
  const scale = bands / Math.max(maxY - minY, Number.MIN_VALUE);
  const band = (y: number): number => Math.min(bands - 1, Math.max(0, Math.floor((y - minY) * scale)));
  const rings = polygons.flat();
  // Two passes: count the edges of each band, then fill.
  const counts: number[] = new Array(bands).fill(0);
  const forEachEdge = (visit: (x1: number, y1: number, x2: number, y2: number, from: number, to: number) => void): void => {
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const x1 = at(ring, j * 2);
        const y1 = at(ring, j * 2 + 1);
        const x2 = at(ring, i * 2);
        const y2 = at(ring, i * 2 + 1);
        if (y1 === y2) continue;
        visit(x1, y1, x2, y2, band(Math.min(y1, y2)), band(Math.max(y1, y2)));
      }
    }
  };
  forEachEdge((_x1, _y1, _x2, _y2, from, to) => {
    for (let b = from; b <= to; b++) counts[b] = at(counts, b) + 1;
  });
  const offsets = [0];
  for (let b = 0; b < bands; b++) offsets.push(at(offsets, b) + at(counts, b));
  const start = Uint32Array.from(offsets);
  const fill = offsets.slice(0, bands);
  const edges = new Float64Array(at(offsets, bands) * 4);
  forEachEdge((x1, y1, x2, y2, from, to) => {
    for (let b = from; b <= to; b++) {
      const k = at(fill, b) * 4;
      fill[b] = at(fill, b) + 1;
      edges.set([x1, y1, x2, y2], k);
    }
  });
  return { minY, scale, bands, start, edges };
}

/** Even-odd ray casting (ray towards +x). */
function contains(index: EdgeIndex, x: number, y: number): boolean {
  let b = Math.floor((y - index.minY) * index.scale);
  if (b < 0) b = 0;
  else if (b >= index.bands) b = index.bands - 1;
  const e = index.edges;
  const end = (index.start[b + 1] as number) * 4;
  let inside = false;
  for (let k = (index.start[b] as number) * 4; k < end; k += 4) {
    const y1 = e[k + 1] as number;
    const y2 = e[k + 3] as number;
    if (y1 > y !== y2 > y) {
      const x1 = e[k] as number;
      if (x < x1 + (((e[k + 2] as number) - x1) * (y - y1)) / (y2 - y1)) inside = !inside;
    }
  }
  return inside;
}

/** Signed area (shoelace) and area-weighted centroid of a flat ring. */
function ringMoments(ring: Float64Array): { area: number; cx: number; cy: number } {
  const n = ring.length / 2;
  // Coordinates relative to the first vertex, for precision.
  const ox = at(ring, 0);
  const oy = at(ring, 1);
  let a = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xj = at(ring, j * 2) - ox;
    const yj = at(ring, j * 2 + 1) - oy;
    const xi = at(ring, i * 2) - ox;
    const yi = at(ring, i * 2 + 1) - oy;
    const cross = xj * yi - xi * yj;
    a += cross;
    sx += (xj + xi) * cross;
    sy += (yj + yi) * cross;
  }
  const area = a / 2;
  if (area === 0) return { area: 0, cx: ox, cy: oy };
  return { area, cx: ox + sx / (6 * area), cy: oy + sy / (6 * area) };
}

/** Area-weighted centroid (holes subtracted) and area of one polygon. */
function polygonCentroid(polygon: Float64Array[]): { area: number; x: number; y: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  polygon.forEach((ring, i) => {
    const m = ringMoments(ring);
    const weight = i === 0 ? Math.abs(m.area) : -Math.abs(m.area);
    area += weight;
    x += weight * m.cx;
    y += weight * m.cy;
  });
  return area > 0 ? { area, x: x / area, y: y / area } : { area: 0, x: NaN, y: NaN };
}

/** Midpoint of the widest inside span of the horizontal line at latitude y, or null if the line misses the polygon. */
function interiorPointOnLine(polygon: Float64Array[], y: number): [number, number] | null {
  const xs: number[] = [];
  for (const ring of polygon) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const x1 = at(ring, j * 2);
      const y1 = at(ring, j * 2 + 1);
      const x2 = at(ring, i * 2);
      const y2 = at(ring, i * 2 + 1);
      if (y1 > y !== y2 > y) xs.push(x1 + ((x2 - x1) * (y - y1)) / (y2 - y1));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let width = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const a = xs[i] as number;
    const b = xs[i + 1] as number;
    if (b - a > width) {
      width = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}

/** A point inside the area: the centroid of its largest polygon if inside, else an interior point of that polygon. */
function representativePoint(polygons: Float64Array[][], index: EdgeIndex): [number, number] {
  let largest: { polygon: Float64Array[]; area: number; x: number; y: number } | undefined;
  for (const polygon of polygons) {
    const c = polygonCentroid(polygon);
    if (!largest || c.area > largest.area) largest = { polygon, ...c };
  }
  if (!largest) throw new Error('mali boundaries: area without polygons');
  const round = (v: number): number => Math.round(v * 1e5) / 1e5;
  const inside = (p: [number, number] | null): p is [number, number] => p !== null && contains(index, p[0], p[1]);
  const centroid: [number, number] = [round(largest.x), round(largest.y)];
  if (inside(centroid)) return centroid;
  const [, minY, , maxY] = boundingBox([largest.polygon]);
  // Lines through the centroid, then across the polygon's height (offset so as not to run through vertices).
  const lines = [largest.y, ...Array.from({ length: 9 }, (_, i) => minY + ((maxY - minY) * (i + 1.37)) / 10)];
  for (const y of lines) {
    const p = interiorPointOnLine(largest.polygon, y);
    const rounded: [number, number] | null = p && [round(p[0]), round(p[1])];
    if (inside(rounded)) return rounded;
  }
  throw new Error('mali boundaries: no interior point found');
}

function freezeArea(area: AdminArea): AdminArea {
  Object.freeze(area.centroid);
  Object.freeze(area.bbox);
  return Object.freeze(area);
}

function byFrenchName(a: AdminArea, b: AdminArea): number {
  return a.name.localeCompare(b.name, 'fr');
}

function load(): Boundaries {
  if (cache) return cache;
  const adm1 = readGeoJson<Adm1Properties>('mali-adm1.geojson');
  const adm2 = readGeoJson<Adm2Properties>('mali-adm2.geojson');

  const regions = adm1.features.map(({ properties: p, geometry }) => {
    const polygons = polygonsOf(geometry, p.iso_3166_2);
    const bbox = boundingBox(polygons);
    const index = edgeIndex(polygons, bbox[1], bbox[3]);
    return freezeArea({
      id: p.iso_3166_2,
      name: p.name_fr,
      regionIso: p.iso_3166_2,
      regionName: p.name_fr,
      centroid: representativePoint(polygons, index),
      bbox,
    });
  });
  const regionOf = new Map(regions.map((r) => [r.id, r]));

  const cercleAreas: AdminArea[] = [];
  const cercleEdges: EdgeIndex[] = [];
  const cercleBoxes = new Float64Array(adm2.features.length * 4);
  adm2.features.forEach(({ properties: p, geometry }, i) => {
    if (!regionOf.has(p.adm1_iso)) throw new Error(`mali boundaries: cercle ${p.adm2_id} in unknown region ${p.adm1_iso}`);
    const polygons = polygonsOf(geometry, p.adm2_id);
    const bbox = boundingBox(polygons);
    const index = edgeIndex(polygons, bbox[1], bbox[3]);
    cercleBoxes.set(bbox, i * 4);
    cercleEdges.push(index);
    cercleAreas.push(
      freezeArea({
        id: p.adm2_id,
        name: p.adm2_name_fr,
        regionIso: p.adm1_iso,
        regionName: p.adm1_name_fr,
        centroid: representativePoint(polygons, index),
        bbox,
      }),
    );
  });

  const boxes = cercleAreas.map((c) => c.bbox);
  const outline = Float64Array.of(
    Math.min(...boxes.map((box) => box[0])),
    Math.min(...boxes.map((box) => box[1])),
    Math.max(...boxes.map((box) => box[2])),
    Math.max(...boxes.map((box) => box[3])),
  );

  cache = {
    regions: Object.freeze([...regions].sort(byFrenchName)),
    cercles: Object.freeze([...cercleAreas].sort(byFrenchName)),
    byId: new Map([...regions, ...cercleAreas].map((a) => [a.id, a])),
    cercleBoxes,
    cercleEdges,
    cercleAreas,
    regionOf,
    outline,
  };
  return cache;
}

/** The 10 regions (District of Bamako included; Taoudénit is not split from Tombouctou), sorted by French name. */
export function regions(): readonly AdminArea[] {
  return load().regions;
}

/** The 50 cercles (District of Bamako included), sorted by French name. */
export function cercles(): readonly AdminArea[] {
  return load().cercles;
}

/** A region by ISO 3166-2 code or a cercle by `adm2_id`. */
export function findArea(id: string): AdminArea | undefined {
  return load().byId.get(id);
}

/**
 * The region and cercle containing a point, or null outside Mali (or for a non-finite coordinate).
 * A point exactly on a border between two cercles may return either one.
 */
export function locate(lat: number, lon: number): { region: AdminArea; cercle: AdminArea } | null {
  const b = cache ?? load();
  const o = b.outline;
  // Written so that NaN fails the test.
  if (!(lon >= (o[0] as number) && lat >= (o[1] as number) && lon <= (o[2] as number) && lat <= (o[3] as number))) return null;
  const boxes = b.cercleBoxes;
  const n = b.cercleAreas.length;
  for (let i = 0; i < n; i++) {
    const k = i * 4;
    if (lon < (boxes[k] as number) || lat < (boxes[k + 1] as number) || lon > (boxes[k + 2] as number) || lat > (boxes[k + 3] as number)) {
      continue;
    }
    if (contains(b.cercleEdges[i] as EdgeIndex, lon, lat)) {
      const cercle = b.cercleAreas[i] as AdminArea;
      return { region: b.regionOf.get(cercle.regionIso) as AdminArea, cercle };
    }
  }
  return null;
}
