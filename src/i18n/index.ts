import type { Locale } from '../contracts/common.js';
import { auditEn } from './audit.en.js';
import { auditFr } from './audit.fr.js';
import { documentsEn } from './documents.en.js';
import { documentsFr } from './documents.fr.js';
import { errorsEn } from './errors.en.js';
import { errorsFr } from './errors.fr.js';
import { webEn } from './web.en.js';
import { webFr } from './web.fr.js';

/** One set of catalogs for the web app, API errors and the CLI. French is the reference. */
export const catalogs = {
  fr: { ...errorsFr, ...documentsFr, web: webFr },
  en: { ...errorsEn, ...documentsEn, web: webEn },
} as const;

export const DEFAULT_LOCALE: Locale = 'fr';

type Params = Record<string, string | number>;

function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = catalogs[locale];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The names of the audit log's actions and record types (their codes hold dots, so they are looked up whole). */
export function auditCatalog(locale: Locale): typeof auditFr {
  return locale === 'en' ? auditEn : auditFr;
}

/** Translates a dotted key, falling back to French, then to the key itself. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = lookup(locale, key) ?? lookup(DEFAULT_LOCALE, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * Picks the language from an Accept-Language header (RFC 9110 weights).
 * French unless English is preferred.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return DEFAULT_LOCALE;
}
