import { z } from 'zod';
import { localizedProtectionVocabulary } from '../../data/vocab/protection.js';
import type { AppContext } from '../../server/context.js';
import type { Router } from '../../server/routes.js';

const term = z.object({ code: z.string(), label: z.string() });
const vocabularySchema = z.object({
  humanRightsViolations: z.array(term),
  graveViolations: z.array(term),
  crsvForms: z.array(term),
  crsvVictimCategories: z.array(term),
  misconductCategories: z.array(term),
  intakeChannels: z.array(term),
  misconductReferrals: z.array(term),
  explosiveOrdnanceAccidents: z.array(term),
  ageGroups: z.array(term.extend({ from: z.number(), to: z.number().nullable() })),
  standardsOfProof: z.array(term),
});

export function protectionRoutes(app: Router, _ctx: AppContext): void {
  app.get(
    '/api/protection/vocabulary',
    {
      // Lists of categories, no case content: readable by any signed-in member.
      config: { access: { signedIn: true } },
      schema: {
        tags: ['protection'],
        summary:
          'Violation, misconduct and accident vocabularies, age groups, standards of proof, intake channels, in the reader’s language',
        response: { 200: vocabularySchema },
      },
    },
    async (request) => localizedProtectionVocabulary(request.locale),
  );
}
