import { z } from 'zod';
import { caseRefSchema } from '../../contracts/protection.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { attachToCase, attachToIncident, readAttachment } from './attachments.service.js';

const tags = ['attachments'];

const attachmentSchema = z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), createdAt: z.string() });

export function attachmentRoutes(app: Router, ctx: AppContext): void {
  app.post(
    '/api/incidents/:ref/attachments',
    {
      config: { access: { signedIn: true } },
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Attach a photo (JPEG, PNG) or a PDF to an incident; the body is the file itself',
        params: z.strictObject({ ref: z.string().regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }) }),
        querystring: z.strictObject({ filename: z.string().trim().min(1).max(300) }),
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await attachToIncident(ctx, actor, request.params.ref, request.query.filename, body));
    },
  );

  app.post(
    '/api/protection/cases/:ref/attachments',
    {
      config: { access: { signedIn: true } },
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Attach a photo (JPEG, PNG) or a PDF to a protection case; name and content are sealed at rest',
        params: z.strictObject({ ref: caseRefSchema }),
        querystring: z.strictObject({ filename: z.string().trim().min(1).max(300) }),
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await attachToCase(ctx, actor, request.params.ref, request.query.filename, body));
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Download an attachment of a record the requester may read', params: z.strictObject({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const file = await readAttachment(ctx, request.auth?.actor ?? null, request.params.id, request.locale);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.content);
    },
  );
}
