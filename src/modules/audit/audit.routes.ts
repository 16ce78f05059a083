import { auditPageSchema, auditQuerySchema, auditVerifySchema } from '../../contracts/audit.js';
import { verifyAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { listAuditEntries } from './audit.repository.js';

const tags = ['audit'];
const access = { capability: 'audit:read' } as const;

export function auditRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Audit entries, newest first (administrators and auditors)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => listAuditEntries(ctx.database.db, request.query),
  );

  app.get(
    '/api/audit/verify',
    { config: { access }, schema: { tags, summary: 'Verify the hash chain', response: { 200: auditVerifySchema } } },
    async () => verifyAudit(ctx),
  );
}
