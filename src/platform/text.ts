/**
 * The search key of a text: Unicode-decomposed, diacritics removed, lower-cased, whitespace
 * collapsed. Stored beside the text so that `menaka` finds "Ménaka" with the same plain
 * comparison on SQLite and PostgreSQL (SQLite's lower() and LIKE fold ASCII only).
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a query, as search keys, without LIKE wildcards. */
export function searchTerms(query: string): string[] {
  return searchKey(query)
    .replace(/[%_\\]/g, ' ')
    .split(/[\s'’,;:.()«»"-]+/)
    .filter((term) => term.length > 0)
    .slice(0, 8);
}
