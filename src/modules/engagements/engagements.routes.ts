import { z } from 'zod';
import {
  engagementDetailSchema,
  engagementInputSchema,
  engagementListQuerySchema,
  engagementListSchema,
  engagementReferenceSchema,
  engagementUpdateSchema,
  followupInputSchema,
  followupUpdateSchema,
  reportDetailSchema,
  reportInputSchema,
  reportListSchema,
  reportUpdateSchema,
} from '../../contracts/engagements.js';
import { historySchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import {
  addFollowup,
  assembleReport,
  createEngagement,
  engagementHistory,
  engagementReference,
  getEngagement,
  getReport,
  listEngagements,
  listReports,
  reportPdf,
  updateEngagement,
  updateFollowup,
  updateReport,
} from './engagements.service.js';

const tags = ['engagements'];
const idParams = z.strictObject({ id: z.uuid() });

/**
 * Political engagements and their periodic reports. Everything needs an account; the service
 * filters per record (restricted by default: Political Affairs and the leadership).
 */
export function engagementsRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/engagements/reference',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Topics, follow-up statuses, keeping units and the actor registry’s parties, in the reader’s language',
        response: { 200: engagementReferenceSchema },
      },
    },
    async (request) => engagementReference(ctx, requireAuth(request).actor, request.locale),
  );

  app.get(
    '/api/engagements',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Engagements the requester may read, newest first',
        querystring: engagementListQuerySchema,
        response: { 200: engagementListSchema },
      },
    },
    async (request) => ({ engagements: await listEngagements(ctx, requireAuth(request).actor, request.query) }),
  );

  app.post(
    '/api/engagements',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record an engagement with its counterparts and follow-ups (officers and managers of PAD or OSRSG)',
        body: engagementInputSchema,
        response: { 201: engagementDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEngagement(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/engagements/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'An engagement with its counterparts, follow-ups and what the requester may do',
        params: idParams,
        response: { 200: engagementDetailSchema },
      },
    },
    async (request) => getEngagement(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.patch(
    '/api/engagements/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit an engagement; a stale version is a 409',
        params: idParams,
        body: engagementUpdateSchema,
        response: { 200: engagementDetailSchema },
      },
    },
    async (request) => updateEngagement(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/engagements/:id/history',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Who changed which field of an engagement, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await engagementHistory(ctx, requireAuth(request).actor, request.params.id) }),
  );

  app.post(
    '/api/engagements/:id/followups',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Add a follow-up (action, owner, deadline, status) to an engagement',
        params: idParams,
        body: followupInputSchema,
        response: { 201: engagementDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addFollowup(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale)),
  );

  app.patch(
    '/api/engagements/followups/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Follow up: change a follow-up’s status, owner, deadline or action',
        params: idParams,
        body: followupUpdateSchema,
        response: { 200: engagementDetailSchema },
      },
    },
    async (request) => updateFollowup(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/engagements/reports',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Periodic reports the requester may read, newest period first', response: { 200: reportListSchema } },
    },
    async (request) => ({ reports: await listReports(ctx, requireAuth(request).actor) }),
  );

  app.post(
    '/api/engagements/reports',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Assemble a weekly or monthly report from the period’s records into a new draft, classed as its most sensitive record',
        body: reportInputSchema,
        response: { 201: reportDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await assembleReport(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/engagements/reports/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A report draft with its text and the records assembled',
        params: idParams,
        response: { 200: reportDetailSchema },
      },
    },
    async (request) => getReport(ctx, requireAuth(request).actor, request.params.id),
  );

  app.patch(
    '/api/engagements/reports/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Save the author’s edits to a report draft; a stale version is a 409',
        params: idParams,
        body: reportUpdateSchema,
        response: { 200: reportDetailSchema },
      },
    },
    async (request) => updateReport(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/engagements/reports/:id/pdf',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'A report as PDF in its language, its class marked on every page', params: idParams },
    },
    async (request, reply) => {
      const { pdf, filename } = await reportPdf(ctx, requireAuth(request).actor, request.params.id);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
    },
  );
}
