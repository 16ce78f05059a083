import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Classification, Locale } from '../../contracts/common.js';
import { SITREP_TEXT } from '../../data/situation.js';
import { renderPdf } from '../../platform/pdf.js';

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

/** A section's text as blocks: `- ` bullets, other lines paragraphs. */
function sectionContent(text: string): Content[] {
  const blocks: Content[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length > 0) blocks.push({ ul: bullets, style: 'body' });
    bullets = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('- ')) {
      bullets.push(line.slice(2));
      continue;
    }
    flush();
    if (line.trim() !== '') blocks.push({ text: line, style: 'body' });
  }
  flush();
  return blocks;
}

export function sitrepDocument(report: SitrepDocument): TDocumentDefinitions {
  const words = SITREP_TEXT[report.language];
  const marking = words.classes[report.classification];
  const colon = report.language === 'fr' ? '\u00a0: ' : ': ';
  const state = report.released ? words.released : words.draft;
  const by = report.released && report.releasedBy ? ` — ${words.releasedBy}${colon}${report.releasedBy}` : '';
  return {
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    info: { title: report.title, creator: 'Mandat', producer: 'Mandat', subject: marking },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: { text: marking, style: 'marking', alignment: 'center', margin: [48, 24, 48, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: marking, style: 'marking' },
        { text: words.page.replace('{{page}}', String(page)).replace('{{pages}}', String(pages)), style: 'footer', alignment: 'right' },
      ],
      margin: [48, 20, 48, 0],
    }),
    content: [
      { text: state.toUpperCase(), style: 'kicker' },
      { text: report.title, style: 'title' },
      {
        text: `${words.classification}${colon}${marking} — ${words.author}${colon}${report.author}${by} — ${report.updatedAt.slice(0, 10)}`,
        style: 'meta',
      },
      ...report.sections.flatMap((s): Content[] => [{ text: s.heading, style: 'heading' }, ...sectionContent(s.text)]),
    ],
    styles: {
      marking: { fontSize: 9, bold: true, color: '#a00000' },
      kicker: { fontSize: 10, bold: true, color: '#00609c' },
      title: { fontSize: 16, bold: true, color: '#00609c', margin: [0, 4, 0, 4] },
      meta: { fontSize: 8.5, color: '#444444', margin: [0, 0, 0, 10] },
      heading: { fontSize: 13, bold: true, color: '#00609c', margin: [0, 12, 0, 4] },
      body: { margin: [0, 0, 0, 4] },
      footer: { fontSize: 8, color: '#555555' },
    },
  };
}

/** Renders a report in the calling thread: a day's report is a few pages of text. */
export async function renderSitrepPdf(report: SitrepDocument): Promise<Buffer> {
  return renderPdf(sitrepDocument(report));
}
