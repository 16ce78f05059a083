import { Readable } from 'node:stream';
import { auditCatalogSchema, auditExportQuerySchema, auditPageSchema, auditQuerySchema, auditVerifySchema } from '../../contracts/audit.js';
import { verifyAudit } from '../../platform/audit.js';
import { type AppContext, recordAudit } from '../../platform/context.js';
import { type Router, requireAuth } from '../../platform/http.js';
import { auditFilterChoices, exportAuditCsv, listAudit } from './audit.service.js';

const tags = ['audit'];
const access = { capability: 'audit:read' } as const;

export function auditRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Audit entries, newest first, with names in the reader’s language (administrators and auditors)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { before, limit, ...filter } = request.query;
      return listAudit(ctx, requireAuth(request).actor, filter, { before, limit }, request.locale);
    },
  );

  app.get(
    '/api/audit/catalog',
    {
      config: { access },
      schema: { tags, summary: 'What the audit filters offer: actions, record types, accounts', response: { 200: auditCatalogSchema } },
    },
    async (request) => auditFilterChoices(ctx, request.locale),
  );

  app.get(
    '/api/audit/export.csv',
    {
      config: { access },
      schema: {
        tags,
        summary: 'The filtered audit log as CSV (UTF-8 with BOM), streamed; the export is itself audited',
        querystring: auditExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const { separator: chosen, lang, ...filter } = request.query;
      const locale = lang ?? request.locale;
      // French spreadsheets read `;` (the comma is their decimal mark).
      const separator = (chosen ?? (locale === 'fr' ? 'semicolon' : 'comma')) === 'semicolon' ? ';' : ',';
      await recordAudit(ctx, actor, { action: 'audit.export', recordType: 'audit_log', details: { filter } });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit.csv"')
        .send(Readable.from(exportAuditCsv(ctx, actor, filter, { separator, locale }), { highWaterMark: 1 }));
    },
  );

  app.get(
    '/api/audit/verify',
    { config: { access }, schema: { tags, summary: 'Verify the hash chain', response: { 200: auditVerifySchema } } },
    async () => verifyAudit(ctx),
  );
}
