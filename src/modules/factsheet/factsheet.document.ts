import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Locale } from '../../contracts/common.js';
import type { Contact, Figure, Partner, Section } from '../../contracts/organisation.js';
import { formatFigure, formatPeriod } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { renderPdf } from '../../platform/pdf.js';
import { strengthChartSvg } from './chart.js';
import type { Factsheet } from './factsheet.service.js';

/**
 * French puts a no-break space before : ; ! ? (and the source's own text, always French, has a
 * plain one, which lets a line break before the sign); English puts none.
 */
function frenchSpacing(text: string): string {
  return text.replace(/ ([:;!?])/g, '\u00a0$1');
}

function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}

/**
 * A heading kept with what follows it: the heading and the first block below it go on one page
 * (pdfmake moves an unbreakable stack whole), so no heading is left alone at a page's foot. This
 * costs nothing at layout time, unlike a `pageBreakBefore` callback, which lays the whole
 * document out again after each break it asks for.
 */
function keepWithNext(heading: Content[], next: Content | undefined): Content[] {
  if (next === undefined) return heading;
  return [{ stack: [...heading, next], unbreakable: true }];
}

/** A figure as the fact book states it ("plus de 16 774", "au plus 6 mois"), and the computed value beside. */
function figureValue(f: Figure, locale: Locale): Content {
  if (!f.derived) return { text: formatFigure(f.value, f.measure, locale, f.qualifier), noWrap: true };
  const computed = {
    text: `${t(locale, 'factsheet.computed')}${colon(locale)}${formatFigure(f.value, f.measure, locale)}`,
    noWrap: true,
    style: 'computed',
  };
  if (f.statedValue === null) return computed;
  return { stack: [{ text: formatFigure(f.statedValue, f.measure, locale, f.qualifier), noWrap: true }, computed] };
}

