import type { BaseLayer, MapPlace } from '../../contracts/map.js';
import { gazetteer } from '../../data/mali/places.js';
import type { AppContext } from '../../platform/context.js';
import { basemapAt } from './basemap.js';

/**
 * What the map draws besides the incidents: the towns of the shipped gazetteer and, when the
 * mission has one, a base layer of tiles. Neither depends on who asks.
 */

const RANKS: Record<string, MapPlace['rank']> = {
  'national capital': 1,
  'regional capital': 2,
  'cercle seat': 3,
};

let places: MapPlace[] | undefined;

/** The gazetteer's places that have coordinates, the most important first. */
export function mapPlaces(): { places: MapPlace[] } {
  places ??= [...gazetteer().values()]
    .flatMap((place) =>
      place.lat === null || place.lon === null
        ? []
        : [{ name: place.name, rank: RANKS[place.type] ?? 4, latitude: place.lat, longitude: place.lon }],
    )
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'fr'));
  return { places };
}

export const TILES_PATH = '/api/map/tiles';

/** The tile server set in the configuration, else the archive beside the data, else none. */
export async function baseLayer(ctx: AppContext): Promise<{ baseLayer: BaseLayer | null }> {
  const { mapTilesUrl, mapTilesAttribution, basemapFile } = ctx.config;
  if (mapTilesUrl) {
    return { baseLayer: { source: 'tileServer', url: mapTilesUrl, attribution: mapTilesAttribution, minZoom: 0, maxZoom: 18 } };
  }
  const basemap = await basemapAt(basemapFile);
  if (!basemap) return { baseLayer: null };
  return {
    baseLayer: {
      source: 'archive',
      url: `${TILES_PATH}/{z}/{x}/{y}?v=${basemap.version}`,
      attribution: basemap.attribution,
      minZoom: basemap.header.minZoom,
      maxZoom: basemap.header.maxZoom,
    },
  };
}

export type Tile =
  | { status: 200; body: Buffer; mediaType: string; etag: string; current: boolean }
  | { status: 204; etag: string; current: boolean }
  | { status: 404 };

/**
 * One tile of the archive: 404 when there is no archive (the map then has no base layer), 204
 * when the archive has nothing at this address (beyond its zoom levels or its area). `current`:
 * whether the address named this version of the archive, so that a browser may keep it.
 */
export async function archiveTile(ctx: AppContext, z: number, x: number, y: number, asked: string | undefined): Promise<Tile> {
  const basemap = await basemapAt(ctx.config.basemapFile);
  if (!basemap) return { status: 404 };
  const etag = `"${basemap.version}-${z}-${x}-${y}"`;
  const current = asked === basemap.version;
  const tile = await basemap.archive.getZxy(z, x, y);
  if (!tile || tile.data.byteLength === 0) return { status: 204, etag, current };
  return { status: 200, body: Buffer.from(tile.data), mediaType: basemap.mediaType, etag, current };
}
