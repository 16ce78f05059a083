import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { MINUSMA_UNITS } from '../src/data/units.js';
import { UNITS_WITH_A_PAGE } from './helpers/factbook.js';

/**
 * Checks the MINUSMA 2020 fact book dataset (src/data/minusma-2020/factbook.json).
 *
 * The structural checks always run. The checks against the fact book's own text need the extracted
 * text beside the project (../shared/seeds/…); CI clones the project alone, so they skip there.
 */

type TextKind = 'mandate' | 'task' | 'result' | 'partners' | 'contacts' | 'figures' | 'context';

interface FactbookText {
  kind: TextKind;
  heading: string | null;
  subheading?: string;
  bullet: boolean;
  text: string;
}

interface Section {
  unit: string;
  title: string;
  page: number;
  places: string[];
  texts: FactbookText[];
}

interface Figure {
  key: string;
  unit: string;
  label: { fr: string; en: string };
  value: number;
  measure: string;
  period: string | null;
  scope: Record<string, unknown>;
  qualifier?: string;
  page: number;
  quote: string;
}

interface Partner {
  name: string;
  abbreviation: string | null;
  kind: string;
  units: string[];
  country?: string;
}

interface Contact {
  unit: string;
  kind: string;
  label: string;
  value: string;
  place: string | null;
  places?: string[];
  page: number;
  quote: string;
}

interface Resolution {
  number: number;
  year: number;
  yearInSource: boolean;
  units: string[];
}

