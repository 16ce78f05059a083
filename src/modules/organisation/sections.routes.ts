import { z } from 'zod';
import {
  contactParamsSchema,
  contactSchema,
  historySchema,
  partnerSchema,
  searchQuerySchema,
  searchResultSchema,
  sectionParamsSchema,
  sectionSchema,
  sectionTextSchema,
  textParamsSchema,
  updateContactBodySchema,
  updateTextBodySchema,
} from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { listPartners, listResolutions } from './sections.repository.js';
import {
  contactHistory,
  getSection,
  searchMission,
  sectionSummaries,
  sectionTextHistory,
  updateContact,
  updateSectionText,
} from './sections.service.js';

const tags = ['organisation'];

/** A signed-in reader may read more sections, texts and contacts: only anonymous readers share a response. */
const publicRead = { access: { public: true }, cache: { versionedBy: 'public data', sameFor: 'anonymous' } } as const;
/** Partners and resolutions are the same for every reader. */
const everyoneRead = { access: { public: true }, cache: { versionedBy: 'public data', sameFor: 'everyone' } } as const;

const sectionListSchema = z.object({
  sections: z.array(z.object({ unit: z.string(), title: z.string(), page: z.number().int().nullable() })),
});

export function sectionRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/sections',
    {
      config: publicRead,
      schema: { tags, summary: 'The fact-book sections the requester may read', response: { 200: sectionListSchema } },
    },
    async (request) => ({ sections: await sectionSummaries(ctx, request.auth?.actor ?? null) }),
  );

  app.get(
    '/api/sections/:unit',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'One section: mandate, tasks, results, partners, contacts, places and figures',
        params: sectionParamsSchema,
        response: { 200: sectionSchema },
      },
    },
    async (request) => getSection(ctx, request.auth?.actor ?? null, request.params.unit, request.locale),
  );

  app.patch(
    '/api/sections/:unit/texts/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit one text of a section (optimistic concurrency on version)',
        params: textParamsSchema,
        body: updateTextBodySchema,
        response: { 200: sectionTextSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return updateSectionText(ctx, actor, request.params.unit, request.params.id, request.body);
    },
  );

  app.get(
    '/api/sections/:unit/texts/:id/history',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Who changed a text, when, from what to what', params: textParamsSchema, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await sectionTextHistory(ctx, request.auth?.actor ?? null, request.params.unit, request.params.id) }),
  );

  app.patch(
    '/api/sections/:unit/contacts/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit a contact of a section (optimistic concurrency on version)',
        params: contactParamsSchema,
        body: updateContactBodySchema,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return updateContact(ctx, actor, request.params.unit, request.params.id, request.body);
    },
  );

  app.get(
    '/api/sections/:unit/contacts/:id/history',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Who changed a contact, when, from what to what',
        params: contactParamsSchema,
        response: { 200: historySchema },
      },
    },
    async (request) => ({ entries: await contactHistory(ctx, request.auth?.actor ?? null, request.params.unit, request.params.id) }),
  );

  app.get(
    '/api/partners',
    {
      config: everyoneRead,
      schema: {
        tags,
        summary: 'The partner organisations named by the sections',
        response: { 200: z.object({ partners: z.array(partnerSchema) }) },
      },
    },
    async () => ({ partners: await listPartners(ctx.database.db) }),
  );

  app.get(
    '/api/resolutions',
    {
      config: everyoneRead,
      schema: {
        tags,
        summary: 'Security Council resolutions cited by the mandate',
        response: { 200: z.object({ resolutions: z.array(z.object({ number: z.number(), year: z.number() })) }) },
      },
    },
    async () => ({ resolutions: await listResolutions(ctx.database.db) }),
  );

  app.get(
    '/api/search',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'Accent- and case-insensitive search of mandates, tasks, results, partners and contacts',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => searchMission(ctx, request.auth?.actor ?? null, request.query.q, request.query.limit),
  );
}
