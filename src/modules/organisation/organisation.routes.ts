import { z } from 'zod';
import { unitListSchema, unitSchema } from '../../contracts/units.js';
import { MISSION_OVERVIEW } from '../../data/mission.js';
import type { AppContext } from '../../platform/context.js';
import type { Router } from '../../platform/http.js';
import { listUnits } from './organisation.repository.js';

const bilingual = z.object({ fr: z.string(), en: z.string() });
const bilingualList = z.object({ fr: z.array(z.string()), en: z.array(z.string()) });
const missionSchema = z.object({
  name: bilingual,
  fullName: bilingual,
  resolution: z.object({ number: z.number(), year: z.number() }),
  charterChapter: z.number(),
  principles: bilingualList,
  leadership: bilingualList,
  units: z.array(unitSchema),
});

export function organisationRoutes(app: Router, ctx: AppContext): void {
  app.get(
    '/api/units',
    {
      config: { access: { public: true } },
      schema: { tags: ['organisation'], summary: 'The mission’s units with their stable codes', response: { 200: unitListSchema } },
    },
    async () => ({ units: await listUnits(ctx.database.db) }),
  );

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
