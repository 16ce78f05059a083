import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  actInputSchema,
  callActionSchema,
  callForwardSchema,
  callInputSchema,
  callListQuerySchema,
  callPageSchema,
  callRefSchema,
  callSchema,
  caseCreateSchema,
  caseListQuerySchema,
  casePageSchema,
  caseRefSchema,
  caseSchema,
  caseTransitionSchema,
  caseUpdateSchema,
  consentInputSchema,
  identitySchema,
  personInputSchema,
  pseudonymSchema,
  releaseInputSchema,
  releaseListQuerySchema,
  releaseListSchema,
  releaseParamsSchema,
  releaseSchema,
  releaseTableQuerySchema,
  revealInputSchema,
  type StatsTable,
  serviceInputSchema,
  serviceUpdateSchema,
  shareInputSchema,
  statsLatestQuerySchema,
  statsLatestSchema,
  statsQuerySchema,
  statsTableSchema,
  teamCandidatesSchema,
  teamInputSchema,
  verificationInputSchema,
  vocabularySchema,
  withdrawInputSchema,
} from '../../contracts/protection.js';
import { localizedProtectionVocabulary, protectionVocabulary } from '../../data/vocab/protection.js';
import { t } from '../../i18n/index.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import { addAct, verifyAct } from './acts.service.js';
import { recordConsent, referToService, shareCase, updateService, withdrawConsent } from './consents.service.js';
import { acceptCall, dismissCall, forwardCall, getCall, listCalls, recordCall } from './hotline.service.js';
import { addPerson, revealIdentity } from './persons.service.js';
import { createCase, getCase, listCases, updateCase } from './protection.service.js';
import { latestStatsYear, protectionStats, releaseQuarter, releaseTable, statsCsv, statsReleases } from './protection.stats.js';
import { assignTeam, teamCandidates, transitionCase } from './workflow.service.js';

const tags = ['protection'];
const signedIn = { access: { signedIn: true } } as const;
const caseParams = z.strictObject({ ref: caseRefSchema });
const personParams = z.strictObject({ ref: caseRefSchema, pseudonym: pseudonymSchema });
const itemParams = z.strictObject({ ref: caseRefSchema, id: z.uuid() });
const callParams = z.strictObject({ ref: callRefSchema });

