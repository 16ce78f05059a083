import type { Classification, Locale } from '../../contracts/common.js';
import { SITREP_TEXT } from '../../data/situation.js';

/** A situation report as its exports (PDF, DOCX) show it, read from the stored report. */
export interface SitrepDocument {
  title: string;
  language: Locale;
  classification: Classification;
  released: boolean;
  author: string;
  releasedBy: string | null;
  updatedAt: string;
  sections: { heading: string; text: string }[];
}

/** A block of a section's text: a paragraph, or the bullets of consecutive `- ` lines. */
export type SitrepBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

/** What every export of a report prints, in the report's language, whatever the format. */
export interface SitrepContent {
  title: string;
  /** The class as marked at the top and bottom of every page. */
  marking: string;
  /** Draft or released, above the title. */
  state: string;
  /** Class, author, who released it and the date of the last change, under the title. */
  meta: string;
  sections: { heading: string; blocks: SitrepBlock[] }[];
  /** The page number's words, with `{{page}}` and `{{pages}}` for the numbers. */
  page: string;
}

/** A section's text as blocks: `- ` lines are bullets, other non-blank lines paragraphs. */
export function sectionBlocks(text: string): SitrepBlock[] {
  const blocks: SitrepBlock[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length > 0) blocks.push({ kind: 'bullets', items: bullets });
    bullets = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('- ')) {
      bullets.push(line.slice(2));
      continue;
    }
    flush();
    if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line });
  }
  flush();
  return blocks;
}

export function sitrepContent(report: SitrepDocument): SitrepContent {
  const words = SITREP_TEXT[report.language];
  const marking = words.classes[report.classification];
  const colon = report.language === 'fr' ? '\u00a0: ' : ': ';
  const state = report.released ? words.released : words.draft;
  const by = report.released && report.releasedBy ? ` — ${words.releasedBy}${colon}${report.releasedBy}` : '';
  return {
    title: report.title,
    marking,
    state: state.toUpperCase(),
    meta: `${words.classification}${colon}${marking} — ${words.author}${colon}${report.author}${by} — ${report.updatedAt.slice(0, 10)}`,
    sections: report.sections.map((s) => ({ heading: s.heading, blocks: sectionBlocks(s.text) })),
    page: words.page,
  };
}