interface Factbook {
  source: { title: string; year: number; pages: number };
  sections: Section[];
  partners: Partner[];
  contacts: Contact[];
  resolutions: Resolution[];
  figures: Figure[];
  policeContributors: string[];
  troopContributorsCount: number;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const factbook = JSON.parse(readFileSync(resolve(root, 'src/data/minusma-2020/factbook.json'), 'utf8')) as Factbook;

/** Shared material beside the project; absent in CI. */
function readShared(path: string): string | null {
  const file = resolve(root, '../shared', path);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
const sourceText = readShared('seeds/000_439f8f8ced451d90.txt');
const placesCsv = readShared('data/mali/places.csv');
const countriesCsv = readShared('data/vocab/countries-fr.csv');

const TEXT_KINDS = new Set(['mandate', 'task', 'result', 'partners', 'contacts', 'figures', 'context']);
const PARTNER_KINDS = new Set([
  'government',
  'signatory_movement',
  'international_mediation',
  'un_entity',
  'donor',
  'regional_organisation',
  'civil_society',
  'ngo',
  'other',
]);
const CONTACT_KINDS = new Set(['phone', 'hotline', 'email', 'office', 'radio', 'web']);
const UNIT_CODES = new Set(MINUSMA_UNITS.map((u) => u.code));

/** Units that have their own page (or, for Mission Support, their own block on page 1) in the fact book. */

/** Misspellings in the fact book of names from places.csv. */
const PLACE_SPELLINGS: Record<string, string[]> = { Taoudéni: ['Taoudénit'], Ménaka: ['Menaka'] };

/** Fact-book spelling of a police-contributing country → its name in countries-fr.csv, where they differ. */
const COUNTRY_SPELLINGS: Record<string, string> = {
  'Côte d’Ivoire': "Côte-d'Ivoire",
  Nigeria: 'Nigéria',
  'RD Congo': 'République démocratique du Congo',
};

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  double: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  soixantaine: 60,
};

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** Any run of whitespace (line breaks, tabs, repeated spaces) becomes one space. */
function normalise(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function fold(text: string): string {
  return normalise(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/[–—]/gu, '-');
}

/**
 * Every number a quote can be read as: "13 289" → 13289, "88,1" → 88.1, "106.6" → 106.6,
 * "23,9 millions" → 23 900 000, "257,000" → 257 or 257000 (the fact book sometimes uses an
 * English thousands comma), and French number words ("cinq", "une soixantaine").
 */
function numbersIn(quote: string): number[] {
  const found: number[] = [];
  const numeral = /(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:([,.])(\d+))?(\s+millions?)?/gu;
  for (const m of quote.matchAll(numeral)) {
    const whole = Number(must(m[1], 'integer part').replace(/[ \u00a0\u202f]/gu, ''));
    const fraction = m[3];
    const scale = m[4] ? 1_000_000 : 1;
    if (fraction === undefined) {
      found.push(whole * scale);
    } else {
      found.push(Number(`${whole}.${fraction}`) * scale);
      if (fraction.length === 3) found.push((whole * 1000 + Number(fraction)) * scale);
    }
  }
  for (const word of quote.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const value = NUMBER_WORDS[word];
    if (value !== undefined) found.push(value);
  }
  return found;
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function countWords(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The fact book without its page furniture: the " Résolution / 2531 / (2020)" header lines. */
function withoutPageHeaders(text: string): string {
  return text
    .split('\n')
    .filter((line) => !['Résolution', '2531'].includes(line.trim()))
    .map((line) => line.replace(/^\s*\(2020\)(?=\s+\p{Lu}|\s*$)/u, ''))
    .join('\n');
}

/** Minimal CSV line reader (quoted fields, doubled quotes). */
function csvRows(csv: string): string[][] {
  const rows: string[][] = [];
  for (const line of csv.split('\n')) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell.replace(/\r$/u, ''));
    rows.push(cells);
  }
  return rows;
}

function csvColumn(csv: string, column: string): string[] {
  const [header, ...rows] = csvRows(csv);
  const index = must(header, 'CSV header').indexOf(column);
  expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
  return rows.map((row) => must(row[index], `${column} cell`));
}

function figure(key: string): Figure {
  return must(
    factbook.figures.find((f) => f.key === key),
    `figure ${key}`,
  );
}

/** Pages covered by each section: from its page to the page before the next section's page. */
function pageRanges(): { unit: string; from: number; to: number }[] {
  return factbook.sections.map((section, i) => {
    const next = factbook.sections.slice(i + 1).find((s) => s.page > section.page);
    return { unit: section.unit, from: section.page, to: next ? next.page - 1 : factbook.source.pages };
  });
}

describe('MINUSMA 2020 fact book dataset', () => {
  test('describes its source', () => {
    expect(factbook.source.title).toBe('MINUSMA — Fiche d’information, résolution 2531 (2020)');
    expect(factbook.source.year).toBe(2020);
  });

  test('every section belongs to a known unit, in page order', () => {
    for (const section of factbook.sections) {
      expect(UNIT_CODES.has(section.unit), `unknown unit ${section.unit}`).toBe(true);
      expect(section.title.length).toBeGreaterThan(0);
      expect(section.texts.length).toBeGreaterThan(0);
    }
    const pages = factbook.sections.map((s) => s.page);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[0]).toBe(1);
  });

  test('every unit with a page in the fact book has a section', () => {
    const units = new Set(factbook.sections.map((s) => s.unit));
    for (const code of UNITS_WITH_A_PAGE) {
      expect(UNIT_CODES.has(code), `${code} in units.ts`).toBe(true);
      expect(units.has(code), `section for ${code}`).toBe(true);
    }
  });

  test('texts are well-formed: known kind, joined lines, no bullet markers', () => {
    for (const section of factbook.sections) {
      for (const t of section.texts) {
        expect(TEXT_KINDS.has(t.kind), t.kind).toBe(true);
        expect(typeof t.bullet).toBe('boolean');
        expect(t.heading === null || t.heading.length > 0).toBe(true);
        expect(t.text).toBe(normalise(t.text));
        expect(t.text).not.toMatch(/•/u);
        expect(t.text.length).toBeGreaterThan(0);
      }
    }
  });

  test('no word keeps the space of a line-end hyphen ("Club- Médias", "LOPM 2015- 2019") anywhere in the data', () => {
    const strayHyphen = /[\p{L}\p{N}]- [\p{L}\p{N}]/u;
    const strings: { path: string; value: string }[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string') strings.push({ path, value });
      else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
      else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    };
    walk(factbook, 'factbook');
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((s) => strayHyphen.test(s.value)).map((s) => `${s.path}: ${s.value.match(/.{0,20}- .{0,20}/u)?.[0]}`)).toEqual(
      [],
    );
    // A spaced dash between two words ("DDR - Intégration") is the source's punctuation, not a split word.
    expect(strings.some((s) => s.value.includes('DDR - Intégration'))).toBe(true);
  });

  test('figure keys are unique, dotted and stable-looking', () => {
    const keys = factbook.figures.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/u);
  });

