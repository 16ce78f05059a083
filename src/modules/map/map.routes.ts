import { baseLayerSchema, mapPlacesSchema, tileParamsSchema, tileQuerySchema } from '../../contracts/map.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { etagMatches, type Router } from '../../platform/http.js';
import { archiveTile, baseLayer, mapPlaces, TILES_PATH } from './map.service.js';

const tags = ['map'];

export function mapRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/map/places',
    {
      // Shipped with the product: the version of the application is the version of the data.
      config: { access: { public: true }, cache: { versionedBy: [], sameFor: 'everyone' } },
      schema: {
        tags,
        summary: 'Towns of the shipped gazetteer with their coordinates, ranked by importance',
        response: { 200: mapPlacesSchema },
      },
    },
    async () => mapPlaces(),
  );

  app.get(
    '/api/map/base-layer',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The tiles drawn under the map: the mission’s tile server, the PMTiles archive beside the data, or none',
        response: { 200: baseLayerSchema },
      },
    },
    async () => baseLayer(ctx),
  );

  app.get(
    `${TILES_PATH}/:z/:x/:y`,
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A tile of the base layer’s PMTiles archive: 204 where the archive has none, 404 without an archive',
        params: tileParamsSchema,
        querystring: tileQuerySchema,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const tile = await archiveTile(ctx, z, x, y, request.query.v);
      if (tile.status === 404) throw notFound();
      // An address naming the current archive is kept a day; any other is asked again each time.
      reply.header('etag', tile.etag).header('cache-control', tile.current ? 'public, max-age=86400' : 'no-cache');
      if (etagMatches(request.headers['if-none-match'], tile.etag)) return reply.code(304).send();
      if (tile.status === 204) return reply.code(204).send();
      return reply.type(tile.mediaType).send(tile.body);
    },
  );
}
