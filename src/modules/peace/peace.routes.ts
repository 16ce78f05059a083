import { z } from 'zod';
import { historySchema } from '../../contracts/organisation.js';
import {
  dashboardQuerySchema,
  dashboardSchema,
  decisionInputSchema,
  decisionUpdateSchema,
  importQuerySchema,
  importReportSchema,
  participationQuerySchema,
  participationSchema,
  pillarSchema,
  provisionDetailSchema,
  provisionInputSchema,
  provisionListSchema,
  provisionUpdateSchema,
  referenceSchema,
  scoreInputSchema,
  sessionDetailSchema,
  sessionInputSchema,
  sessionListSchema,
  sessionUpdateSchema,
} from '../../contracts/peace.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import {
  addDecision,
  createSession,
  getSession,
  listSessions,
  participation,
  sessionHistory,
  updateDecision,
  updateSession,
} from './csa.service.js';
import {
  createProvision,
  getProvision,
  importProvisionsCsv,
  listProvisions,
  peaceDashboard,
  peaceDashboardCsv,
  peaceReference,
  provisionHistory,
  scoreProvision,
  updateProvision,
  validateScore,
} from './peace.service.js';

const tags = ['peace'];
const idParams = z.strictObject({ id: z.uuid() });

/**
 * The peace process. Reads are open at the gate and filtered per record (internal unless a
 * record is marked public); writes need an account, and the service asks the policy.
 */
export function peaceRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/peace/reference',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Pillars of the Agreement, CSA sub-committees, delegations, the PAM scale and the quota, in the reader’s language',
        response: { 200: referenceSchema },
      },
    },
    async (request) => peaceReference(request.locale),
  );

  app.get(
    '/api/peace/provisions',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Provisions of the Agreement the requester may read, with their latest score',
        querystring: z.strictObject({ pillar: pillarSchema.optional() }),
        response: { 200: provisionListSchema },
      },
    },
    async (request) => ({ provisions: await listProvisions(ctx, request.auth?.actor ?? null, request.query.pillar) }),
  );

  app.post(
    '/api/peace/provisions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Enter a provision (officers and managers of Mediation or Political Affairs)',
        body: provisionInputSchema,
        response: { 201: provisionDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await createProvision(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/peace/provisions/import',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Import provisions from CSV (text/csv): all rows or none, with a row-by-row report',
        querystring: importQuerySchema,
        body: z.string().max(2_000_000),
        response: { 200: importReportSchema, 422: importReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const report = await importProvisionsCsv(
        ctx,
        actor,
        request.body,
        { unit: request.query.unit, classification: request.query.classification },
        request.query.lang ?? request.locale,
      );
      return reply.status(report.errors.length > 0 ? 422 : 200).send(report);
    },
  );

  app.get(
    '/api/peace/provisions/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A provision with every score, newest first, and what the requester may do',
        params: idParams,
        response: { 200: provisionDetailSchema },
      },
    },
    async (request) => getProvision(ctx, request.auth?.actor ?? null, request.params.id),
  );

  app.patch(
    '/api/peace/provisions/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit a provision; a stale version is a 409',
        params: idParams,
        body: provisionUpdateSchema,
        response: { 200: provisionDetailSchema },
      },
    },
    async (request) => updateProvision(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/peace/provisions/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of a provision, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await provisionHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );

  app.post(
    '/api/peace/provisions/:id/scores',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Score a provision for a period (PAM scale 0–3) with evidence; earlier scores of the period stay as history',
        params: idParams,
        body: scoreInputSchema,
        response: { 201: provisionDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await scoreProvision(ctx, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/peace/scores/:id/validate',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Validate a score (a manager of the unit, not its author)',
        params: idParams,
        response: { 200: provisionDetailSchema },
      },
    },
    async (request) => validateScore(ctx, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/peace/dashboard',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Implementation by pillar and period: average current score and provisions per level',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => peaceDashboard(ctx, request.auth?.actor ?? null, request.query.pillar),
  );

  app.get(
    '/api/peace/dashboard.csv',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'The implementation dashboard as CSV (UTF-8 with BOM)', querystring: dashboardQuerySchema },
    },
    async (request, reply) => {
      const csv = await peaceDashboardCsv(ctx, request.auth?.actor ?? null, request.query.pillar, {
        separator: request.query.separator === 'semicolon' ? ';' : ',',
        locale: request.query.lang ?? request.locale,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="accord-mise-en-oeuvre.csv"')
        .send(csv);
    },
  );

  app.get(
    '/api/peace/sessions',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'CSA and sub-committee sessions the requester may read, newest first, with the women’s share',
        querystring: participationQuerySchema,
        response: { 200: sessionListSchema },
      },
    },
    async (request) => ({ sessions: await listSessions(ctx, request.auth?.actor ?? null, request.query.body) }),
  );

  app.get(
    '/api/peace/participation',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Women’s share of CSA attendance against the 30 % quota: overall, per delegation, per year',
        querystring: participationQuerySchema,
        response: { 200: participationSchema },
      },
    },
    async (request) => participation(ctx, request.auth?.actor ?? null, request.query.body),
  );

  app.post(
    '/api/peace/sessions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record a session with its attendance by delegation and sex',
        body: sessionInputSchema,
        response: { 201: sessionDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSession(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/peace/sessions/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A session: attendance, women’s share, decisions, and what the requester may do',
        params: idParams,
        response: { 200: sessionDetailSchema },
      },
    },
    async (request) => getSession(ctx, request.auth?.actor ?? null, request.params.id),
  );

  app.patch(
    '/api/peace/sessions/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit a session (attendance replaced whole when given); a stale version is a 409',
        params: idParams,
        body: sessionUpdateSchema,
        response: { 200: sessionDetailSchema },
      },
    },
    async (request) => updateSession(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/peace/sessions/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of a session, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await sessionHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );

  app.post(
    '/api/peace/sessions/:id/decisions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record a decision or recommendation of a session',
        params: idParams,
        body: decisionInputSchema,
        response: { 201: sessionDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addDecision(ctx, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/peace/decisions/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Follow up a decision: status, owner, deadline, follow-up; a stale version is a 409',
        params: idParams,
        body: decisionUpdateSchema,
        response: { 200: sessionDetailSchema },
      },
    },
    async (request) => updateDecision(ctx, requireAuth(request).actor, request.params.id, request.body),
  );
}
