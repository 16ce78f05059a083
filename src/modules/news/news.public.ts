import type { Locale } from '../../contracts/common.js';
import type { PublicRelease, ReleaseKind } from '../../contracts/news.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { latestPublicFrom, publicRelease, publicReleases, type ReleaseRow } from './news.repository.js';

/**
 * What readers without an account see of public information: the releases public now, in the
 * reader's language when the release has it; their Atom feed per language and the sitemap.
 */

const nowIso = (ctx: AppContext) => ctx.now().toISOString();

/** The reader's language when the release has it, French otherwise. */
function presentPublic(row: ReleaseRow, locale: Locale): PublicRelease {
  const en = locale === 'en' && row.title_en !== null && row.body_en !== null;
  return {
    id: row.id,
    kind: row.kind as ReleaseKind,
    lang: en ? 'en' : 'fr',
    dateline: row.dateline,
    title: en ? (row.title_en ?? row.title_fr) : row.title_fr,
    summary: en ? (row.summary_en ?? row.summary_fr) : row.summary_fr,
    body: en ? (row.body_en ?? row.body_fr) : row.body_fr,
    publishedAt: row.public_from ?? row.created_at,
    correctedAt: row.corrected_at,
    correction: en ? (row.correction_en ?? row.correction_fr) : row.correction_fr,
    translated: row.title_en !== null && row.body_en !== null,
  };
}

export async function listPublicReleases(ctx: AppContext, locale: Locale): Promise<Omit<PublicRelease, 'body'>[]> {
  const rows = await publicReleases(ctx.database.db, nowIso(ctx));
  return rows.map((row) => {
    const { body: _body, ...rest } = presentPublic(row, locale);
    return rest;
  });
}

/** A release that is not public now is not found, whatever the reason: its existence does not leak. */
export async function getPublicRelease(ctx: AppContext, id: string, locale: Locale): Promise<PublicRelease> {
  const row = await publicRelease(ctx.database.db, id, nowIso(ctx));
  if (!row) throw notFound();
  return presentPublic(row, locale);
}

/**
 * The latest instant at which a release became public, as of now: part of the key of every kept
 * public response of the module, so that an embargo ending shows the release without a write.
 */
export async function publicMoment(ctx: AppContext): Promise<string> {
  return (await latestPublicFrom(ctx.database.db, nowIso(ctx))) ?? 'none';
}

/** XML 1.0's Char production: tab, line feed, carriage return and the planes less surrogates, U+FFFE and U+FFFF. */
function xmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** XML 1.0 text: escaped, and without the characters XML cannot carry at all. */
export function xmlText(value: string): string {
  return [...value]
    .filter(xmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const FEED_TITLE: Record<Locale, string> = {
  fr: 'MINUSMA — Communiqués de presse',
  en: 'MINUSMA — Press releases',
};
const FEED_AUTHOR: Record<Locale, string> = {
  fr: 'MINUSMA, Division de la communication stratégique et de l’information publique',
  en: 'MINUSMA, Strategic Communications and Public Information Division',
};
/** An empty feed's `updated`: nothing was ever published. */
const NEVER = '1970-01-01T00:00:00.000Z';

export const feedPath = (lang: Locale) => `/api/news/feed/${lang}.atom`;

/**
 * The Atom feed (RFC 4287) of the releases public now, in `lang`: an entry has the text of that
 * language when the release has it (its `xml:lang` says which), the French otherwise.
 */
export async function atomFeed(ctx: AppContext, lang: Locale): Promise<string> {
  const base = ctx.config.publicUrl;
  const rows = await publicReleases(ctx.database.db, nowIso(ctx), 50);
  const updatedOf = (row: ReleaseRow) => row.corrected_at ?? row.public_from ?? row.created_at;
  const updated = rows.map(updatedOf).sort().at(-1) ?? NEVER;
  const entries = rows.map((row) => {
    const release = presentPublic(row, lang);
    const link = `${base}/actualites/${row.id}`;
    return [
      `  <entry xml:lang="${release.lang}">`,
      `    <id>urn:uuid:${row.id}</id>`,
      `    <title type="text">${xmlText(release.title)}</title>`,
      `    <updated>${updatedOf(row)}</updated>`,
      `    <published>${release.publishedAt}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <summary type="text">${xmlText(release.summary)}</summary>`,
      `    <content type="text">${xmlText(release.body)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>${xmlText(`${base}${feedPath(lang)}`)}</id>`,
    `  <title type="text">${xmlText(FEED_TITLE[lang])}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText(FEED_AUTHOR[lang])}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${base}${feedPath(lang)}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${base}/actualites`)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The web app's pages a reader without an account may open, besides each public release. */
export const PUBLIC_PAGES = ['/', '/fiche', '/mission', '/effectifs', '/recherche', '/actualites', '/radio'] as const;

/** sitemap.xml (sitemaps.org 0.9): the public pages and every release public now. */
export async function sitemap(ctx: AppContext): Promise<string> {
  const base = ctx.config.publicUrl;
  const rows = await publicReleases(ctx.database.db, nowIso(ctx));
  const urls = [
    ...PUBLIC_PAGES.map((path) => `  <url><loc>${xmlText(`${base}${path}`)}</loc></url>`),
    ...rows.map(
      (row) =>
        `  <url><loc>${xmlText(`${base}/actualites/${row.id}`)}</loc><lastmod>${row.corrected_at ?? row.public_from}</lastmod></url>`,
    ),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
