import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// The shipped boundaries, bundled with the map's code: the map needs no server of tiles or shapes.
import topologyText from '../../src/data/mali/mali-adm.topojson?raw';

/**
 * Mali's regions and cercles (geoBoundaries 2017, CC BY 4.0; see src/data/mali and NOTICE.md) as
 * GeoJSON for Leaflet. Region codes are ISO 3166-2 (`ML-9`), cercle codes geoBoundaries shape ids,
 * the same codes the incident API uses.
 */

export interface RegionProperties {
  name_fr: string;
  iso_3166_2: string;
}

export interface CercleProperties {
  adm2_id: string;
  adm2_name_fr: string;
  adm1_iso: string;
}

type Area = Polygon | MultiPolygon;

export interface MaliBoundaries {
  regions: FeatureCollection<Area, RegionProperties>;
  cercles: FeatureCollection<Area, CercleProperties>;
}

let boundaries: MaliBoundaries | undefined;

/** Decoded on first use, once per page load. */
export function maliBoundaries(): MaliBoundaries {
  if (!boundaries) {
    const topology = JSON.parse(topologyText) as Topology<{
      adm1: GeometryCollection<RegionProperties>;
      adm2: GeometryCollection<CercleProperties>;
    }>;
    boundaries = {
      regions: feature(topology, topology.objects.adm1) as FeatureCollection<Area, RegionProperties>,
      cercles: feature(topology, topology.objects.adm2) as FeatureCollection<Area, CercleProperties>,
    };
  }
  return boundaries;
}

function insideRing(ring: readonly number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(area: Feature<Area>, longitude: number, latitude: number): boolean {
  const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  // Even-odd over all rings: a point in a hole (Bamako inside Koulikoro) is outside.
  return polygons.some((rings) => rings.filter((ring) => insideRing(ring, longitude, latitude)).length % 2 === 1);
}

/** The cercle a point lies in, if any. */
export function cercleAt(longitude: number, latitude: number): CercleProperties | null {
  return maliBoundaries().cercles.features.find((f) => contains(f, longitude, latitude))?.properties ?? null;
}
