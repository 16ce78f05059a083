import { z } from 'zod';
import { okSchema } from '../../contracts/common.js';
import {
  ddrCodeSchema,
  ddrDecisionInputSchema,
  ddrDuplicateListSchema,
  ddrListQuerySchema,
  ddrPersonInputSchema,
  ddrPersonPageSchema,
  ddrPersonSchema,
  ddrProgressSchema,
  ddrRevealedSchema,
  ddrRevealInputSchema,
  ddrStepInputSchema,
  ddrTargetInputSchema,
  ddrVocabularySchema,
} from '../../contracts/ddr.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import {
  ddrVocabulary,
  decideOnDuplicate,
  duplicateQueue,
  getPerson,
  listPersons,
  progress,
  recordStep,
  registerPerson,
  revealIdentity,
  setMovementTarget,
} from './ddr.service.js';

const tags = ['ddr'];
const signedIn = { access: { signedIn: true } } as const;
const personParams = z.strictObject({ code: ddrCodeSchema });
const duplicateParams = z.strictObject({ id: z.uuid() });
const movementParams = z.strictObject({ movement: z.string().min(1).max(40) });

/**
 * The DDR registry. Every route is open to signed-in members only; persons are confidential and
 * each is read, changed or revealed only by the DDR section's managers and its case team, with a
 * second factor (decided in the service: a person one may not read is a 404). Progress counts are
 * internal.
 */
export function ddrRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/ddr/vocabulary',
    {
      // Lists of categories, steps, forces and the armed movements of the actor registry: no person's data.
      config: signedIn,
      schema: {
        tags,
        summary: 'Movements, categories, steps, forces and pathways, in the reader’s language',
        response: { 200: ddrVocabularySchema },
      },
    },
    async (request) => ddrVocabulary(ctx, request.locale),
  );

  app.get(
    '/api/ddr/progress',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          'Counts by step and movement against the integration targets (confirmed duplicates and children never counted), beside the fact book’s figures',
        response: { 200: ddrProgressSchema },
      },
    },
    async (request) => progress(ctx, requireAuth(request).actor, request.locale),
  );

  app.put(
    '/api/ddr/targets/:movement',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Set a movement’s integration target (DDR managers)',
        params: movementParams,
        body: ddrTargetInputSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await setMovementTarget(ctx, requireAuth(request).actor, request.params.movement, request.body.target);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/ddr/persons',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Persons the requester may read, by code (audited)',
        querystring: ddrListQuerySchema,
        response: { 200: ddrPersonPageSchema },
      },
    },
    async (request) => listPersons(ctx, requireAuth(request).actor, request.query),
  );

  app.post(
    '/api/ddr/persons',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Register a person (DDR officers and managers); the identity is sealed and possible duplicates queued for review',
        body: ddrPersonInputSchema,
        response: { 201: ddrPersonSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await registerPerson(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/ddr/persons/:code',
    {
      config: signedIn,
      schema: { tags, summary: 'One person, by code, with steps (audited read)', params: personParams, response: { 200: ddrPersonSchema } },
    },
    async (request) => getPerson(ctx, requireAuth(request).actor, request.params.code),
  );

  app.post(
    '/api/ddr/persons/:code/steps',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Record a step of the process (optimistic version); refused for a child, who is referred to Child Protection',
        params: personParams,
        body: ddrStepInputSchema,
        response: { 200: ddrPersonSchema },
      },
    },
    async (request) => recordStep(ctx, requireAuth(request).actor, request.params.code, request.body),
  );

  app.post(
    '/api/ddr/persons/:code/reveal',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Reveal the identity behind a code, with a reason (audited)',
        params: personParams,
        body: ddrRevealInputSchema,
        response: { 200: ddrRevealedSchema },
      },
    },
    async (request) => revealIdentity(ctx, requireAuth(request).actor, request.params.code, request.body.reason),
  );

  app.get(
    '/api/ddr/duplicates',
    {
      config: signedIn,
      schema: { tags, summary: 'Possible duplicates waiting for review', response: { 200: ddrDuplicateListSchema } },
    },
    async (request) => duplicateQueue(ctx, requireAuth(request).actor),
  );

  app.post(
    '/api/ddr/duplicates/:id/decision',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Decide a possible duplicate: the same person (linked, never counted twice) or different people (DDR managers)',
        params: duplicateParams,
        body: ddrDecisionInputSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await decideOnDuplicate(ctx, requireAuth(request).actor, request.params.id, request.body.decision);
      return { ok: true as const };
    },
  );
}
