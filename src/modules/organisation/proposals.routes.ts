import type { z } from 'zod';
import {
  contactParamsSchema,
  decideProposalBodySchema,
  type Proposal,
  pendingProposalsSchema,
  proposalParamsSchema,
  proposalSchema,
  rejectProposalBodySchema,
  sectionParamsSchema,
  sectionProposalsQuerySchema,
  sectionProposalsSchema,
  textParamsSchema,
  updateContactBodySchema,
  updateTextBodySchema,
} from '../../contracts/organisation.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import {
  pendingProposals,
  proposeContactChange,
  proposeTextChange,
  publishProposal,
  rejectProposal,
  sectionProposals,
  withdrawProposal,
} from './proposals.service.js';

const tags = ['organisation'];
const signedIn = { access: { signedIn: true } } as const;

/** What moves a pending proposal on: its route's last segment, its body and the service's decision. */
interface Decision<B> {
  move: 'publish' | 'reject' | 'withdraw';
  summary: string;
  body: z.ZodType<B>;
  decide: (actor: Actor, unit: string, id: string, body: B) => Promise<Proposal>;
}

/** `POST /api/sections/:unit/proposals/:id/<move>`: who may decide is the service's rule; the proposal as it now stands. */
function decisionRoute<B>(app: Router, decision: Decision<B>): void {
  app.post(
    `/api/sections/:unit/proposals/:id/${decision.move}`,
    {
      config: signedIn,
      schema: { tags, summary: decision.summary, params: proposalParamsSchema, body: decision.body, response: { 200: proposalSchema } },
    },
    // The body has passed `decision.body`; the type provider only loses B through the generic.
    async (request) => decision.decide(requireAuth(request).actor, request.params.unit, request.params.id, request.body as B),
  );
}

/** Proposed changes to the public content of sections: propose, list, publish, reject, withdraw. */
export function proposalRoutes(app: Router, ctx: AppContext): void {
  app.post(
    '/api/sections/:unit/texts/:id/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Propose a change to a public text; it goes public when a manager of the section publishes it',
        params: textParamsSchema,
        body: updateTextBodySchema,
        response: { 201: proposalSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await proposeTextChange(ctx, actor, request.params.unit, request.params.id, request.body));
    },
  );

  app.post(
    '/api/sections/:unit/contacts/:id/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Propose a change to a public contact; it goes public when a manager of the section publishes it',
        params: contactParamsSchema,
        body: updateContactBodySchema,
        response: { 201: proposalSchema },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await proposeContactChange(ctx, actor, request.params.unit, request.params.id, request.body));
    },
  );

  app.get(
    '/api/sections/:unit/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The proposals of a section the requester may see, and whether they may propose or review',
        params: sectionParamsSchema,
        querystring: sectionProposalsQuerySchema,
        response: { 200: sectionProposalsSchema },
      },
    },
    async (request) => sectionProposals(ctx, requireAuth(request).actor, request.params.unit, request.query.status),
  );

  app.get(
    '/api/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Pending proposals the requester may see, and how many await their review',
        response: { 200: pendingProposalsSchema },
      },
    },
    async (request) => pendingProposals(ctx, requireAuth(request).actor),
  );

  decisionRoute(app, {
    move: 'publish',
    summary: 'Publish a proposal (a manager of the section or an administrator, never its author)',
    body: decideProposalBodySchema,
    decide: (actor, unit, id) => publishProposal(ctx, actor, unit, id),
  });
  decisionRoute(app, {
    move: 'reject',
    summary: 'Reject a proposal with a reason (a manager of the section or an administrator, never its author)',
    body: rejectProposalBodySchema,
    decide: (actor, unit, id, body) => rejectProposal(ctx, actor, unit, id, body),
  });
  decisionRoute(app, {
    move: 'withdraw',
    summary: 'Withdraw a pending proposal (its author)',
    body: decideProposalBodySchema,
    decide: (actor, unit, id) => withdrawProposal(ctx, actor, unit, id),
  });
}
