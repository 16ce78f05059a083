import { Readable } from 'node:stream';
import { z } from 'zod';
import { submissionHeadersSchema } from '../../contracts/common.js';
import {
  actorAliasInputSchema,
  actorCodeParamsSchema,
  actorInputSchema,
  actorMergeInputSchema,
  actorRegistrySchema,
  actorSchema,
  actorStatusInputSchema,
  exportQuerySchema,
  importCommitSchema,
  importPreviewSchema,
  importQuerySchema,
  importReportSchema,
  incidentFilterSchema,
  incidentInputSchema,
  incidentListQuerySchema,
  incidentMapSchema,
  incidentPageSchema,
  incidentSchema,
  incidentStatsSchema,
  incidentUpdateSchema,
  incidentVocabularySchema,
  mapQuerySchema,
  statsQuerySchema,
  transitionBodySchema,
} from '../../contracts/incidents.js';
import { historySchema } from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { answerOnce, submissionOf, submitOnce } from '../../platform/submissions.js';
import { ACTOR_ACTIONS, actorRegistryPage, addActorAlias, mergeActor, setActorStatus } from './actors.service.js';
import { exportCsv, exportGeoJson, recordExport } from './incidents.export.js';
import { importIncidentsCsv } from './incidents.import.js';
import { previewIncidentsCsv } from './incidents.mapping.js';
import {
  addActor,
  countIncidents,
  createIncident,
  getIncident,
  getIncidentById,
  incidentHistory,
  incidentVocabulary,
  listIncidents,
  transitionIncident,
  updateIncident,
} from './incidents.service.js';
import { incidentMap, incidentStats } from './incidents.stats.js';

const tags = ['incidents'];
const refParams = z.strictObject({ ref: z.string().regex(/^MLI-\d{4}-\d{6}$/, { message: 'incident_ref' }) });
/** Exports produce one page of rows at a time and wait for the client to take it. */
/** Imports are read whole (a file of about 200,000 rows). */
const IMPORT_LIMIT = 64 * 1024 * 1024;

function filterOf<T extends Record<string, unknown>>(query: T) {
  return incidentFilterSchema.parse(
    Object.fromEntries(
      Object.entries(query)
        .filter(([key, value]) => key in incidentFilterSchema.shape && value !== undefined)
        .map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]),
    ),
  );
}

