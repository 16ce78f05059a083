import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Locale } from '../../contracts/common.js';
import type { Section, TEXT_KINDS } from '../../contracts/organisation.js';
import { formatFigure } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { strengthChartSvg } from './chart.js';
import type { Factsheet } from './factsheet.service.js';

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));

pdfmake.addFonts({
  Roboto: {
    normal: `${FONT_DIR}/Roboto-Regular.ttf`,
    bold: `${FONT_DIR}/Roboto-Medium.ttf`,
    italics: `${FONT_DIR}/Roboto-Italic.ttf`,
    bolditalics: `${FONT_DIR}/Roboto-MediumItalic.ttf`,
  },
});
// Documents are built from Mandat's own data only: no file or URL outside the fonts is read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(FONT_DIR));

/** The order of the fact book's own pages: mandate, tasks, results, partners, contacts, figures. */
const KIND_ORDER = [
  'mandate',
  'context',
  'task',
  'result',
  'figures',
  'partners',
  'contacts',
] as const satisfies readonly (typeof TEXT_KINDS)[number][];

function sectionContent(section: Section, locale: Locale): Content[] {
  const out: Content[] = [{ text: section.title, style: 'sectionTitle', pageBreak: 'before' }];
  for (const kind of KIND_ORDER) {
    const texts = section.texts.filter((text) => text.kind === kind);
    if (texts.length === 0) continue;
    out.push({ text: t(locale, `factsheet.kinds.${kind}`).toUpperCase(), style: 'kind' });
    let heading: string | null = null;
    let bullets: string[] = [];
    const flush = () => {
      if (bullets.length > 0) out.push({ ul: bullets, style: 'body', margin: [0, 0, 0, 6] });
      bullets = [];
    };
    for (const text of texts) {
      if (text.heading && text.heading !== heading) {
        flush();
        out.push({ text: text.heading, style: 'subheading' });
      }
      heading = text.heading;
      if (text.bullet) bullets.push(text.body);
      else {
        flush();
        out.push({ text: text.body, style: 'body' });
      }
    }
    flush();
  }
  if (section.partners.length > 0) {
    out.push({ text: t(locale, 'factsheet.partnerRegistry'), style: 'subheading' });
    out.push({ ul: section.partners.map((p) => (p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name)), style: 'body' });
  }
  if (section.contacts.length > 0) {
    out.push({ text: t(locale, 'factsheet.kinds.contacts').toUpperCase(), style: 'kind' });
    out.push({ ul: section.contacts.map((c) => `${c.label} : ${c.value}${c.place ? ` (${c.place})` : ''}`), style: 'body' });
  }
  if (section.figures.length > 0) {
    out.push({ text: t(locale, 'factsheet.keyFigures').toUpperCase(), style: 'kind' });
    out.push({
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', 'auto'],
        body: [
          [t(locale, 'factsheet.figure'), t(locale, 'factsheet.value'), t(locale, 'factsheet.period'), t(locale, 'factsheet.source')].map(
            (h) => ({ text: h, style: 'th' }),
          ),
          ...section.figures.map((f) => [
            {
              stack: [f.label, ...f.warnings.map((w) => ({ text: `${t(locale, 'factsheet.warning')} : ${w.message}`, style: 'warning' }))],
            },
            {
              text: `${formatFigure(f.value, f.measure, locale, f.qualifier)}${f.derived ? ` (${t(locale, 'factsheet.computed')})` : ''}`,
              noWrap: true,
            },
            f.period ?? '',
            f.page ? t(locale, 'factsheet.page', { page: f.page }) : '',
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      style: 'table',
    });
  }
  if (section.places.length > 0) out.push({ text: `${t(locale, 'factsheet.places')} : ${section.places.join(', ')}`, style: 'places' });
  return out;
}

export function factsheetDocument(sheet: Factsheet): TDocumentDefinitions {
  const { locale, mission } = sheet;
  const dateText = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    sheet.generatedAt,
  );
  const cover: Content[] = [
    { text: t(locale, 'factsheet.title').toUpperCase(), style: 'kicker' },
    { text: mission.name, style: 'title' },
    { text: mission.fullName, style: 'subtitle' },
    { text: `${t(locale, 'factsheet.resolution', mission.resolution)} — ${t(locale, 'factsheet.chapter')}`, style: 'body' },
    { text: t(locale, 'factsheet.principles').toUpperCase(), style: 'kind' },
    { ol: mission.principles, style: 'body' },
    { text: t(locale, 'factsheet.leadership').toUpperCase(), style: 'kind' },
    { ul: mission.leadership, style: 'body' },
  ];
  if (sheet.strength.length > 0) {
    cover.push({ text: t(locale, 'factsheet.strength').toUpperCase(), style: 'kind' });
    cover.push({ svg: strengthChartSvg(sheet.strength, locale), width: 480 });
  }
  return {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: { title: `${t(locale, 'factsheet.title')} — ${mission.name}`, creator: 'Mandat', producer: 'Mandat' },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: t(locale, 'factsheet.generated', { date: dateText }), style: 'footer' },
        { text: t(locale, 'factsheet.pageOf', { page, pages }), style: 'footer', alignment: 'right' },
      ],
      margin: [48, 20, 48, 0],
    }),
    content: [...cover, ...sheet.sections.flatMap((section) => sectionContent(section, locale))],
    styles: {
      kicker: { fontSize: 10, bold: true, color: '#00609c' },
      title: { fontSize: 26, bold: true, color: '#00609c', margin: [0, 4, 0, 2] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 8] },
      sectionTitle: { fontSize: 16, bold: true, color: '#00609c', margin: [0, 0, 0, 6] },
      kind: { fontSize: 10.5, bold: true, color: '#1a1a1a', margin: [0, 10, 0, 4] },
      subheading: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
      body: { margin: [0, 0, 0, 5] },
      th: { bold: true, fillColor: '#eef3f7' },
      table: { margin: [0, 2, 0, 8] },
      warning: { italics: true, color: '#8a4b00', fontSize: 8.5 },
      places: { italics: true, margin: [0, 6, 0, 0], color: '#444444' },
      footer: { fontSize: 7.5, color: '#555555' },
    },
  };
}

/**
 * Renders the fact sheet to a PDF buffer, without a browser, in the calling thread: one to two
 * seconds of CPU for the whole mission. Servers call `renderFactsheetPdf` (factsheet.pdf.ts),
 * which runs this in a worker thread.
 */
export async function renderPdfInThisThread(sheet: Factsheet): Promise<Buffer> {
  return pdfmake.createPdf(factsheetDocument(sheet)).getBuffer();
}
