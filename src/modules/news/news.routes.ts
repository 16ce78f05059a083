import { z } from 'zod';
import { LOCALES } from '../../contracts/common.js';
import type { ReleaseDetail } from '../../contracts/news.js';
import {
  correctSchema,
  deskPhotoListSchema,
  deskSchema,
  photoQuerySchema,
  pressPointInputSchema,
  pressPointListSchema,
  programmeInputSchema,
  publicPhotoListSchema,
  publicReleaseListSchema,
  publicReleaseSchema,
  publishSchema,
  radioSchema,
  releaseDetailSchema,
  releaseInputSchema,
  releaseUpdateSchema,
  returnSchema,
  versionOnlySchema,
  withdrawSchema,
} from '../../contracts/news.js';
import type { AppContext } from '../../platform/context.js';
import type { CachePolicy, Router } from '../../platform/http.js';
import { requireAuth } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { createPressPoint, createProgramme, listPressPoints, radio, removeProgramme } from './news.briefings.js';
import { atomFeed, feedPath, getPublicRelease, listPublicReleases, publicMoment, sitemap } from './news.public.js';
import {
  addPhoto,
  clearRelease,
  correctRelease,
  createRelease,
  desk,
  deskPhotos,
  getRelease,
  NEWS_PUBLIC_ACTIONS,
  publicPhotos,
  publishRelease,
  returnRelease,
  submitRelease,
  updateRelease,
  withdrawRelease,
} from './news.service.js';

const tags = ['news'];

/** A move of a release, whatever its body. */
type Move = (ctx: AppContext, actor: Actor, id: string, body: { version: number }) => Promise<ReleaseDetail>;
const idParams = z.strictObject({ id: z.uuid() });

/**
 * Public information. The public reads (news, a release, the Atom feeds, the sitemap, press
 * points, the radio) are the same for everyone and kept per version of what changes them: the
 * audited writes that publish, withdraw or correct, and the latest embargo passed, which time
 * alone moves. The desk and every write need an account; the service asks the policy.
 */
