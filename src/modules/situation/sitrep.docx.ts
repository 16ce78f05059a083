import type { Paragraph as DocxParagraph, ParagraphChild } from 'docx';
import { xmlChars } from '../../platform/xlsx.js';
import { type SitrepDocument, sitrepContent } from './sitrep.content.js';

/**
 * A situation report as a Word document (OOXML, written by the `docx` package): the same content
 * as its PDF, its class marked in the header and footer of every page, the title and section
 * headings as Word's Title and Heading 1 styles so that its outline shows them.
 */

// Twentieths of a point, Word's unit: the PDF's A4 page and margins (48, 64, 48, 56 pt).
const PAGE = { width: 11_906, height: 16_838 };
const MARGIN = { top: 1_280, right: 960, bottom: 1_120, left: 960, header: 480, footer: 400 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const MARKING_RED = 'A00000';
const UN_BLUE = '00609C';

/** Writes the report; `docx` (about 1 MB of script) is loaded on the first export only. */
export async function renderSitrepDocx(report: SitrepDocument): Promise<Buffer> {
  const { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, Tab, TabStopType, TextRun } = await import(
    'docx'
  );
  const content = sitrepContent(report);
  // `docx` drops control characters but keeps U+FFFE and U+FFFF, which XML 1.0 forbids (Word refuses such a file): text is passed through `xmlChars`.
  const marking = () => new TextRun({ text: content.marking, bold: true, color: MARKING_RED, size: 18 });
  // "Page {{page}} of {{pages}}" with Word's fields for the numbers, which Word computes.
  const pageWords: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = content.page
    .split(/(\{\{pages?\}\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{{page}}' ? PageNumber.CURRENT : part === '{{pages}}' ? PageNumber.TOTAL_PAGES : part));
  const footerRuns: ParagraphChild[] = [marking(), new TextRun({ children: [new Tab(), ...pageWords], size: 16, color: '555555' })];
  const body: DocxParagraph[] = [
    new Paragraph({ children: [new TextRun({ text: content.state, bold: true, color: UN_BLUE })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, text: xmlChars(content.title) }),
    new Paragraph({ children: [new TextRun({ text: xmlChars(content.meta), size: 17, color: '444444' })], spacing: { after: 200 } }),
  ];
  for (const section of content.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: xmlChars(section.heading) }));
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') body.push(new Paragraph({ text: xmlChars(block.text), spacing: { after: 80 } }));
      else for (const item of block.items) body.push(new Paragraph({ text: xmlChars(item), bullet: { level: 0 }, spacing: { after: 40 } }));
    }
  }
  const document = new Document({
    title: xmlChars(content.title),
    subject: content.marking,
    creator: 'Mandat',
    lastModifiedBy: 'Mandat',
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 20, language: { value: report.language === 'fr' ? 'fr-FR' : 'en-GB' } } },
        title: { run: { font: 'Arial', size: 32, bold: true, color: UN_BLUE }, paragraph: { spacing: { before: 80, after: 80 } } },
        heading1: { run: { font: 'Arial', size: 26, bold: true, color: UN_BLUE }, paragraph: { spacing: { before: 240, after: 80 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [marking()] })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], children: footerRuns })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
