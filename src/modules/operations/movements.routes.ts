import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  movementCountsSchema,
  movementDecisionSchema,
  movementExportQuerySchema,
  movementFilterSchema,
  movementInputSchema,
  movementListSchema,
  movementSchema,
  movementVocabularySchema,
} from '../../contracts/movements.js';
import {
  hrddpInputSchema,
  supportFilterSchema,
  supportInputSchema,
  supportListSchema,
  supportRequestSchema,
  supportTransitionSchema,
  supportVocabularySchema,
} from '../../contracts/support.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { exportMovementsCsv } from './movements.csv.js';
import {
  decideMovement,
  getMovement,
  listMovements,
  movementCounts,
  movementVocabulary,
  recordMovement,
  recordMovementExport,
} from './movements.service.js';
import { assessHrddp, getSupport, listSupport, recordSupport, supportVocabulary, transitionSupport } from './support.service.js';

const tags = ['operations'];
const signedIn = { access: { signedIn: true } } as const;
const idParams = z.strictObject({ id: z.uuid() });

function filterOf(query: Record<string, unknown>) {
  return movementFilterSchema.parse(
    Object.fromEntries(
      Object.entries(query)
        .filter(([key, value]) => key in movementFilterSchema.shape && value !== undefined)
        .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
    ),
  );
}

/**
 * Ceasefire movement control and support to the Malian forces. Signed-in members only, never
 * public; every read is filtered in SQL by need to know (the Force and the JOC for movements; the
 * handling unit, the JOC and the Human Rights and Protection Division for support requests): a
 * record one may not read is a 404, a list leaves it out.
 */
export function movementRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/ceasefire/movements/vocabulary',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Kinds, statuses, weapons, signatory groups, places and the units the requester records for',
        response: { 200: movementVocabularySchema },
      },
    },
    async (request) => movementVocabulary(ctx, requireAuth(request).actor, request.locale),
  );

  app.get(
    '/api/ceasefire/movements',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Movement notifications, weapons declarations and observed movements the requester may read, by group, status, kind and period',
        querystring: movementFilterSchema,
        response: { 200: movementListSchema },
      },
    },
    async (request) => listMovements(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/ceasefire/movements/counts',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Counts by signatory group over a period: notified, approved, refused, observed without notification',
        querystring: movementFilterSchema,
        response: { 200: movementCountsSchema },
      },
    },
    async (request) => movementCounts(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/ceasefire/movements/export.csv',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'CSV export of the movements of a filter the requester may read, streamed (audited)',
        querystring: movementExportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireAuth(request).actor;
      const filter = filterOf(request.query);
      await recordMovementExport(ctx, actor, filter);
      const separator = request.query.separator === 'semicolon' ? ';' : ',';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="movements.csv"')
        .send(
          Readable.from(exportMovementsCsv(ctx, actor, filter, { separator, locale: request.query.lang ?? request.locale }), {
            highWaterMark: 1,
          }),
        );
    },
  );

  app.get(
    '/api/ceasefire/movements/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'One movement, declaration or observed movement', params: idParams, response: { 200: movementSchema } },
    },
    async (request) => getMovement(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.post(
    '/api/ceasefire/movements',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Record a movement notification, a weapons declaration or a movement observed without notification (the Force’s and the JOC’s officers)',
        body: movementInputSchema,
        response: { 201: movementSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await recordMovement(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.post(
    '/api/ceasefire/movements/:id/decision',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Approve or refuse a notified movement or declaration (the Force’s ceasefire staff, optimistic version)',
        params: idParams,
        body: movementDecisionSchema,
        response: { 200: movementSchema },
      },
    },
    async (request) => decideMovement(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/malian-support/vocabulary',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Kinds of support, Malian forces, statuses, HRDDP outcomes, places and the units the requester records for',
        response: { 200: supportVocabularySchema },
      },
    },
    async (request) => supportVocabulary(requireAuth(request).actor, request.locale),
  );

  app.get(
    '/api/malian-support',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Requests for support from the Malian forces the requester may read, by status and period',
        querystring: supportFilterSchema,
        response: { 200: supportListSchema },
      },
    },
    async (request) => listSupport(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/malian-support/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'One support request with its HRDDP check, decision and delivery',
        params: idParams,
        response: { 200: supportRequestSchema },
      },
    },
    async (request) => getSupport(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.post(
    '/api/malian-support',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a request for support from a Malian forces unit (the Force’s, UNPOL’s or the JOC’s officers)',
        body: supportInputSchema,
        response: { 201: supportRequestSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await recordSupport(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.post(
    '/api/malian-support/:id/hrddp',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record the human-rights due-diligence (HRDDP) check (the Human Rights Division or the JOC, not the request’s recorder)',
        params: idParams,
        body: hrddpInputSchema,
        response: { 200: supportRequestSchema },
      },
    },
    async (request) => assessHrddp(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/malian-support/:id/transitions',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Approve (only after an HRDDP check that is not refused) or refuse (JOC), deliver with its outcome or cancel a support request',
        params: idParams,
        body: supportTransitionSchema,
        response: { 200: supportRequestSchema },
      },
    },
    async (request) => transitionSupport(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );
}
