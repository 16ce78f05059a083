import { z } from 'zod';
import { ddrCodeSchema } from '../../contracts/ddr.js';
import {
  csvQuerySchema,
  custodyInputSchema,
  siteDetailSchema,
  siteInputSchema,
  siteListSchema,
  siteUpdateSchema,
  siteVocabularySchema,
  weaponCodeSchema,
  weaponCountsQuerySchema,
  weaponCountsSchema,
  weaponInputSchema,
  weaponListSchema,
  weaponSchema,
} from '../../contracts/ddr-sites.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import {
  createCantonmentSite,
  getCantonmentSite,
  listCantonmentSites,
  sitesCsv,
  siteVocabulary,
  updateCantonmentSite,
  weaponCounts,
  weaponCountsCsv,
} from './sites.service.js';
import { getWeapon, handInWeapon, moveWeapon, weaponsOf } from './weapons.service.js';

const tags = ['ddr'];
const signedIn = { access: { signedIn: true } } as const;
const open = { access: { public: true } } as const;
const siteParams = z.strictObject({ id: z.uuid() });
const personParams = z.strictObject({ code: ddrCodeSchema });
const weaponParams = z.strictObject({ code: weaponCodeSchema });

/**
 * Cantonment sites, weapons and their chain of custody. Sites and counts: public routes that
 * answer with the sites the requester may read (public ones for a visitor), counts suppressed
 * outside the DDR section. Weapons: signed-in members only, decided in the service like persons
 * (a weapon one may not read is a 404; second factor required).
 */
export function ddrSiteRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/ddr/sites/vocabulary',
    {
      // Lists of services, statuses, kinds, conditions, moves, regions and gazetteer places: no record's data.
      config: open,
      schema: { tags, summary: 'Vocabularies of sites and weapons, in the reader’s language', response: { 200: siteVocabularySchema } },
    },
    async (request) => siteVocabulary(request.locale),
  );

  app.get(
    '/api/ddr/sites',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Cantonment sites the requester may read, with occupancy and weapons handed in (suppressed outside the DDR section), beside the fact book’s count',
        response: { 200: siteListSchema },
      },
    },
    async (request) => listCantonmentSites(ctx, request.auth?.actor ?? null, request.locale),
  );

  app.get(
    '/api/ddr/sites/export.csv',
    {
      config: open,
      schema: { tags, summary: 'CSV of the cantonment sites the requester may read, with their counts', querystring: csvQuerySchema },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ddr-sites.csv"')
        .send(await sitesCsv(ctx, request.auth?.actor ?? null, request.locale, request.query.separator === 'semicolon' ? ';' : ',')),
  );

  app.post(
    '/api/ddr/sites',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a cantonment site (DDR officers and managers)',
        body: siteInputSchema,
        response: { 201: siteDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createCantonmentSite(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/ddr/sites/:id',
    {
      config: open,
      schema: {
        tags,
        summary: 'A cantonment site with its occupancy over time and its weapons by kind',
        params: siteParams,
        response: { 200: siteDetailSchema },
      },
    },
    async (request) => getCantonmentSite(ctx, request.auth?.actor ?? null, request.params.id),
  );

  app.put(
    '/api/ddr/sites/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change a cantonment site (optimistic version; DDR officers and managers)',
        params: siteParams,
        body: siteUpdateSchema,
        response: { 200: siteDetailSchema },
      },
    },
    async (request) => updateCantonmentSite(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/ddr/weapons/counts',
    {
      config: open,
      schema: {
        tags,
        summary: 'Weapons and ammunition handed in, by site, kind and period (suppressed outside the DDR section)',
        querystring: weaponCountsQuerySchema,
        response: { 200: weaponCountsSchema },
      },
    },
    async (request) => weaponCounts(ctx, request.auth?.actor ?? null, request.query.period, request.locale),
  );

  app.get(
    '/api/ddr/weapons/counts.csv',
    {
      config: open,
      schema: { tags, summary: 'CSV of the weapons counts by site, kind and period', querystring: csvQuerySchema },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ddr-weapons-counts.csv"')
        .send(
          await weaponCountsCsv(
            ctx,
            request.auth?.actor ?? null,
            request.query.period,
            request.locale,
            request.query.separator === 'semicolon' ? ';' : ',',
          ),
        ),
  );

  app.get(
    '/api/ddr/persons/:code/weapons',
    {
      config: signedIn,
      schema: { tags, summary: 'The weapons a person handed in', params: personParams, response: { 200: weaponListSchema } },
    },
    async (request) => weaponsOf(ctx, requireAuth(request).actor, request.params.code),
  );

  app.post(
    '/api/ddr/persons/:code/weapons',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a weapon or lot of ammunition handed in by a person at a site (a serial number seen twice is flagged)',
        params: personParams,
        body: weaponInputSchema,
        response: { 201: weaponSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await handInWeapon(ctx, requireAuth(request).actor, request.params.code, request.body)),
  );

  app.get(
    '/api/ddr/weapons/:code',
    {
      config: signedIn,
      schema: { tags, summary: 'A weapon with its chain of custody (audited read)', params: weaponParams, response: { 200: weaponSchema } },
    },
    async (request) => getWeapon(ctx, requireAuth(request).actor, request.params.code),
  );

  app.post(
    '/api/ddr/weapons/:code/custody',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Store, transfer or destroy a weapon: from where it is to where it goes, both sides named (destruction is final)',
        params: weaponParams,
        body: custodyInputSchema,
        response: { 200: weaponSchema },
      },
    },
    async (request) => moveWeapon(ctx, requireAuth(request).actor, request.params.code, request.body),
  );
}