export function newsRoutes(app: Router, ctx: AppContext): void {
  const cache: CachePolicy = { versionedBy: NEWS_PUBLIC_ACTIONS, sameFor: 'everyone', alsoKeyedBy: publicMoment };
  const publicRead = { access: { public: true }, cache } as const;

  app.get(
    '/api/news/releases',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'Press releases and communiqués public now (published, embargo passed), newest first, in the reader’s language',
        response: { 200: publicReleaseListSchema },
      },
    },
    async (request) => ({ releases: await listPublicReleases(ctx, request.locale) }),
  );

  app.get(
    '/api/news/releases/:id',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'A release public now; any other (draft, awaiting clearance, embargoed, withdrawn) is not found',
        params: idParams,
        response: { 200: publicReleaseSchema },
      },
    },
    async (request) => getPublicRelease(ctx, request.params.id, request.locale),
  );

  app.get(
    '/api/news/releases/:id/photos',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'The photo album of a release public now, each photo with its caption and credit; any other release is not found',
        params: idParams,
        response: { 200: publicPhotoListSchema },
      },
    },
    async (request) => publicPhotos(ctx, request.params.id, request.locale),
  );

  for (const lang of LOCALES) {
    app.get(
      feedPath(lang),
      {
        config: publicRead,
        schema: { tags, summary: `Atom feed (RFC 4287) of the releases public now, ${lang === 'fr' ? 'in French' : 'in English'}` },
      },
      async (_request, reply) => reply.type('application/atom+xml; charset=utf-8').send(await atomFeed(ctx, lang)),
    );
  }

  app.get(
    '/sitemap.xml',
    {
      config: publicRead,
      schema: { tags, summary: 'The public pages and every release public now (sitemaps.org 0.9)' },
    },
    async (_request, reply) => reply.type('application/xml; charset=utf-8').send(await sitemap(ctx)),
  );

  app.get(
    '/api/news/press-points',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'The press points: upcoming, past, and the next date fifteen days on',
        response: { 200: pressPointListSchema },
      },
    },
    async (request) => listPressPoints(ctx, request.locale),
  );

  app.post(
    '/api/news/press-points',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Announce a press point (officers and managers of public information)',
        body: pressPointInputSchema,
        response: { 201: pressPointListSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createPressPoint(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.get(
    '/api/radio',
    {
      config: publicRead,
      schema: {
        tags,
        summary: 'Radio Mikado FM: its stations and frequencies, and its programmes by language',
        response: { 200: radioSchema },
      },
    },
    async (request) => radio(ctx, request.locale),
  );

  app.post(
    '/api/radio/programmes',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Add a programme to the schedule', body: programmeInputSchema, response: { 201: radioSchema } },
    },
    async (request, reply) => reply.status(201).send(await createProgramme(ctx, requireAuth(request).actor, request.body, request.locale)),
  );

  app.delete(
    '/api/radio/programmes/:id',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Remove a programme from the schedule', params: idParams, response: { 200: radioSchema } },
    },
    async (request) => removeProgramme(ctx, requireAuth(request).actor, request.params.id, request.locale),
  );

  app.get(
    '/api/news/desk',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Every release in every state, for members of public information (empty for anyone else)',
        response: { 200: deskSchema },
      },
    },
    async (request) => desk(ctx, requireAuth(request).actor),
  );

  app.post(
    '/api/news/desk',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Draft a release (officers and managers of public information)',
        body: releaseInputSchema,
        response: { 201: releaseDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRelease(ctx, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/news/desk/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'A release in any state, its history and what the requester may do',
        params: idParams,
        response: { 200: releaseDetailSchema },
      },
    },
    async (request) => getRelease(ctx, requireAuth(request).actor, request.params.id),
  );

  app.patch(
    '/api/news/desk/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'Edit a draft; a stale version is a 409',
        params: idParams,
        body: releaseUpdateSchema,
        response: { 200: releaseDetailSchema },
      },
    },
    async (request) => updateRelease(ctx, requireAuth(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/news/desk/:id/photos',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary: 'The photo album of a release in any state (members of public information)',
        params: idParams,
        response: { 200: deskPhotoListSchema },
      },
    },
    async (request) => deskPhotos(ctx, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/news/desk/:id/photos',
    {
      config: { access: { signedIn: true } },
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Add a photo (JPEG, PNG; metadata removed) to a draft release’s album, with its caption and credit; the body is the file itself',
        params: idParams,
        querystring: photoQuerySchema,
        response: { 201: deskPhotoListSchema },
      },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return reply.status(201).send(await addPhoto(ctx, requireAuth(request).actor, request.params.id, request.query, body));
    },
  );

  const moves = [
    ['submit', 'Submit a draft for clearance', versionOnlySchema, submitRelease],
    ['clear', 'Clear a submitted release (the chief of public information, never its author)', versionOnlySchema, clearRelease],
    ['return', 'Send a submitted release back to its author, with the reason', returnSchema, returnRelease],
    ['publish', 'Publish a cleared release: public from its embargo time', publishSchema, publishRelease],
    ['withdraw', 'Withdraw a release (a manager), with the reason; kept in its history', withdrawSchema, withdrawRelease],
    [
      'correct',
      'Correct a published release (a manager), with a note shown with it; the former text stays in its history',
      correctSchema,
      correctRelease,
    ],
  ] as const;
  for (const [name, summary, body, run] of moves) {
    app.post(
      `/api/news/desk/:id/${name}`,
      {
        config: { access: { signedIn: true } },
        schema: { tags, summary, params: idParams, body, response: { 200: releaseDetailSchema } },
      },
      // Each move's body was validated by its own schema above.
      async (request) => (run as unknown as Move)(ctx, requireAuth(request).actor, request.params.id, request.body as { version: number }),
    );
  }
}