/** A statistics table as a CSV download (UTF-8 with BOM, `;` in French), suppressed cells written x. */
function sendStatsCsv(reply: FastifyReply, table: StatsTable, locale: Locale) {
  const dimension = protectionVocabulary().statDimensions.find((d) => d.code === table.rows.dimension);
  const labels = { rows: (locale === 'fr' ? dimension?.fr : dimension?.en) ?? table.rows.dimension, total: t(locale, 'stats.total') };
  const period = table.quarter === null ? `${table.year}` : `${table.year}-Q${table.quarter}`;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="protection-${table.programme}-${period}.csv"`)
    .send(statsCsv(table, labels, locale === 'fr' ? ';' : ','));
}

/**
 * Every protection route is open to signed-in members only; whether the caller may see or touch
 * a case or call is decided per record in the services (a case one may not read is a 404).
 */
export function protectionRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/protection/vocabulary',
    {
      // Lists of categories, no case content: readable by any signed-in member.
      config: signedIn,
      schema: {
        tags,
        summary:
          'Violation, misconduct and accident vocabularies, age groups, standards of proof, intake channels, hotline lines, in the reader’s language',
        response: { 200: vocabularySchema },
      },
    },
    async (request) => localizedProtectionVocabulary(request.locale),
  );

  app.get(
    '/api/protection/cases',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Cases the requester may read (their unit’s if manager, their case teams’)',
        querystring: caseListQuerySchema,
        response: { 200: casePageSchema },
      },
    },
    async (request) => listCases(ctx, requireAuth(request).actor, request.query),
  );

  app.post(
    '/api/protection/cases',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Open a case in the programme’s unit (its officers and managers)',
        body: caseCreateSchema,
        response: { 201: caseSchema },
      },
    },
    async (request, reply) => {
      const { programme, ...input } = request.body;
      return reply.code(201).send(await createCase(ctx, requireAuth(request).actor, programme, input));
    },
  );

  app.get(
    '/api/protection/cases/:ref',
    {
      config: signedIn,
      schema: { tags, summary: 'One case, persons as pseudonyms (audited read)', params: caseParams, response: { 200: caseSchema } },
    },
    async (request) => getCase(ctx, requireAuth(request).actor, request.params.ref),
  );

  app.put(
    '/api/protection/cases/:ref',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Edit a case (optimistic version)',
        params: caseParams,
        body: caseUpdateSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => updateCase(ctx, requireAuth(request).actor, request.params.ref, request.body.version, request.body.case),
  );

  app.post(
    '/api/protection/cases/:ref/transition',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'A workflow move of the case’s programme',
        params: caseParams,
        body: caseTransitionSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => transitionCase(ctx, requireAuth(request).actor, request.params.ref, request.body),
  );

  app.put(
    '/api/protection/cases/:ref/team',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Assign the case team (unit managers)',
        params: caseParams,
        body: teamInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => assignTeam(ctx, requireAuth(request).actor, request.params.ref, request.body.members),
  );

  app.get(
    '/api/protection/cases/:ref/team/candidates',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Who may be put on the case team: the unit’s active officers and managers (unit managers)',
        params: caseParams,
        response: { 200: teamCandidatesSchema },
      },
    },
    async (request) => ({ candidates: await teamCandidates(ctx, requireAuth(request).actor, request.params.ref) }),
  );

  app.post(
    '/api/protection/cases/:ref/persons',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Add a person; the identity is sealed and a pseudonym returned, with other readable cases holding the same name',
        params: caseParams,
        body: personInputSchema,
        response: { 201: z.object({ pseudonym: z.string(), duplicates: z.array(z.string()) }) },
      },
    },
    async (request, reply) => reply.code(201).send(await addPerson(ctx, requireAuth(request).actor, request.params.ref, request.body)),
  );

  app.post(
    '/api/protection/cases/:ref/persons/:pseudonym/reveal',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Reveal the identity behind a pseudonym, with a reason (audited)',
        params: personParams,
        body: revealInputSchema,
        response: { 200: identitySchema },
      },
    },
    async (request) => revealIdentity(ctx, requireAuth(request).actor, request.params.ref, request.params.pseudonym, request.body.reason),
  );

  app.post(
    '/api/protection/cases/:ref/persons/:pseudonym/consents',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a consent (purpose, partner, who gave it, when)',
        params: personParams,
        body: consentInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => recordConsent(ctx, requireAuth(request).actor, request.params.ref, request.params.pseudonym, request.body),
  );

  app.post(
    '/api/protection/cases/:ref/consents/:id/withdraw',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record the withdrawal of a consent',
        params: itemParams,
        body: withdrawInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => withdrawConsent(ctx, requireAuth(request).actor, request.params.ref, request.params.id, request.body.withdrawnOn),
  );

  app.post(
    '/api/protection/cases/:ref/acts',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Add an act: victim, perpetrator or party, violation, date, region',
        params: caseParams,
        body: actInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => addAct(ctx, requireAuth(request).actor, request.params.ref, request.body),
  );

  app.post(
    '/api/protection/cases/:ref/acts/:id/verification',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Verify an act or record that it could not be verified',
        params: itemParams,
        body: verificationInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => verifyAct(ctx, requireAuth(request).actor, request.params.ref, request.params.id, request.body),
  );

  app.post(
    '/api/protection/cases/:ref/services',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Refer a victim to a service (needs their consent to referral)',
        params: caseParams,
        body: serviceInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => referToService(ctx, requireAuth(request).actor, request.params.ref, request.body),
  );

  app.post(
    '/api/protection/cases/:ref/services/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'Update a service’s status', params: itemParams, body: serviceUpdateSchema, response: { 200: caseSchema } },
    },
    async (request) => updateService(ctx, requireAuth(request).actor, request.params.ref, request.params.id, request.body),
  );

  app.post(
    '/api/protection/cases/:ref/shares',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record sharing with a named partner (needs each person’s consent to share with it)',
        params: caseParams,
        body: shareInputSchema,
        response: { 200: caseSchema },
      },
    },
    async (request) => shareCase(ctx, requireAuth(request).actor, request.params.ref, request.body),
  );

  app.post(
    '/api/protection/calls',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a hotline call; it is routed to the intake queue of the unit its concern belongs to',
        body: callInputSchema,
        response: { 201: callSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await recordCall(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/protection/calls',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The calls I took, or a unit’s intake queue',
        querystring: callListQuerySchema,
        response: { 200: callPageSchema },
      },
    },
    async (request) => listCalls(ctx, requireAuth(request).actor, request.query),
  );

  app.get(
    '/api/protection/calls/:ref',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'One call (its operator, or the receiving unit’s intake; audited)',
        params: callParams,
        response: { 200: callSchema },
      },
    },
    async (request) => getCall(ctx, requireAuth(request).actor, request.params.ref),
  );

  app.post(
    '/api/protection/calls/:ref/accept',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Open a case from a queued call',
        params: callParams,
        body: callActionSchema,
        response: { 200: z.object({ caseRef: z.string() }) },
      },
    },
    async (request) => acceptCall(ctx, requireAuth(request).actor, request.params.ref, request.body.version),
  );

  app.post(
    '/api/protection/calls/:ref/dismiss',
    {
      config: signedIn,
      schema: { tags, summary: 'Dismiss a queued call', params: callParams, body: callActionSchema, response: { 200: callSchema } },
    },
    async (request) => dismissCall(ctx, requireAuth(request).actor, request.params.ref, request.body.version),
  );

  app.get(
    '/api/protection/stats',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Live counts of one programme and year by one or two breakdowns, suppressed (cells 0 < n < k and secondary); the unit’s managers only, not for publication (audited)',
        querystring: statsQuerySchema,
        response: { 200: statsTableSchema },
      },
    },
    async (request) => protectionStats(ctx, requireAuth(request).actor, request.query, request.query.lang ?? request.locale),
  );

  app.get(
    '/api/protection/stats/latest',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The latest year with data the caller may see of a programme: released quarters, and live records for the unit’s managers',
        querystring: statsLatestQuerySchema,
        response: { 200: statsLatestSchema },
      },
    },
    async (request) => latestStatsYear(ctx, requireAuth(request).actor, request.query.programme),
  );

  app.get(
    '/api/protection/stats.csv',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The same live table as CSV (UTF-8 with BOM), suppressed cells written x (audited)',
        querystring: statsQuerySchema,
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      return sendStatsCsv(reply, await protectionStats(ctx, requireAuth(request).actor, request.query, locale), locale);
    },
  );

  app.get(
    '/api/protection/stats/releases',
    {
      // Which quarters are released, with no counts: any signed-in member.
      config: signedIn,
      schema: {
        tags,
        summary: 'The released quarters of protection statistics (programme, quarter, unit of count, released at)',
        querystring: releaseListQuerySchema,
        response: { 200: releaseListSchema },
      },
    },
    async (request) => statsReleases(ctx, request.query),
  );

  app.post(
    '/api/protection/stats/releases',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Release one closed quarter of a programme (misconduct: one unit of count): its suppression pattern is stored once and never changes; the unit’s managers (audited)',
        body: releaseInputSchema,
        response: { 201: releaseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await releaseQuarter(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/protection/stats/releases/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'One table of a release by one or two breakdowns, cut from its stored pattern (audited)',
        params: releaseParamsSchema,
        querystring: releaseTableQuerySchema,
        response: { 200: statsTableSchema },
      },
    },
    async (request) =>
      releaseTable(ctx, requireAuth(request).actor, request.params.id, request.query, request.query.lang ?? request.locale),
  );

  app.get(
    '/api/protection/stats/releases/:id.csv',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The same table of a release as CSV (UTF-8 with BOM), suppressed cells written x (audited)',
        params: releaseParamsSchema,
        querystring: releaseTableQuerySchema,
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      return sendStatsCsv(reply, await releaseTable(ctx, requireAuth(request).actor, request.params.id, request.query, locale), locale);
    },
  );

  app.post(
    '/api/protection/calls/:ref/forward',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Reclassify a queued call’s concern: it moves to the queue of the unit that concern belongs to',
        params: callParams,
        body: callForwardSchema,
        response: { 200: z.object({ routedTo: z.string() }) },
      },
    },
    async (request) => forwardCall(ctx, requireAuth(request).actor, request.params.ref, request.body.version, request.body.concern),
  );
}