function figuresTable(figures: readonly Figure[], locale: Locale): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: ['*', 'auto', 'auto', 'auto'],
      body: [
        [t(locale, 'factsheet.figure'), t(locale, 'factsheet.value'), t(locale, 'factsheet.period'), t(locale, 'factsheet.source')].map(
          (h) => ({ text: h, style: 'th' }),
        ),
        ...figures.map((f) => [
          {
            stack: [
              f.label,
              // A figure bound to records says so: its value is computed from Mandat's records, not copied from a source.
              ...(f.binding ? [{ text: t(locale, 'factsheet.fromRecords'), style: 'computed' }] : []),
              ...f.warnings.map((w) => ({ text: `${t(locale, 'factsheet.warning')}${colon(locale)}${w.message}`, style: 'warning' })),
            ],
          },
          figureValue(f, locale),
          { text: f.period ? formatPeriod(f.period, locale) : '' },
          { text: f.page ? t(locale, 'factsheet.page', { page: f.page }) : '', noWrap: true },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

/** "Royaume-Uni (GBR)", "Coordination des Mouvements de l’Azawad (CMA)". */
function partnerLine(partner: Partner): string {
  const extra = [partner.abbreviation, partner.country].filter((x): x is string => x !== null);
  return extra.length > 0 ? `${partner.name} (${extra.join(', ')})` : partner.name;
}

function contactLine(contact: Contact, locale: Locale): string {
  const free = contact.free ? ` — ${t(locale, 'factsheet.freeLine')}` : '';
  return `${frenchSpacing(contact.label)}${colon(locale)}${contact.value}${contact.place ? ` (${contact.place})` : ''}${free}`;
}

/** A long list of names in two columns, read down the first column then the second. */
function partnerColumns(partners: readonly Partner[]): Content {
  const lines = partners.map(partnerLine);
  const half = Math.ceil(lines.length / 2);
  if (lines.length < 6) return { ul: lines, style: 'list' };
  return {
    columns: [
      { ul: lines.slice(0, half), style: 'list' },
      { ul: lines.slice(half), style: 'list' },
    ],
    columnGap: 12,
  };
}

/** Blocks of a section's texts in the fact book's order, each heading printed once where it changes. */
function textBlocks(section: Section, locale: Locale): Content[] {
  const out: Content[] = [];
  let pending: Content[] = [];
  let bullets: string[] = [];
  let heading: string | null | undefined;
  let subheading: string | null | undefined;
  let mandateShown = false;
  const push = (block: Content) => {
    out.push(...keepWithNext(pending, block));
    pending = [];
  };
  const flush = () => {
    if (bullets.length > 0) {
      // The first item goes with the heading above it; the rest of the list may break anywhere.
      const [first, ...rest] = bullets;
      push({ ul: [first ?? ''], style: 'list' });
      if (rest.length > 0) out.push({ ul: rest, style: 'list' });
    }
    bullets = [];
  };
  for (const text of section.texts) {
    if (text.kind === 'mandate' && text.heading === null && !mandateShown) {
      flush();
      pending.push({ text: t(locale, 'factsheet.kinds.mandate').toUpperCase(), style: 'kind' });
    }
    if (text.kind === 'mandate') mandateShown = true;
    if (text.heading !== heading && text.heading !== null) {
      flush();
      pending.push({ text: frenchSpacing(text.heading), style: 'kind' });
    }
    if (text.subheading !== subheading && text.subheading) {
      flush();
      pending.push({ text: frenchSpacing(text.subheading), style: 'subheading' });
    }
    heading = text.heading;
    subheading = text.subheading;
    if (text.bullet) bullets.push(frenchSpacing(text.body));
    else {
      flush();
      push({ text: frenchSpacing(text.body), style: 'body' });
    }
  }
  flush();
  out.push(...pending);
  return out;
}

function sectionContent(section: Section, locale: Locale): Content[] {
  const blocks = textBlocks(section, locale);
  const extras: Content[][] = [];
  if (section.partners.length > 0) {
    extras.push([{ text: t(locale, 'factsheet.partnerRegistry').toUpperCase(), style: 'kind' }, partnerColumns(section.partners)]);
  }
  if (section.contacts.length > 0) {
    extras.push([
      { text: t(locale, 'factsheet.kinds.contacts').toUpperCase(), style: 'kind' },
      { ul: section.contacts.map((c) => contactLine(c, locale)), style: 'list' },
    ]);
  }
  if (section.figures.length > 0) {
    extras.push([{ text: t(locale, 'factsheet.keyFigures').toUpperCase(), style: 'kind' }, figuresTable(section.figures, locale)]);
  }
  if (section.places.length > 0) {
    extras.push([{ text: `${t(locale, 'factsheet.places')}${colon(locale)}${section.places.join(', ')}`, style: 'places' }]);
  }
  const title: Content = { text: section.title, style: 'sectionTitle' };
  const [first, ...rest] = blocks;
  return [
    ...keepWithNext([title], first),
    ...rest,
    ...extras.flatMap(([head, ...body]) => (head === undefined ? [] : keepWithNext([head], body[0]).concat(body.slice(1)))),
  ];
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
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
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
      sectionTitle: { fontSize: 15, bold: true, color: '#00609c', margin: [0, 16, 0, 4] },
      kind: { fontSize: 10, bold: true, color: '#1a1a1a', margin: [0, 7, 0, 3] },
      subheading: { fontSize: 9.5, bold: true, italics: true, color: '#00609c', margin: [0, 4, 0, 2] },
      body: { margin: [0, 0, 0, 4] },
      list: { margin: [0, 0, 0, 2] },
      th: { bold: true, fillColor: '#eef3f7' },
      table: { fontSize: 8.5, margin: [0, 2, 0, 6] },
      warning: { italics: true, color: '#8a4b00', fontSize: 8 },
      computed: { color: '#444444', fontSize: 8 },
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
  return renderPdf(factsheetDocument(sheet));
}
