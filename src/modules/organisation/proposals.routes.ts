import {
  contactParamsSchema,
  decideProposalBodySchema,
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

  app.post(
    '/api/sections/:unit/proposals/:id/publish',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Publish a proposal (a manager of the section or an administrator, never its author)',
        params: proposalParamsSchema,
        body: decideProposalBodySchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => publishProposal(ctx, requireAuth(request).actor, request.params.unit, request.params.id),
  );

  app.post(
    '/api/sections/:unit/proposals/:id/reject',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Reject a proposal with a reason (a manager of the section or an administrator, never its author)',
        params: proposalParamsSchema,
        body: rejectProposalBodySchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => rejectProposal(ctx, requireAuth(request).actor, request.params.unit, request.params.id, request.body),
  );

  app.post(
    '/api/sections/:unit/proposals/:id/withdraw',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Withdraw a pending proposal (its author)',
        params: proposalParamsSchema,
        body: decideProposalBodySchema,
        response: { 200: proposalSchema },
      },
    },
    async (request) => withdrawProposal(ctx, requireAuth(request).actor, request.params.unit, request.params.id),
  );
}
