import { Readable } from 'node:stream';
import { z } from 'zod';
import { submissionHeadersSchema } from '../../contracts/common.js';
import {
  findingCountsSchema,
  operationCountsSchema,
  operationExportQuerySchema,
  operationFilterSchema,
  operationInputSchema,
  operationListQuerySchema,
  operationMapSchema,
  operationPageSchema,
  operationSchema,
  operationTransitionBodySchema,
  operationUpdateSchema,
  operationVocabularySchema,
  verificationInputSchema,
  verificationListQuerySchema,
  verificationListSchema,
  verificationSchema,
} from '../../contracts/operations.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { submissionOf, submitOnce } from '../../platform/submissions.js';
import { findingCounts, listVerifications, recordVerification } from './ceasefire.service.js';
import { exportOperationsCsv } from './operations.csv.js';
import {
  getOperation,
  listOperations,
  operationCounts,
  operationMap,
  operationVocabulary,
  planOperation,
  recordOperationExport,
  transitionOperation,
  updateOperation,
} from './operations.service.js';

const tags = ['operations'];
const signedIn = { access: { signedIn: true } } as const;
const idParams = z.strictObject({ id: z.uuid() });

function filterOf(query: Record<string, unknown>) {
  return operationFilterSchema.parse(
    Object.fromEntries(
      Object.entries(query)
        .filter(([key, value]) => key in operationFilterSchema.shape && value !== undefined)
        .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
    ),
  );
}

/**
 * The operations log of the Force and UNPOL. Signed-in members only, never public; every read
 * (list, counts, map, export, detail) is filtered in SQL by the operational-security rule: until
 * completed, only the units taking part and the JOC read an operation (decided in the service; an
 * operation one may not read is a 404).
 */
export function operationRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/operations/vocabulary',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Types, statuses, sectors and places, in the reader’s language',
        response: { 200: operationVocabularySchema },
      },
    },
    async (request) => operationVocabulary(request.locale),
  );

  app.get(
    '/api/operations',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'The operations the requester may read, filtered by type, status, unit, sector, period and words, one keyset page at a time',
        querystring: operationListQuerySchema,
        response: { 200: operationPageSchema },
      },
    },
    async (request) => listOperations(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/operations/counts',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Counts of the readable operations of a filter, by status and by type',
        querystring: operationFilterSchema,
        response: { 200: operationCountsSchema },
      },
    },
    async (request) => operationCounts(ctx, requireAuth(request).actor, request.query),
  );

  app.get(
    '/api/operations/map',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Routes and areas of the readable operations of a filter, as GeoJSON',
        querystring: operationFilterSchema,
        response: { 200: operationMapSchema },
      },
    },
    async (request) => operationMap(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.get(
    '/api/operations/export.csv',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'CSV export of the readable operations of a filter, streamed (audited)',
        querystring: operationExportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireAuth(request).actor;
      const filter = filterOf(request.query);
      await recordOperationExport(ctx, actor, filter);
      const separator = request.query.separator === 'semicolon' ? ';' : ',';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="operations.csv"')
        .send(
          Readable.from(exportOperationsCsv(ctx, actor, filter, { separator, locale: request.query.lang ?? request.locale }), {
            highWaterMark: 1,
          }),
        );
    },
  );

  app.post(
    '/api/operations',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Plan an operation (the JOC’s officers and managers, or the leading unit’s); its route or area is checked inside Mali',
        body: operationInputSchema,
        response: { 201: operationSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await planOperation(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/operations/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'One operation with its lifecycle and linked incidents',
        params: idParams,
        response: { 200: operationSchema },
      },
    },
    async (request) => getOperation(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.put(
    '/api/operations/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change the plan while planned or ordered (optimistic version)',
        params: idParams,
        body: operationUpdateSchema,
        response: { 200: operationSchema },
      },
    },
    async (request) =>
      updateOperation(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.body.operation, request.locale),
  );

  app.post(
    '/api/operations/:id/transitions',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Order (JOC), start, complete with a report (a unit taking part), or cancel (JOC) an operation; a repeated send with the same Idempotency-Key answers with the operation as that first send left it moved, marked Idempotent-Replayed',
        params: idParams,
        headers: submissionHeadersSchema,
        body: operationTransitionBodySchema,
        response: { 200: operationSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const { id } = request.params;
      // A report written in the field is sent again when its first answer was lost: the key taken
      // with the first transition answers the repeat, which would otherwise meet its own change (409).
      const { result, replayed } = await submitOnce(
        ctx,
        actor,
        submissionOf(request.headers, `operation.${request.body.action}`, ctx.now()),
        (submission) => transitionOperation(ctx, actor, id, request.body, request.locale, submission),
        (recordId) => {
          if (recordId !== id) throw new AppError(422, 'submission_key_other_record');
          return getOperation(ctx, actor, id, request.locale);
        },
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return result;
    },
  );

  app.get(
    '/api/ceasefire/verifications',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Verification missions on alleged ceasefire violations the requester may read, by the allegation’s period or reference',
        querystring: verificationListQuerySchema,
        response: { 200: verificationListSchema },
      },
    },
    async (request) => listVerifications(ctx, requireAuth(request).actor, request.query, request.locale),
  );

  app.post(
    '/api/ceasefire/verifications',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a verification mission and its finding on an alleged ceasefire violation (the team unit’s officers and managers)',
        body: verificationInputSchema,
        response: { 201: verificationSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await recordVerification(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/ceasefire/findings',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Findings by party over a period from each allegation’s latest verification; unverified allegations apart',
        querystring: verificationListQuerySchema.omit({ incident: true }),
        response: { 200: findingCountsSchema },
      },
    },
    async (request) => findingCounts(ctx, requireAuth(request).actor, request.query, request.locale),
  );
}
