import { z } from 'zod';
import {
  civicInputSchema,
  decisionInputSchema,
  deliveryInputSchema,
  electionsOverviewSchema,
  eventInputSchema,
  eventSchema,
  linkInputSchema,
  requestInputSchema,
  requestSchema,
} from '../../contracts/elections.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import {
  createCivicSession,
  createEvent,
  createRequest,
  decideRequest,
  deliverRequest,
  electionsOverview,
  getRequest,
  linkIncident,
} from './elections.service.js';

const tags = ['elections'];
const idParams = z.strictObject({ id: z.uuid() });

/** Electoral support: reads for signed-in members (per record), writes for Electoral Affairs. */
export function electionsRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/elections',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The electoral calendar, support requests, civic-education sessions and linked incidents the requester may read',
        response: { 200: electionsOverviewSchema },
      },
    },
    async (request) => electionsOverview(ctx, requireAuth(request).actor),
  );

  app.post(
    '/api/elections/events',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Add an event to the electoral calendar (Electoral Affairs)',
        body: eventInputSchema,
        response: { 201: eventSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEvent(ctx, requireAuth(request).actor, request.body)),
  );

  app.post(
    '/api/elections/events/:id/incidents',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Link an incident of the log (by its reference) to an electoral event',
        params: idParams,
        body: linkInputSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await linkIncident(ctx, requireAuth(request).actor, request.params.id, request.body.incidentRef);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/elections/requests',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record a request for support from the national authorities (Electoral Affairs)',
        body: requestInputSchema,
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRequest(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/elections/requests/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A support request, its decision and delivery, and what the requester may do',
        params: idParams,
        response: { 200: requestSchema },
      },
    },
    async (request) => getRequest(ctx, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/elections/requests/:id/decision',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Accept or decline a request (a manager of Electoral Affairs)',
        params: idParams,
        body: decisionInputSchema,
        response: { 200: requestSchema },
      },
    },
    async (request) => decideRequest(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/elections/requests/:id/delivery',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record the delivery of an accepted request: material moved, flights or convoys, escorts and patrols',
        params: idParams,
        body: deliveryInputSchema,
        response: { 200: requestSchema },
      },
    },
    async (request) => deliverRequest(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/elections/civic',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Record a civic-education session with its participants by sex',
        body: civicInputSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await createCivicSession(ctx, requireAuth(request).actor, request.body);
      return reply.status(204).send(null);
    },
  );
}
