import { z } from 'zod';
import {
  assessmentInputSchema,
  assessmentUpdateSchema,
  csvQuerySchema,
  dashboardSchema,
  facilityDetailSchema,
  facilityFilterSchema,
  facilityInputSchema,
  facilityListSchema,
  facilityUpdateSchema,
  incidentLinkInputSchema,
  populationInputSchema,
  vocabularySchema,
} from '../../contracts/justice.js';
import { historySchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { facilitiesCsv, justiceDashboard } from './justice.dashboard.js';
import {
  assessFacility,
  assessmentHistory,
  correctAssessment,
  countPopulation,
  createFacility,
  facilityHistory,
  getFacility,
  justiceVocabulary,
  linkIncident,
  listFacilities,
  updateFacility,
} from './justice.service.js';

const tags = ['justice'];
const idParams = z.strictObject({ id: z.uuid() });

/**
 * Justice and corrections. Reads are open at the gate and filtered per facility (internal unless
 * marked public); writes need an account, and the service asks the policy (JCS officers record and
 * assess, its managers correct).
 */
export function justiceRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/justice/vocabulary',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Kinds of courts and prisons, statuses, staff roles, the gazetteer’s places and the regions, in the reader’s language',
        response: { 200: vocabularySchema },
      },
    },
    async (request) => justiceVocabulary(request.locale),
  );

  app.get(
    '/api/justice/facilities',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Courts and prisons the requester may read, each with its latest assessment',
        querystring: facilityFilterSchema,
        response: { 200: facilityListSchema },
      },
    },
    async (request) => listFacilities(ctx, request.auth?.actor ?? null, request.query, request.locale),
  );

  app.get(
    '/api/justice/facilities.csv',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'The courts and prisons as CSV (UTF-8 with BOM), with their latest status', querystring: csvQuerySchema },
    },
    async (request, reply) => {
      const { separator, lang, ...filter } = request.query;
      const csv = await facilitiesCsv(ctx, request.auth?.actor ?? null, filter, {
        separator: separator === 'semicolon' ? ';' : ',',
        locale: lang ?? request.locale,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="justice-etablissements.csv"')
        .send(csv);
    },
  );

  app.post(
    '/api/justice/facilities',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Enter a court or a prison (officers and managers of Justice and Corrections)',
        body: facilityInputSchema,
        response: { 201: facilityDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createFacility(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/justice/facilities/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A facility with its assessments (newest first), population counts, linked incidents and what the requester may do',
        params: idParams,
        response: { 200: facilityDetailSchema },
      },
    },
    async (request) => getFacility(ctx, request.auth?.actor ?? null, request.params.id, request.locale),
  );

  app.patch(
    '/api/justice/facilities/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Correct a facility (managers of Justice and Corrections); a stale version is a 409',
        params: idParams,
        body: facilityUpdateSchema,
        response: { 200: facilityDetailSchema },
      },
    },
    async (request) => updateFacility(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/justice/facilities/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of a facility, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await facilityHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );

  app.post(
    '/api/justice/facilities/:id/assessments',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Assess a facility at a date (functional, partly functional, not functional), with staff present and source',
        params: idParams,
        body: assessmentInputSchema,
        response: { 201: facilityDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assessFacility(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale)),
  );

  app.put(
    '/api/justice/assessments/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Correct an assessment (managers of Justice and Corrections); a stale version is a 409',
        params: idParams,
        body: assessmentUpdateSchema,
        response: { 200: facilityDetailSchema },
      },
    },
    async (request) => correctAssessment(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/justice/assessments/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who corrected an assessment, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await assessmentHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );

  app.post(
    '/api/justice/facilities/:id/population',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Count a prison’s population at a date, with pre-trial detainees by sex',
        params: idParams,
        body: populationInputSchema,
        response: { 201: facilityDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await countPopulation(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale)),
  );

  app.post(
    '/api/justice/facilities/:id/incidents',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Link an incident of the log (one the requester may read) to a prison',
        params: idParams,
        body: incidentLinkInputSchema,
        response: { 201: facilityDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await linkIncident(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale)),
  );

  app.get(
    '/api/justice/dashboard',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'Shares of functional courts and prisons from each facility’s latest assessment, beside the fact book’s figures; prison population',
        response: { 200: dashboardSchema },
      },
    },
    async (request) => justiceDashboard(ctx, request.auth?.actor ?? null, request.locale),
  );
}
