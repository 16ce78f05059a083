import { z } from 'zod';

/**
 * A town of the shipped gazetteer, for the map. `rank` says from how far it is named: 1 the
 * capital, 2 the regional capitals, 3 the seats of cercles, 4 every other place.
 */
export const mapPlaceSchema = z.object({
  name: z.string(),
  rank: z.number().int().min(1).max(4),
  latitude: z.number(),
  longitude: z.number(),
});
export const mapPlacesSchema = z.object({ places: z.array(mapPlaceSchema) });
export type MapPlace = z.infer<typeof mapPlaceSchema>;

/**
 * The tiles drawn under the map, if any: the mission's tile server (`tileServer`), or the PMTiles
 * archive an administrator placed beside the data (`archive`, served by `/api/map/tiles`).
 */
export const baseLayerSchema = z.object({
  baseLayer: z
    .object({
      source: z.enum(['tileServer', 'archive']),
      /** An XYZ address with `{z}`, `{x}` and `{y}`. */
      url: z.string(),
      /** Plain text: who to credit for the tiles. */
      attribution: z.string(),
      minZoom: z.number().int(),
      maxZoom: z.number().int(),
    })
    .nullable(),
});
export type BaseLayer = NonNullable<z.infer<typeof baseLayerSchema>['baseLayer']>;

const coordinate = z.coerce.number().int().min(0);

/** A tile's address; x and y must lie inside the zoom level's grid. */
export const tileParamsSchema = z
  .strictObject({ z: z.coerce.number().int().min(0).max(22), x: coordinate, y: coordinate })
  .refine((tile) => tile.x < 2 ** tile.z && tile.y < 2 ** tile.z, { message: 'tile_outside_grid', path: ['x'] });

/** `v`: the archive's version the address was given for; an address of the current version may be kept a day. */
export const tileQuerySchema = z.strictObject({ v: z.string().max(64).optional() });
