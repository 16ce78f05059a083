import { describe, expect, test } from 'vitest';
import { normaliseDocument, normaliseName, phoneticKey } from '../src/modules/ddr/ddr.names.js';

/** The DDR registry's name keys: French transliterations of one name meet, different names stay apart. */
describe('DDR name keys', () => {
  test.each([
    ['Mohamed Ag Intalla', 'Mahamadou ag-Intala'],
    ['Mohamed Ag Intalla', 'INTALLA Muhammad Ag.'],
    ['Mohammed Touré', 'Mamadou Toure'],
    ['Fatoumata Walet Mohamed', 'Fatimata Oualet Mohamed'],
    ['Cheick Oumar Diallo', 'Sheikh Umar Dialo'],
    ['Djibril Yattara', 'Jibril Iattara'],
    ['Ousmane Maïga', 'Ousmana Maiga'],
    ['Sidi Ould Ahmed', 'Ould Sidi Ahmed'],
    ['El Hadj Boubacar Cissé', 'Boubakar Cisse'],
    ['Aliou Coulibaly', 'Ali Koulibaly'],
  ])('%s and %s share a phonetic key', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  test.each([
    ['Aminata Touré', 'Aminata Traoré'],
    ['Moussa Diarra', 'Moussa Dicko'],
    ['Mohamed Ag Intalla', 'Mohamed Ould Intalla'],
    ['Fatoumata Walet Mohamed', 'Fatoumata Ag Mohamed'],
    ['Ibrahim Maïga', 'Ibrahim Maïga Sidibé'],
  ])('%s and %s do not', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });

  test('the exact key forgives case, accents, punctuation, particles and order, nothing else', () => {
    expect(normaliseName('TOURÉ, Moussa')).toBe(normaliseName('moussa toure'));
    expect(normaliseName('Mohamed Ag. Intalla')).toBe(normaliseName('Intalla Mohamed ag'));
    expect(normaliseName('Mohamed Intalla')).not.toBe(normaliseName('Mahamadou Intalla'));
  });

  test('document numbers compare by letters and digits only', () => {
    expect(normaliseDocument('ab 12-345')).toBe('AB12345');
    expect(normaliseDocument('AB12345')).toBe(normaliseDocument(' ab.12.345 '));
  });
});
