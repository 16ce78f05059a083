import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../platform/pdf.js';
import { type SitrepBlock, type SitrepDocument, sitrepContent } from './sitrep.content.js';

const blockContent = (block: SitrepBlock): Content =>
  block.kind === 'bullets' ? { ul: block.items, style: 'body' } : { text: block.text, style: 'body' };

export function sitrepDocument(report: SitrepDocument): TDocumentDefinitions {
  const content = sitrepContent(report);
  const { marking } = content;
  return {
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    info: { title: content.title, creator: 'Mandat', producer: 'Mandat', subject: marking },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    header: { text: marking, style: 'marking', alignment: 'center', margin: [48, 24, 48, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: marking, style: 'marking' },
        { text: content.page.replace('{{page}}', String(page)).replace('{{pages}}', String(pages)), style: 'footer', alignment: 'right' },
      ],
      margin: [48, 20, 48, 0],
    }),
    content: [
      { text: content.state, style: 'kicker' },
      { text: content.title, style: 'title' },
      { text: content.meta, style: 'meta' },
      ...content.sections.flatMap((s): Content[] => [{ text: s.heading, style: 'heading' }, ...s.blocks.map(blockContent)]),
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
