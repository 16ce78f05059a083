import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  activityExportQuerySchema,
  activityFilterSchema,
  activityImportQuerySchema,
  activityImportReportSchema,
  activityInputSchema,
  activityListQuerySchema,
  activityPageSchema,
  activitySchema,
  activitySeriesInputSchema,
  activitySeriesResultSchema,
  activityTotalsSchema,
  activityUpdateSchema,
  activityVocabularySchema,
} from '../../contracts/activities.js';
import { submissionHeadersSchema } from '../../contracts/common.js';
import { historySchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import { type Router, requireAuth } from '../../platform/http.js';
import { answerOnce, submissionOf, submitOnce } from '../../platform/submissions.js';
import { exportActivitiesCsv, importActivitiesCsv } from './activities.csv.js';
import {
  activityHistory,
  activityTotals,
  activityVocabulary,
  createActivity,
  createActivitySeries,
  getActivity,
  listActivities,
  recordActivityExport,
  updateActivity,
} from './activities.service.js';

const tags = ['activities'];
const idParams = z.strictObject({ id: z.uuid() });

function filterOf(query: Record<string, unknown>) {
  return activityFilterSchema.parse(
    Object.fromEntries(
      Object.entries(query)
        .filter(([key, value]) => key in activityFilterSchema.shape && value !== undefined)
        .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
    ),
  );
}

export function activityRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/activities',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Activities and trainings the requester may read, filtered by unit, type, topic, category, period and region',
        querystring: activityListQuerySchema,
        response: { 200: activityPageSchema },
      },
    },
    async (request) => listActivities(ctx, request.auth?.actor ?? null, request.query, request.locale),
  );

  app.get(
    '/api/activities/totals',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Activities and participants of a filter, by sex and by age group, in all and by type',
        querystring: activityFilterSchema,
        response: { 200: activityTotalsSchema },
      },
    },
    async (request) => activityTotals(ctx, request.auth?.actor ?? null, request.query),
  );

  app.get(
    '/api/activities/vocabulary',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Types, topics, categories, age bands and gazetteer places, and the units the requester records for',
        response: { 200: activityVocabularySchema },
      },
    },
    async (request) => activityVocabulary(request.auth?.actor ?? null, request.locale),
  );

  app.get(
    '/api/activities/export.csv',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'CSV export of the activities of a filter, in the layout the import reads (audited)',
        querystring: activityExportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? null;
      const filter = filterOf(request.query);
      await recordActivityExport(ctx, actor, filter);
      const separator = request.query.separator === 'semicolon' ? ';' : ',';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="activities.csv"')
        .send(Readable.from(exportActivitiesCsv(ctx, actor, filter, separator), { highWaterMark: 1 }));
    },
  );

  app.post(
    '/api/activities',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Record an activity of a unit the requester writes for, with its participants by sex and age group; a repeated send with the same Idempotency-Key answers 200 with the activity made the first time',
        headers: submissionHeadersSchema,
        body: activityInputSchema,
        response: { 200: activitySchema, 201: activitySchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return answerOnce(
        reply,
        await submitOnce(
          ctx,
          actor,
          submissionOf(request.headers, 'activity.create', ctx.now()),
          (submission) => createActivity(ctx, actor, request.body, request.locale, submission),
          (id) => getActivity(ctx, actor, id, request.locale),
        ),
      );
    },
  );

  app.post(
    '/api/activities/series',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record the same activity at several dates or places: all occurrences, or none',
        body: activitySeriesInputSchema,
        response: { 201: activitySeriesResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createActivitySeries(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.post(
    '/api/activities/import',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Import activities of a unit from CSV (text/csv): all rows or none, with a row-by-row report',
        querystring: activityImportQuerySchema,
        body: z.string().max(2_000_000),
        response: { 200: activityImportReportSchema, 422: activityImportReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const report = await importActivitiesCsv(ctx, actor, request.body, request.query, request.locale);
      return reply.status(report.errors.length > 0 ? 422 : 200).send(report);
    },
  );

  app.get(
    '/api/activities/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'An activity with its participants and what the requester may do',
        params: idParams,
        response: { 200: activitySchema },
      },
    },
    async (request) => getActivity(ctx, request.auth?.actor ?? null, request.params.id, request.locale),
  );

  app.put(
    '/api/activities/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Correct an activity (a manager of its unit) against the version read (409 when someone changed it first)',
        params: idParams,
        body: activityUpdateSchema,
        response: { 200: activitySchema },
      },
    },
    async (request) =>
      updateActivity(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.body.activity, request.locale),
  );

  app.get(
    '/api/activities/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of an activity, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await activityHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );
}