  test('every figure is a number stated in its quote, on a page of its unit', () => {
    const ranges = pageRanges();
    for (const f of factbook.figures) {
      expect(UNIT_CODES.has(f.unit), f.key).toBe(true);
      expect(Number.isFinite(f.value), f.key).toBe(true);
      expect(f.measure.length, f.key).toBeGreaterThan(0);
      expect(f.label.fr.length * f.label.en.length, f.key).toBeGreaterThan(0);
      expect(typeof f.scope, f.key).toBe('object');
      if (f.period !== null) expect(f.period, f.key).toMatch(/^\d{4}(-\d{2})?(\/(\d{4}(-\d{2})?|\.\.))?$/u);
      if (f.qualifier !== undefined) expect(['more_than', 'nearly', 'approximately', 'at_least', 'maximum'], f.key).toContain(f.qualifier);
      const read = numbersIn(f.quote);
      expect(
        read.some((n) => sameNumber(n, f.value)),
        `${f.key}: ${f.value} not in "${f.quote}" (read ${read.join(', ')})`,
      ).toBe(true);
      expect(
        ranges.some((r) => r.unit === f.unit && f.page >= r.from && f.page <= r.to),
        `${f.key}: page ${f.page} is not a page of ${f.unit}`,
      ).toBe(true);
    }
  });

  test('figures hold the key numbers of the fact book', () => {
    expect(factbook.figures.length).toBeGreaterThanOrEqual(90);
    expect(figure('force.strength.authorised').value).toBe(13289);
    expect(figure('force.strength.deployed').value).toBe(12362);
    expect(figure('force.strength.women')).toMatchObject({ value: 459, scope: { sex: 'female' } });
    expect(figure('unpol.strength.authorised').value).toBe(1920);
    expect(figure('unpol.strength.ipo').value).toBe(345);
    expect(figure('unpol.strength.fpu').value).toBe(1440);
    expect(figure('unpol.strength.deployed').value).toBe(1691);
    expect(figure('unpol.strength.deployed.share_of_authorised')).toMatchObject({ value: 88.1, measure: 'percent' });
    expect(figure('unmas.survivors.assisted')).toMatchObject({ value: 531, unit: 'UNMAS' });
  });

  test('troop and police contributors', () => {
    expect(factbook.troopContributorsCount).toBe(58);
    expect(factbook.policeContributors).toHaveLength(27);
    expect(new Set(factbook.policeContributors).size).toBe(27);
    for (const code of factbook.policeContributors) expect(code).toMatch(/^[A-Z]{3}$/u);
    expect(factbook.policeContributors[0]).toBe('DEU');
    expect(factbook.policeContributors.at(-1)).toBe('TUN');
  });

  test('partners have a known kind and are named by known units', () => {
    const seen = new Set<string>();
    for (const p of factbook.partners) {
      expect(PARTNER_KINDS.has(p.kind), `${p.name}: ${p.kind}`).toBe(true);
      expect(p.units.length, p.name).toBeGreaterThan(0);
      for (const unit of p.units) expect(UNIT_CODES.has(unit), `${p.name}: ${unit}`).toBe(true);
      if (p.country !== undefined) expect(p.country).toMatch(/^[A-Z]{3}$/u);
      const id = `${p.name}|${p.kind}`;
      expect(seen.has(id), `duplicate partner ${id}`).toBe(false);
      seen.add(id);
    }
    const byAbbreviation = (abbreviation: string) => factbook.partners.find((p) => p.abbreviation === abbreviation);
    expect(byAbbreviation('CMA')).toMatchObject({ kind: 'signatory_movement' });
    expect(byAbbreviation('Plateforme')).toMatchObject({ kind: 'signatory_movement' });
    expect(factbook.partners.filter((p) => p.kind === 'international_mediation').length).toBeGreaterThanOrEqual(15);
    expect(factbook.partners.filter((p) => p.kind === 'donor' && p.units.includes('SRS')).length).toBeGreaterThanOrEqual(15);
  });

