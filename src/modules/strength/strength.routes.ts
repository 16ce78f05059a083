import { z } from 'zod';
import { localeSchema, submissionHeadersSchema } from '../../contracts/common.js';
import { historySchema } from '../../contracts/organisation.js';
import {
  importQuerySchema,
  importReportSchema,
  strengthCategorySchema,
  strengthQuerySchema,
  strengthSnapshotInputSchema,
  strengthSnapshotSchema,
  strengthSummarySchema,
} from '../../contracts/strength.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { answerOnce, submissionOf, submitOnce } from '../../platform/submissions.js';
import { strengthHistorySvg } from './strength.chart.js';
import {
  getSnapshot,
  importStrengthCsv,
  listContributors,
  listStrength,
  recordSnapshot,
  snapshotHistory,
  strengthSummary,
} from './strength.service.js';

const tags = ['strength'];

export function strengthRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/strength',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Strength snapshots the requester may read',
        querystring: strengthQuerySchema,
        response: { 200: z.object({ snapshots: z.array(strengthSnapshotSchema) }) },
      },
    },
    async (request) => ({ snapshots: await listStrength(ctx, request.auth?.actor ?? null, request.query) }),
  );

  app.get(
    '/api/strength/summary',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Latest authorised and deployed per category, with computed shares',
        response: { 200: strengthSummarySchema },
      },
    },
    async (request) => ({ rows: await strengthSummary(ctx, request.auth?.actor ?? null) }),
  );

  app.get(
    '/api/strength/contributors',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Contributing countries per category',
        response: {
          200: z.object({
            contributors: z.array(z.object({ category: strengthCategorySchema, country: z.string(), name: z.string(), asOf: z.string() })),
          }),
        },
      },
    },
    async (request) => ({ contributors: await listContributors(ctx, request.locale) }),
  );

  app.get(
    '/api/strength/chart.svg',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Authorised and deployed over time (SVG)',
        querystring: z.strictObject({ category: strengthCategorySchema, lang: localeSchema.optional() }),
      },
    },
    async (request, reply) => {
      const snapshots = await listStrength(ctx, request.auth?.actor ?? null, { category: request.query.category });
      return reply.type('image/svg+xml').send(strengthHistorySvg(snapshots, request.query.lang ?? request.locale));
    },
  );

  app.post(
    '/api/strength',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Record one strength snapshot (officers and managers of the owning unit); a repeated send with the same Idempotency-Key answers 200 with the snapshot made the first time',
        headers: submissionHeadersSchema,
        body: strengthSnapshotInputSchema,
        response: { 200: strengthSnapshotSchema, 201: strengthSnapshotSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return answerOnce(
        reply,
        await submitOnce(
          ctx,
          actor,
          submissionOf(request.headers, 'strength.create', ctx.now()),
          (submission) => recordSnapshot(ctx, actor, request.body, submission),
          (id) => getSnapshot(ctx, actor, id),
        ),
      );
    },
  );

  app.get(
    '/api/strength/:id/history',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Who changed a snapshot, when, from what to what',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: historySchema },
      },
    },
    async (request) => ({ entries: await snapshotHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );

  app.post(
    '/api/strength/import',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Import strength snapshots from CSV (text/csv), with a row-by-row report',
        querystring: importQuerySchema,
        body: z.string().max(2_000_000),
        response: { 200: importReportSchema, 422: importReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const report = await importStrengthCsv(ctx, actor, request.body, request.query.mode, request.query.lang ?? request.locale);
      return reply.status(report.errors.length > 0 && report.imported === 0 ? 422 : 200).send(report);
    },
  );
}
