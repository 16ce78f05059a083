import { z } from 'zod';
import {
  createUnitBodySchema,
  missionUnitSchema,
  unitListSchema,
  unitParamsSchema,
  unitStateBodySchema,
  updateUnitBodySchema,
} from '../../contracts/units.js';
import { MISSION_OVERVIEW } from '../../data/mission.js';
import type { AppContext } from '../../platform/context.js';
import { type Router, requireAuth } from '../../platform/http.js';
import { createUnit, listUnits, setUnitClosed, updateUnit } from './organisation.service.js';

const bilingual = z.object({ fr: z.string(), en: z.string() });
const bilingualList = z.object({ fr: z.array(z.string()), en: z.array(z.string()) });
const missionSchema = z.object({
  name: bilingual,
  fullName: bilingual,
  resolution: z.object({ number: z.number(), year: z.number() }),
  charterChapter: z.number(),
  principles: bilingualList,
  leadership: bilingualList,
  units: z.array(missionUnitSchema),
});

export function organisationRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/units',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['organisation'],
        summary: 'The mission’s units with their stable codes, open and closed',
        response: { 200: unitListSchema },
      },
    },
    async () => ({ units: await listUnits(ctx.database.db) }),
  );

  const manage = { capability: 'accounts:manage' } as const;

  app.post(
    '/api/units',
    {
      config: { access: manage },
      schema: {
        tags: ['organisation'],
        summary: 'Create a unit under an open parent; its code never changes (administrators)',
        body: createUnitBodySchema,
        response: { 201: missionUnitSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUnit(ctx, requireAuth(request).actor, request.body)),
  );

  app.patch(
    '/api/units/:code',
    {
      config: { access: manage },
      schema: {
        tags: ['organisation'],
        summary: 'Rename a unit or place it elsewhere in the tree (administrators)',
        params: unitParamsSchema,
        body: updateUnitBodySchema,
        response: { 200: missionUnitSchema },
      },
    },
    async (request) => updateUnit(ctx, requireAuth(request).actor, request.params.code, request.body),
  );

  for (const [path, closed] of [
    ['close', true],
    ['reopen', false],
  ] as const) {
    app.post(
      `/api/units/:code/${path}`,
      {
        config: { access: manage },
        schema: {
          tags: ['organisation'],
          summary: closed
            ? 'Close a unit: its records stay readable, it takes no new records or members (administrators)'
            : 'Open a closed unit again (administrators)',
          params: unitParamsSchema,
          body: unitStateBodySchema,
          response: { 200: missionUnitSchema },
        },
      },
      async (request) => setUnitClosed(ctx, requireAuth(request).actor, request.params.code, request.body.version, closed),
    );
  }

  app.get(
    '/api/mission',
    {
      config: { access: { public: true } },
      schema: { tags: ['organisation'], summary: 'The mission at a glance (public)', response: { 200: missionSchema } },
    },
    async () => ({
      ...MISSION_OVERVIEW,
      principles: { fr: [...MISSION_OVERVIEW.principles.fr], en: [...MISSION_OVERVIEW.principles.en] },
      leadership: { fr: [...MISSION_OVERVIEW.leadership.fr], en: [...MISSION_OVERVIEW.leadership.en] },
      units: await listUnits(ctx.database.db),
    }),
  );
}
