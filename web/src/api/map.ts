import { queryOptions } from '@tanstack/react-query';
import type { BaseLayer, MapPlace } from '../../../src/contracts/map.js';
import { request } from './client.js';

export type { BaseLayer, MapPlace };

/** Query keys of what the map draws besides incidents; nothing the app writes changes them. */
export const mapKeys = {
  places: ['map', 'places'] as const,
  baseLayer: ['map', 'base-layer'] as const,
};

export const mapQueries = {
  /** The gazetteer's towns: shipped with the server, validated by its ETag. */
  places: () =>
    queryOptions({
      queryKey: mapKeys.places,
      queryFn: async () => (await request<{ places: MapPlace[] }>('GET', '/api/map/places')).places,
      staleTime: Number.POSITIVE_INFINITY,
    }),
  /** The tiles under the map, or null: set by an administrator, read once per visit. */
  baseLayer: () =>
    queryOptions({
      queryKey: mapKeys.baseLayer,
      queryFn: async () => (await request<{ baseLayer: BaseLayer | null }>('GET', '/api/map/base-layer')).baseLayer,
      staleTime: 5 * 60_000,
    }),
};