  test('contacts: hotlines, e-mail, green line and radio frequencies', () => {
    for (const c of factbook.contacts) {
      expect(CONTACT_KINDS.has(c.kind), c.kind).toBe(true);
      expect(UNIT_CODES.has(c.unit), c.unit).toBe(true);
      expect(c.quote.includes(c.value) || c.quote.replace(/ /gu, '').includes(c.value.replace(/ /gu, '')), c.value).toBe(true);
    }
    const has = (unit: string, kind: string, value: string, place?: string) =>
      factbook.contacts.some(
        (c) => c.unit === unit && c.kind === kind && c.value.includes(value) && (place === undefined || c.place === place),
      );
    expect(has('CDT', 'hotline', '94 95 05 46')).toBe(true);
    expect(has('CDT', 'email', 'minusma-cdt@un.org')).toBe(true);
    expect(factbook.contacts.some((c) => c.value === '80333' && (c.kind === 'hotline' || c.kind === 'phone'))).toBe(true);
    expect(has('SCPI', 'radio', '106.6', 'Bamako')).toBe(true);
    expect(factbook.contacts.filter((c) => c.kind === 'radio')).toHaveLength(7);
  });

  test('resolutions cited', () => {
    const numbers = factbook.resolutions.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(factbook.resolutions).toContainEqual(expect.objectContaining({ number: 2100, year: 2013 }));
    expect(factbook.resolutions).toContainEqual(expect.objectContaining({ number: 2531, year: 2020 }));
    for (const r of factbook.resolutions) for (const unit of r.units) expect(UNIT_CODES.has(unit)).toBe(true);
  });
});

