import { describe, expect, test } from 'vitest';
import { sameValue, threeWay } from '../web/src/components/threeWay.js';

describe('threeWay', () => {
  const base = { title: 'Attaque', time: '06:30', commune: '', tags: 'a', rows: [{ key: 1, actor: 'X' }] };

  test('each side keeps what only it changed, and the fields both changed differently are conflicts', () => {
    const mine = { ...base, title: 'Attaque près de Ménaka', commune: 'Ménaka', tags: 'b' };
    const theirs = { ...base, title: 'Attaque contre un hameau', time: '07:15', tags: 'b' };
    const { merged, conflicts } = threeWay(base, mine, theirs);
    expect(merged).toEqual({ ...base, title: 'Attaque près de Ménaka', time: '07:15', commune: 'Ménaka', tags: 'b' });
    expect(conflicts).toEqual([{ key: 'title', mine: 'Attaque près de Ménaka', theirs: 'Attaque contre un hameau' }]);
  });

  test('nothing changed on the server: no conflict, the editor’s values stay', () => {
    const mine = { ...base, title: 'Autre' };
    expect(threeWay(base, mine, { ...base })).toEqual({ merged: mine, conflicts: [] });
  });

  test('rows compare by content, not by their React keys', () => {
    const theirs = { ...base, rows: [{ key: 9, actor: 'X' }] };
    const mine = { ...base, rows: [{ key: 2, actor: 'Y' }] };
    expect(threeWay(base, { ...base }, theirs).conflicts).toEqual([]);
    expect(threeWay(base, mine, theirs)).toEqual({ merged: mine, conflicts: [] });
    const changed = { ...base, rows: [{ key: 9, actor: 'Z' }] };
    expect(threeWay(base, mine, changed).conflicts.map((c) => c.key)).toEqual(['rows']);
    expect(sameValue({ key: 1, a: [1] }, { key: 2, a: [1] })).toBe(true);
  });
});
