/**
 * Name keys for finding a person registered twice, written in different ways, without comparing
 * plaintext: the service turns each key into a blind index (HMAC, src/platform/keyring.ts) and
 * only the indexes are stored and compared.
 *
 * Malian names reach a register through French spelling of Bambara, Fulfulde, Songhai, Tamasheq
 * and Arabic: one name is written Mohamed, Mohammed, Mahamadou or Muhammad; Touré or Toure; Ag,
 * Ag. or ag-; Oualet or Walet. Two keys are derived:
 *
 * - `normaliseName`: the exact name, forgiving only case, accents, punctuation, particles spelled
 *   differently and the order of the names (surname first or last);
 * - `phoneticKey`: a consonant skeleton per name, so that vowels (ou/u, y/i, final -ou/-u), the
 *   letter h, doubled letters and French or English digraphs no longer matter.
 *
 * The phonetic key is deliberately coarse: it proposes possible duplicates, which a person then
 * confirms or rejects; nothing is ever merged on a key alone.
 */

/** Particles kept as one canonical token however spelled: "son of" and "daughter of". */
const PARTICLES: Record<string, string> = {
  ag: 'ag', // Tamasheq: son of (Ag, Ag., ag-)
  ould: 'ould', // Hassaniya: son of
  wuld: 'ould',
  oult: 'ould',
  walet: 'walet', // Tamasheq: daughter of (Walet, Oualet)
  oualet: 'walet',
  welet: 'walet',
  mint: 'mint', // Hassaniya: daughter of
  ben: 'ben',
  bin: 'ben',
  ibn: 'ben',
};

/** Words that are not part of the name: honorifics and the Arabic article written apart. */
const DROPPED = new Set(['el', 'al', 'hadj', 'hadji', 'elhadj', 'dit']);

/** Lower case, accents removed (é → e, ç → c), anything but letters turned into spaces. */
function plainTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .filter((token) => token.length > 0);
}

/** The name's tokens with particles made canonical and honorifics dropped. */
function nameTokens(name: string): string[] {
  return plainTokens(name)
    .map((token) => PARTICLES[token] ?? token)
    .filter((token) => !DROPPED.has(token));
}

/**
 * The name as compared exactly: accents, case, punctuation and the particles' spelling do not
 * count, nor the order of the names ("TOURE Moussa" is "Moussa Touré").
 */
export function normaliseName(name: string): string {
  return nameTokens(name).sort().join(' ');
}

/**
 * French and English spellings of one sound, made one (longest first): Cheick / Sheikh,
 * Djibril / Jibril, Ph / F, Kh / K, Gh / G, Th / T, Qu / K.
 */
const DIGRAPHS: [RegExp, string][] = [
  [/tch/g, 'c'],
  [/sch/g, 's'],
  [/ch/g, 's'],
  [/sh/g, 's'],
  [/dj/g, 'j'],
  [/ph/g, 'f'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/qu/g, 'k'],
  [/ck/g, 'k'],
  [/gu(?=[ei])/g, 'g'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  // w and y are vowels here: Walet / Oualet, Yattara / Iattara.
  [/w/g, 'u'],
  [/y/g, 'i'],
  // h is silent or dropped in French spelling: Mohamed / Moamed, Ahmed / Amed.
  [/h/g, ''],
];

/**
 * One name's consonant skeleton. Doubled letters are made single before the vowels go, so that
 * Traoré (t-r-r) stays apart from Touré (t-r) while Mohammed and Mohamed meet (m-m-d).
 */
export function skeleton(token: string): string {
  let s = token;
  for (const [pattern, replacement] of DIGRAPHS) s = s.replace(pattern, replacement);
  s = s.replace(/(.)\1+/g, '$1');
  const consonants = s.replace(/[aeiou]/g, '');
  // A name of vowels only (Aya, Awa → aua) keeps its first letter, so that it still counts.
  return consonants.length > 0 ? consonants : s.slice(0, 1);
}

/**
 * The phonetic key of a full name: each name's skeleton, particles kept as they are (they
 * distinguish "son of" from "daughter of"), in alphabetical order. Mohamed Ag Intalla,
 * Mahamadou ag-Intala and INTALLA Muhammad Ag. share one key.
 */
export function phoneticKey(name: string): string {
  return nameTokens(name)
    .map((token) => (Object.values(PARTICLES).includes(token) ? token.toUpperCase() : skeleton(token)))
    .sort()
    .join(' ');
}

/** A document number as compared: letters and digits only, upper case ("AB 12-345" is "AB12345"). */
export function normaliseDocument(number: string): string {
  return number
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
