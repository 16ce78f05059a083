import { describe, expect, test } from 'vitest';
import { wordDiff, wordDiffs } from '../src/platform/word-diff.js';

const side = (parts: ReturnType<typeof wordDiff>, keep: 'removed' | 'added') =>
  parts
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('word diff', () => {
  test('one word replaced in a sentence', () => {
    expect(wordDiff('Le DDR à Gao.', 'Le DDR à Kidal.')).toEqual([
      { op: 'same', text: 'Le DDR à ' },
      { op: 'removed', text: 'Gao' },
      { op: 'added', text: 'Kidal' },
      { op: 'same', text: '.' },
    ]);
  });

  test('words added and removed in several places', () => {
    expect(wordDiff('Protéger les civils à Ménaka et à Gao', 'Protéger durablement les civils à Ménaka')).toEqual([
      { op: 'same', text: 'Protéger ' },
      { op: 'added', text: 'durablement ' },
      { op: 'same', text: 'les civils à Ménaka' },
      { op: 'removed', text: ' et à Gao' },
    ]);
  });

  test('punctuation is compared on its own; apostrophes and hyphens stay inside words', () => {
    expect(wordDiff('l’homme, le cessez-le-feu.', 'l’homme et le cessez-le-feu !')).toEqual([
      { op: 'same', text: 'l’homme' },
      { op: 'removed', text: ', ' },
      { op: 'added', text: ' et ' },
      { op: 'same', text: 'le cessez-le-feu' },
      { op: 'removed', text: '.' },
      { op: 'added', text: ' !' },
    ]);
  });

  test('a change does not take the space beside it', () => {
    expect(wordDiff('Soutenir le cantonnement à Gao.', 'Soutenir le cantonnement, le DDR et la réintégration à Kidal.')).toEqual([
      { op: 'same', text: 'Soutenir le cantonnement' },
      { op: 'added', text: ', le DDR et la réintégration' },
      { op: 'same', text: ' à ' },
      { op: 'removed', text: 'Gao' },
      { op: 'added', text: 'Kidal' },
      { op: 'same', text: '.' },
    ]);
  });

  test('a space kept only between two changes belongs to the change', () => {
    expect(wordDiff('a b c', 'x y z')).toEqual([
      { op: 'removed', text: 'a b c' },
      { op: 'added', text: 'x y z' },
    ]);
  });

  test('identical and empty texts', () => {
    expect(wordDiff('même texte', 'même texte')).toEqual([{ op: 'same', text: 'même texte' }]);
    expect(wordDiff('', 'nouveau')).toEqual([{ op: 'added', text: 'nouveau' }]);
    expect(wordDiff('ancien', '')).toEqual([{ op: 'removed', text: 'ancien' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  test.each([
    ['Soutenir le cantonnement, le DDR et la réintégration.', 'Soutenir le DDR, la réintégration et le cantonnement à Kidal.'],
    ['un deux trois quatre cinq', 'cinq quatre trois deux un'],
    ['  espaces\tet\nlignes ', 'espaces et lignes'],
    ['x '.repeat(3000), 'y '.repeat(3000)],
  ])('both texts are given back exactly: %#', (before, after) => {
    const parts = wordDiff(before, after);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
    for (let i = 1; i < parts.length; i++) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
  });

  test('the kept words are a longest common run of words', () => {
    const parts = wordDiff('a b c d e f', 'a c d x f');
    expect(parts.filter((p) => p.op === 'same').map((p) => p.text.trim())).toEqual(['a', 'c d', 'f']);
  });

  test('fields whose values are not text get no word diff', () => {
    expect(
      Object.keys(wordDiffs({ body: { from: 'a', to: 'b' }, heading: { from: null, to: 'Titre' }, value: { from: 1, to: 2 } })),
    ).toEqual(['body', 'heading']);
  });
});