export function incidentRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/incidents',
    {
      config: { access: { public: true }, keptForReader: true },
      schema: {
        tags,
        summary: 'Incidents the requester may read, filtered, sorted, one keyset page at a time',
        querystring: incidentListQuerySchema,
        response: { 200: incidentPageSchema },
      },
    },
    async (request) => listIncidents(ctx, request.auth?.actor ?? null, request.query),
  );

  app.get(
    '/api/incidents/stats',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Counts for a filter: by status, timeline, region × type, cercle; candidates and verified apart',
        querystring: statsQuerySchema,
        response: { 200: incidentStatsSchema },
      },
    },
    async (request) => incidentStats(ctx, request.auth?.actor ?? null, request.query, request.query.interval),
  );

  app.get(
    '/api/incidents/map',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Map layers for a filter: clusters for the zoom level and counts per cercle',
        querystring: mapQuerySchema,
        response: { 200: incidentMapSchema },
      },
    },
    async (request) => incidentMap(ctx, request.auth?.actor ?? null, request.query, request.query.zoom, request.query.bbox),
  );

  app.get(
    '/api/incidents/vocabulary',
    {
      // Shipped vocabularies and the actor registry, the same for every reader in a language.
      config: { access: { public: true }, cache: { versionedBy: [...ACTOR_ACTIONS], sameFor: 'everyone' } },
      schema: {
        tags,
        summary: 'Event types, mission categories, actors, regions, cercles and places, in the reader’s language',
        response: { 200: incidentVocabularySchema },
      },
    },
    async (request) => incidentVocabulary(ctx, request.locale),
  );

  app.get(
    '/api/incidents/export.csv',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'CSV export of a filter (ACLED-style columns, UTF-8 with BOM), streamed', querystring: exportQuerySchema },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? null;
      const filter = filterOf(request.query);
      const rows = await countIncidents(ctx, actor, filter);
      await recordExport(ctx, actor, 'csv', filter, rows);
      const separator = request.query.separator === 'semicolon' ? ';' : ',';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="incidents.csv"')
        .header('x-total-count', String(rows))
        .send(
          Readable.from(exportCsv(ctx, actor, filter, { separator, locale: request.query.lang ?? request.locale }), { highWaterMark: 1 }),
        );
    },
  );

  app.get(
    '/api/incidents/export.geojson',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'GeoJSON export of a filter (points), streamed', querystring: exportQuerySchema },
    },
    async (request, reply) => {
      const actor = request.auth?.actor ?? null;
      const filter = filterOf(request.query);
      const rows = await countIncidents(ctx, actor, filter);
      await recordExport(ctx, actor, 'geojson', filter, rows);
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="incidents.geojson"')
        .header('x-total-count', String(rows))
        .send(Readable.from(exportGeoJson(ctx, actor, filter, request.query.lang ?? request.locale), { highWaterMark: 1 }));
    },
  );

  app.post(
    '/api/incidents/import/preview',
    {
      config: { access: { signedIn: true } },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary: 'The mapping step of an import: the file’s actors and event types with counts and what each maps to; writes nothing',
        querystring: importQuerySchema,
        body: z.string().max(IMPORT_LIMIT),
        response: { 200: importPreviewSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return previewIncidentsCsv(ctx, actor, request.body, {
        unit: request.query.unit,
        classification: request.query.classification,
        locale: request.query.lang ?? request.locale,
      });
    },
  );

  app.post(
    '/api/incidents/import',
    {
      config: { access: { signedIn: true } },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags,
        summary:
          'Import incidents from CSV as candidates: all rows or none, with a row-by-row report. The body is the CSV (text/csv), or JSON with the CSV and the mapping chosen at the preview, applied and remembered in the same transaction',
        querystring: importQuerySchema,
        body: z.union([z.string().max(IMPORT_LIMIT), importCommitSchema]),
        response: { 200: importReportSchema, 422: importReportSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const body = typeof request.body === 'string' ? { csv: request.body, mapping: undefined } : request.body;
      const report = await importIncidentsCsv(ctx, actor, body.csv, {
        unit: request.query.unit,
        classification: request.query.classification,
        locale: request.query.lang ?? request.locale,
        ...(body.mapping ? { mapping: body.mapping } : {}),
      });
      return reply.status(report.imported === 0 && report.errors.length > 0 ? 422 : 200).send(report);
    },
  );

  app.post(
    '/api/incidents',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Record an incident (a draft of the owning unit); a repeated send with the same Idempotency-Key answers 200 with the incident made the first time',
        headers: submissionHeadersSchema,
        body: incidentInputSchema,
        response: { 200: incidentSchema, 201: incidentSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return answerOnce(
        reply,
        await submitOnce(
          ctx,
          actor,
          submissionOf(request.headers, 'incident.create', ctx.now()),
          (submission) => createIncident(ctx, actor, request.body, request.locale, submission),
          (id) => getIncidentById(ctx, actor, id, request.locale),
        ),
      );
    },
  );

  app.get(
    '/api/incidents/:ref',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'One incident, with its workflow steps and what the reader may do next',
        params: refParams,
        response: { 200: incidentSchema },
      },
    },
    async (request) => getIncident(ctx, request.auth?.actor ?? null, request.params.ref, request.locale),
  );

  app.put(
    '/api/incidents/:ref',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit an incident; a stale version is a 409, never a silent overwrite',
        params: refParams,
        body: incidentUpdateSchema,
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return updateIncident(ctx, actor, request.params.ref, request.body.version, request.body.incident, request.locale);
    },
  );

  app.post(
    '/api/incidents/:ref/transitions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Submit, verify, reject, close or reopen an incident',
        params: refParams,
        body: transitionBodySchema,
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return transitionIncident(ctx, actor, request.params.ref, request.body, request.locale);
    },
  );

  app.get(
    '/api/incidents/:ref/history',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Who changed which field of an incident, when', params: refParams, response: { 200: historySchema } },
    },
    async (request) => ({ entries: await incidentHistory(ctx, request.auth?.actor ?? null, request.params.ref) }),
  );

  app.get(
    '/api/actors',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'The actor registry', response: { 200: z.object({ actors: z.array(actorSchema) }) } },
    },
    async (request) => ({ actors: (await incidentVocabulary(ctx, request.locale)).actors }),
  );

  app.get(
    '/api/actors/registry',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The actor registry page: every actor with its aliases, status and the incidents the reader sees name it',
        response: { 200: actorRegistrySchema },
      },
    },
    async (request) => actorRegistryPage(ctx, requireAuth(request).actor, request.locale),
  );

  app.post(
    '/api/actors',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Add a party to the actor registry (its keepers: managers of OSRSG and FORCE, administrators)',
        body: actorInputSchema,
        response: { 201: actorSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await addActor(ctx, actor, request.body, request.locale));
    },
  );

  app.post(
    '/api/actors/:code/aliases',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record another name of an actor (the registry’s keepers)',
        params: actorCodeParamsSchema,
        body: actorAliasInputSchema,
      },
    },
    async (request, reply) => {
      await addActorAlias(ctx, requireAuth(request).actor, request.params.code, request.body.alias);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/actors/:code/merge',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'Merge a duplicate into another actor: its incidents move to the survivor, it stays as a redirect (the registry’s keepers)',
        params: actorCodeParamsSchema,
        body: actorMergeInputSchema,
      },
    },
    async (request, reply) => {
      await mergeActor(ctx, requireAuth(request).actor, request.params.code, request.body.into);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/actors/:code/status',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Retire an actor (kept on old incidents, not offered for new ones) or put it back in service (the registry’s keepers)',
        params: actorCodeParamsSchema,
        body: actorStatusInputSchema,
      },
    },
    async (request, reply) => {
      await setActorStatus(ctx, requireAuth(request).actor, request.params.code, request.body.status);
      return reply.status(204).send();
    },
  );
}