describe.skipIf(sourceText === null)('MINUSMA 2020 fact book dataset against the fact book text', () => {
  /**
   * A word broken at a line-end hyphen ("Post-\nConflit", "2015-\n2019") is one word: the line
   * break goes, not only the newline. A spaced dash at a line end ("DDR - \nIntégration") stays.
   */
  const source = (sourceText ?? '').replace(/([\p{L}\p{N}])-[ \t]*\r?\n\s*(?=[\p{L}\p{N}])/gu, '$1-');
  const haystack = normalise(source);
  /** The source's own stray space in a hyphenated name ("Pays- Bas", mid-line) is not kept in the data. */
  const haystackRejoined = haystack.replace(/([\p{L}\p{N}])- ([\p{L}\p{N}])/gu, '$1-$2');
  /**
   * One SSR-DDR bullet runs over a page break, with the section heading printed in between; it is
   * verbatim once that heading is taken out.
   */
  const withoutTitle = (title: string) => normalise(haystack.split(title).join(' '));
  /** Whole-word occurrence, so that a truncated heading or text does not pass. */
  const occurs = (needle: string, hay: string) => {
    let from = hay.indexOf(needle);
    while (from >= 0) {
      const before = hay[from - 1] ?? ' ';
      const after = hay[from + needle.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
      from = hay.indexOf(needle, from + 1);
    }
    return false;
  };
  const verbatim = (text: string, section?: Section) =>
    occurs(text, haystack) || occurs(text, haystackRejoined) || (section !== undefined && occurs(text, withoutTitle(section.title)));

  test('every title, heading and text occurs verbatim in the fact book', () => {
    for (const section of factbook.sections) {
      expect(verbatim(section.title), `title ${section.title}`).toBe(true);
      for (const t of section.texts) {
        expect(verbatim(t.text, section), `${section.unit}: ${t.text.slice(0, 80)}`).toBe(true);
        if (t.heading !== null) expect(verbatim(t.heading), `heading ${t.heading}`).toBe(true);
        if (t.subheading !== undefined) expect(verbatim(t.subheading), `subheading ${t.subheading}`).toBe(true);
      }
    }
  });

  test('every figure quote occurs verbatim in a text of its unit', () => {
    for (const f of factbook.figures) {
      expect(occurs(f.quote, haystack) || occurs(f.quote, haystackRejoined), `${f.key}: ${f.quote}`).toBe(true);
      const texts = factbook.sections.filter((s) => s.unit === f.unit).flatMap((s) => s.texts.map((t) => t.text));
      expect(
        texts.some((t) => t.includes(f.quote)),
        `${f.key}: quote not in a ${f.unit} text`,
      ).toBe(true);
    }
  });

  test('every contact quote and every partner name occurs in the fact book', () => {
    for (const c of factbook.contacts) expect(occurs(c.quote, haystack), c.quote).toBe(true);
    const ssr = must(
      factbook.sections.find((s) => s.unit === 'SSR-DDR'),
      'SSR-DDR section',
    );
    const hays = [haystack, haystackRejoined, withoutTitle(ssr.title)].map((h) => h.toLowerCase());
    for (const p of factbook.partners) {
      expect(
        hays.some((h) => h.includes(p.name.toLowerCase())),
        p.name,
      ).toBe(true);
    }
  });

  test('every unit whose name is printed as a page heading has a section', () => {
    const folded = fold(source);
    const units = new Set(factbook.sections.map((s) => s.unit));
    for (const unit of MINUSMA_UNITS) {
      const headings = [unit.nameFr, unit.abbreviationFr].filter((n): n is string => n !== null).map((n) => fold(n).toUpperCase());
      if (headings.some((h) => folded.includes(h))) expect(units.has(unit.code), `section for ${unit.code}`).toBe(true);
    }
  });

  test('the 27 police contributors are those the UNPOL page lists, in its order', () => {
    const unpol = must(
      factbook.sections.find((s) => s.unit === 'UNPOL'),
      'UNPOL section',
    );
    const list = must(
      unpol.texts.find((t) => t.text.includes('pays contributeurs de contingents :')),
      'list of police-contributing countries',
    ).text;
    const names = list
      .slice(list.indexOf(':') + 1)
      .replace(/\.$/u, '')
      .split(/, | et /u)
      .map((n) => n.trim());
    expect(names).toHaveLength(27);
    if (countriesCsv === null) return;
    const alpha3 = csvColumn(countriesCsv, 'alpha3');
    const nameFr = csvColumn(countriesCsv, 'name_fr');
    const codeOf = (name: string) => alpha3[nameFr.indexOf(COUNTRY_SPELLINGS[name] ?? name)];
    expect(names.map(codeOf)).toEqual(factbook.policeContributors);
    for (const p of factbook.partners) if (p.country !== undefined) expect(alpha3, p.name).toContain(p.country);
  });

  test.skipIf(placesCsv === null)('places are names from places.csv that the section names', () => {
    const names = new Set(csvColumn(placesCsv ?? '', 'name_fr'));
    const named = (text: string, place: string) =>
      [place, ...(PLACE_SPELLINGS[place] ?? [])].some((spelling) =>
        new RegExp(`(?<![\\p{L}\\p{N}])${spelling}(?![\\p{L}\\p{N}])`, 'u').test(text),
      );
    for (const section of factbook.sections) {
      const text = [section.title, ...section.texts.map((t) => t.text)].join('\n');
      for (const place of section.places) {
        expect(names.has(place), `${section.unit}: ${place} not in places.csv`).toBe(true);
        expect(named(text, place), `${section.unit}: ${place} not named`).toBe(true);
      }
      for (const name of names) if (named(text, name)) expect(section.places, `${section.unit} names ${name}`).toContain(name);
    }
    for (const c of factbook.contacts) {
      for (const place of [c.place, ...(c.places ?? [])]) if (place !== null) expect(names.has(place), place).toBe(true);
    }
  });

  test('nothing was left out: the words of the fact book are in the dataset', () => {
    const sourceWords = countWords([withoutPageHeaders(source)]);
    const total = [...sourceWords.values()].reduce((a, b) => a + b, 0);
    const coverage = (dataset: Map<string, number>) => {
      let covered = 0;
      const missing: string[] = [];
      for (const [word, count] of sourceWords) {
        const have = dataset.get(word) ?? 0;
        covered += Math.min(count, have);
        if (have < count) missing.push(count - have > 1 ? `${word}×${count - have}` : word);
      }
      return { ratio: covered / total, missing };
    };

    const titlesAndTexts = countWords(factbook.sections.flatMap((s) => [s.title, ...s.texts.map((t) => t.text)]));
    const main = coverage(titlesAndTexts);
    expect(main.ratio, `coverage ${main.ratio.toFixed(4)}; missing: ${main.missing.join(' ')}`).toBeGreaterThanOrEqual(0.95);

    // With the headings counted once per place they are printed, only the "MANDAT" headings remain:
    // the dataset says that with kind "mandate".
    const headings: string[] = [];
    for (const s of factbook.sections) {
      let previous: string | null = null;
      let previousSub: string | undefined;
      for (const t of s.texts) {
        if (t.heading !== null && t.heading !== previous) headings.push(t.heading);
        if (t.subheading !== undefined && t.subheading !== previousSub) headings.push(t.subheading);
        previous = t.heading;
        previousSub = t.subheading;
      }
    }
    const all = countWords(factbook.sections.flatMap((s) => [s.title, ...s.texts.map((t) => t.text)]).concat(headings));
    expect(coverage(all).missing).toEqual(['MANDAT×16']);
  });
});
