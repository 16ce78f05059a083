import { z } from 'zod';
import {
  sitrepDetailSchema,
  sitrepInputSchema,
  sitrepListSchema,
  sitrepReleaseSchema,
  sitrepSectionKeySchema,
  sitrepSectionUpdateSchema,
  situationMapQuerySchema,
  situationMapSchema,
} from '../../contracts/situation.js';
import type { AppContext } from '../../platform/context.js';
import { type Router, requireAuth } from '../../platform/http.js';
import { createSitrep, editSection, getSitrep, listSitreps, releaseSitrep, sitrepDocx, sitrepPdf } from './sitrep.service.js';
import { situationMap } from './situation.map.js';

const tags = ['situation'];
const idParams = z.strictObject({ id: z.uuid() });
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The common operational picture and the daily situation report. Everything needs an account;
 * the services read every record with the requester's rights and decide who reads a report.
 */
export function situationRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/situation/map',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The map of a day (the last 24 hours by default): operations, incidents, open alerts, team sites the requester may read',
        querystring: situationMapQuerySchema,
        response: { 200: situationMapSchema },
      },
    },
    async (request) => situationMap(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/situation/sitreps',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Situation reports the requester may read (their class and every record in them), newest first',
        response: { 200: sitrepListSchema },
      },
    },
    async (request) => listSitreps(ctx, requireAuth(request).actor, request.locale),
  );

  app.post(
    '/api/situation/sitreps',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Assemble a sector’s or the mission’s situation report from a period’s records (the JOC), classed as its most sensitive record',
        body: sitrepInputSchema,
        response: { 201: sitrepDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSitrep(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/situation/sitreps/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A situation report with its sections and records',
        params: idParams,
        response: { 200: sitrepDetailSchema },
      },
    },
    async (request) => getSitrep(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.put(
    '/api/situation/sitreps/:id/sections/:key',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Save a section’s text (the JOC, drafts only); a stale version is a 409',
        params: z.strictObject({ id: z.uuid(), key: sitrepSectionKeySchema }),
        body: sitrepSectionUpdateSchema,
        response: { 200: sitrepDetailSchema },
      },
    },
    async (request) => editSection(ctx, requireAuth(request).actor, request.params.id, request.params.key, request.body, request.locale),
  );

  app.post(
    '/api/situation/sitreps/:id/release',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Release a situation report: it is frozen from then on',
        params: idParams,
        body: sitrepReleaseSchema,
        response: { 200: sitrepDetailSchema },
      },
    },
    async (request) => releaseSitrep(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.locale),
  );

  app.get(
    '/api/situation/sitreps/:id/pdf',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'A situation report as PDF in its language, its class marked on every page', params: idParams },
    },
    async (request, reply) => {
      const { pdf, filename } = await sitrepPdf(ctx, requireAuth(request).actor, request.params.id);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
    },
  );

  app.get(
    '/api/situation/sitreps/:id/docx',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A situation report as a Word document (DOCX) in its language, its class marked in the header and footer of every page',
        params: idParams,
      },
    },
    async (request, reply) => {
      const { docx, filename } = await sitrepDocx(ctx, requireAuth(request).actor, request.params.id);
      return reply.type(DOCX_TYPE).header('content-disposition', `attachment; filename="${filename}"`).send(docx);
    },
  );
}
