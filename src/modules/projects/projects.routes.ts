import { Readable } from 'node:stream';
import { z } from 'zod';
import { historySchema } from '../../contracts/organisation.js';
import {
  exceptionApprovalSchema,
  portfolioDashboardSchema,
  portfolioTotalsSchema,
  projectExportQuerySchema,
  projectFilterSchema,
  projectImportQuerySchema,
  projectImportReportSchema,
  projectInputSchema,
  projectListQuerySchema,
  projectMapSchema,
  projectPageSchema,
  projectSchema,
  projectTransitionBodySchema,
  projectUpdateSchema,
  projectVocabularySchema,
  transactionInputSchema,
} from '../../contracts/projects.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type Router, requireAuth } from '../../platform/http.js';
import { exportProjectsCsv } from './projects.csv.js';
import { anyPublished, iatiActivities, recordIatiExport } from './projects.iati.js';
import {
  addTransaction,
  approveException,
  createProject,
  getProject,
  importProjectsCsv,
  listProjects,
  portfolioDashboard,
  portfolioTotals,
  projectHistory,
  projectMap,
  projectVocabulary,
  recordProjectExport,
  transitionProject,
  updateProject,
} from './projects.service.js';
import { exportProjectsXlsx } from './projects.xlsx.js';

const tags = ['projects'];
const idParams = z.strictObject({ id: z.uuid() });

function filterOf(query: Record<string, unknown>) {
  return projectFilterSchema.parse(
    Object.fromEntries(
      Object.entries(query)
        .filter(([key, value]) => key in projectFilterSchema.shape && value !== undefined)
        .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
    ),
  );
}

export function projectRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/projects',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The portfolio the requester may read, filtered by fund, status, unit and region, one keyset page at a time',
        querystring: projectListQuerySchema,
        response: { 200: projectPageSchema },
      },
    },
    async (request) => listProjects(ctx, request.auth?.actor ?? null, request.query, request.locale),
  );

  app.get(
    '/api/projects/totals',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Counts and USD totals (budget, committed, disbursed) of a filter, by status and by fund',
        querystring: projectFilterSchema,
        response: { 200: portfolioTotalsSchema },
      },
    },
    async (request) => portfolioTotals(ctx, request.auth?.actor ?? null, request.query),
  );

  app.get(
    '/api/projects/dashboard',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'The portfolio’s dashboard for a filter: counts, USD budget, commitments and disbursements, people planned and reached with the women among them, by status, fund, unit and region',
        querystring: projectFilterSchema,
        response: { 200: portfolioDashboardSchema },
      },
    },
    async (request) => portfolioDashboard(ctx, request.auth?.actor ?? null, request.query),
  );

  app.get(
    '/api/projects/map',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The places of the projects of a filter that the requester may read, for the map',
        querystring: projectFilterSchema,
        response: { 200: projectMapSchema },
      },
    },
    async (request) => projectMap(ctx, request.auth?.actor ?? null, request.query, request.locale),
  );

  app.get(
    '/api/projects/iati.xml',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'The public projects, from approval on, as an IATI activity file (standard 2.03), the same for every requester (audited); 404 while none is published',
      },
    },
    async (request, reply) => {
      if (!(await anyPublished(ctx))) throw new AppError(404, 'iati_nothing_published');
      await recordIatiExport(ctx, request.auth?.actor ?? null);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="minusma-iati-activities.xml"')
        .send(Readable.from(iatiActivities(ctx), { highWaterMark: 1 }));
    },
  );

  app.get(
    '/api/projects/vocabulary',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Sectors (DAC codes), partners of the registry and gazetteer places, for the project form',
        response: { 200: projectVocabularySchema },
      },
    },
    async (request) => projectVocabulary(ctx, request.locale),
  );

  app.get(
    '/api/projects/export.csv',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'CSV export of the portfolio for a filter (amounts in the currency and in USD), streamed (audited)',
        querystring: projectExportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? null;
      const filter = filterOf(request.query);
      await recordProjectExport(ctx, actor, filter);
      const separator = request.query.separator === 'semicolon' ? ';' : ',';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="projects.csv"')
        .send(
          Readable.from(exportProjectsCsv(ctx, actor, filter, { separator, locale: request.query.lang ?? request.locale }), {
            highWaterMark: 1,
          }),
        );
    },
  );

  app.get(
    '/api/projects/export.xlsx',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          'XLSX export of the portfolio for a filter: the CSV export’s columns, headers in French or English, amounts as numbers, dates as dates (audited)',
        querystring: projectExportQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? null;
      const filter = filterOf(request.query);
      await recordProjectExport(ctx, actor, filter, 'xlsx');
      const workbook = await exportProjectsXlsx(ctx, actor, filter, request.query.lang ?? request.locale);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="projects.xlsx"')
        .send(Buffer.from(workbook.buffer, workbook.byteOffset, workbook.byteLength));
    },
  );

  app.post(
    '/api/projects',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Propose a project of a unit the requester writes for; the rules of its fund are checked (QIP: USD 50,000 and six months)',
        body: projectInputSchema,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createProject(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.post(
    '/api/projects/import',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Import a portfolio from CSV (text/csv, the export’s columns) as proposed projects of units the requester writes for: all rows or none, with a row-by-row report',
        querystring: projectImportQuerySchema,
        body: z.string().max(2_000_000),
        response: { 200: projectImportReportSchema, 422: projectImportReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const report = await importProjectsCsv(ctx, actor, request.body, request.query.unit, request.query.lang ?? request.locale);
      return reply.status(report.errors.length > 0 ? 422 : 200).send(report);
    },
  );

  app.get(
    '/api/projects/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A project with its partners, places, transactions, lifecycle and what the requester may do',
        params: idParams,
        response: { 200: projectSchema },
      },
    },
    async (request) => getProject(ctx, request.auth?.actor ?? null, request.params.id, request.locale),
  );

  app.put(
    '/api/projects/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Change a project’s facts against the version read (409 when someone changed it first)',
        params: idParams,
        body: projectUpdateSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) =>
      updateProject(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.body.project, request.locale),
  );

  app.post(
    '/api/projects/:id/transitions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A lifecycle step: review, approve (four eyes), start, finalise, close, cancel',
        params: idParams,
        body: projectTransitionBodySchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => transitionProject(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/projects/:id/transactions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A dated commitment or disbursement in the project’s currency; never beyond the budget or the commitments',
        params: idParams,
        body: transactionInputSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => addTransaction(ctx, requireAuth(request).actor, request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/projects/:id/exception',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Approve the exception recorded for a QIP beyond USD 50,000 or six months: a manager of the unit other than its author',
        params: idParams,
        body: exceptionApprovalSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => approveException(ctx, requireAuth(request).actor, request.params.id, request.body.version, request.locale),
  );

  app.get(
    '/api/projects/:id/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of a project, when', params: idParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await projectHistory(ctx, request.auth?.actor ?? null, request.params.id) }),
  );
}
