import { setImmediate } from 'node:timers/promises';
import type { Locale } from '../../contracts/common.js';
import type { Section } from '../../contracts/organisation.js';
import { MISSION_OVERVIEW } from '../../data/mission.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { listFigures } from '../indicators/indicators.service.js';
import { getSection, sectionSummaries } from '../organisation/sections.service.js';
import { type StrengthBar, strengthBars } from './chart.js';

/**
 * The fiche d’information, generated from live data. It is a public document: it is always built
 * with an anonymous reader's rights, so only `public` records appear, whoever asks for it.
 */
export interface Factsheet {
  locale: Locale;
  generatedAt: Date;
  mission: {
    name: string;
    fullName: string;
    resolution: { number: number; year: number };
    principles: string[];
    leadership: string[];
  };
  strength: StrengthBar[];
  sections: Section[];
}

export async function buildFactsheet(ctx: AppContext, locale: Locale, unit?: string): Promise<Factsheet> {
  const publicReader = null;
  const units = unit ? [unit] : (await sectionSummaries(ctx, publicReader)).map((s) => s.unit);
  const sections: Section[] = [];
  for (const code of units) {
    sections.push(await getSection(ctx, publicReader, code, locale));
    // SQLite answers synchronously, so without a turn of the event loop between sections the
    // whole model (tens of milliseconds) would be one block that other requests wait behind.
    await setImmediate();
  }
  if (unit && sections.length === 0) throw notFound();
  const figures = await listFigures(ctx, publicReader, locale);
  const inScope = unit ? figures.filter((f) => f.unit === unit) : figures;
  return {
    locale,
    generatedAt: ctx.now(),
    mission: {
      name: MISSION_OVERVIEW.name[locale],
      fullName: MISSION_OVERVIEW.fullName[locale],
      resolution: MISSION_OVERVIEW.resolution,
      principles: [...MISSION_OVERVIEW.principles[locale]],
      leadership: [...MISSION_OVERVIEW.leadership[locale]],
    },
    strength: strengthBars(inScope, locale),
    sections,
  };
}
