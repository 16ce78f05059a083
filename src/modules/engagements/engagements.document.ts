import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Classification, Locale } from '../../contracts/common.js';
import { REPORT_TEXT } from '../../data/politics.js';
import { renderPdf } from '../../platform/pdf.js';

export interface ReportDocument {
  title: string;
  body: string;
  language: Locale;
  classification: Classification;
  author: string;
  updatedAt: string;
}

/** The report's text as blocks: `# ` a heading, `## ` a subheading, `- ` bullets, other lines paragraphs. */
function bodyContent(body: string): Content[] {
  const blocks: Content[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length > 0) blocks.push({ ul: bullets, style: 'body' });
    bullets = [];
  };
  for (const raw of body.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('- ')) {
      bullets.push(line.slice(2));
      continue;
    }
    flush();
    if (line.startsWith('## ')) blocks.push({ text: line.slice(3), style: 'subheading' });
    else if (line.startsWith('# ')) blocks.push({ text: line.slice(2), style: 'heading' });
    else if (line.trim() !== '') blocks.push({ text: line, style: 'body' });
  }
  flush();
  return blocks;
}

export function reportDocument(report: ReportDocument): TDocumentDefinitions {
  const words = REPORT_TEXT[report.language];
  const marking = words.classes[report.classification];
  const colon = report.language === 'fr' ? '\u00a0: ' : ': ';
  return {
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    info: { title: report.title, creator: 'Mandat', producer: 'Mandat', subject: marking },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: { text: marking, style: 'marking', alignment: 'center', margin: [48, 24, 48, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: marking, style: 'marking' },
        {
          text: words.page.replace('{{page}}', String(page)).replace('{{pages}}', String(pages)),
          style: 'footer',
          alignment: 'right',
        },
      ],
      margin: [48, 20, 48, 0],
    }),
    content: [
      { text: words.draft.toUpperCase(), style: 'kicker' },
      { text: report.title, style: 'title' },
      {
        text: `${words.classification}${colon}${marking} — ${words.author}${colon}${report.author} — ${report.updatedAt.slice(0, 10)}`,
        style: 'meta',
      },
      ...bodyContent(report.body),
    ],
    styles: {
      marking: { fontSize: 9, bold: true, color: '#a00000' },
      kicker: { fontSize: 10, bold: true, color: '#00609c' },
      title: { fontSize: 18, bold: true, color: '#00609c', margin: [0, 4, 0, 4] },
      meta: { fontSize: 8.5, color: '#444444', margin: [0, 0, 0, 10] },
      heading: { fontSize: 14, bold: true, color: '#00609c', margin: [0, 12, 0, 4] },
      subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
      body: { margin: [0, 0, 0, 4] },
      footer: { fontSize: 8, color: '#555555' },
    },
  };
}

/**
 * Renders a report in the calling thread: a period's report is a few pages of text (tens of
 * milliseconds), unlike the fiche with its chart, which the factsheet module renders in a worker.
 */
export async function renderReportPdf(report: ReportDocument): Promise<Buffer> {
  return renderPdf(reportDocument(report));
}
