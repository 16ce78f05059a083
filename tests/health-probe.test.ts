import { describe, expect, test } from 'vitest';
import { databaseProbe } from '../src/modules/health/probe.js';

/** The health check's database probe: one question at a time, a success kept a second, a failure never. */
describe('database probe of the health check', () => {
  function harness(answers: (() => Promise<void>)[] = []) {
    let clock = 0;
    let asked = 0;
    const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
    const probe = databaseProbe(
      () => {
        asked += 1;
        const next = answers.shift();
        if (next) return next();
        return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
      },
      1_000,
      () => clock,
    );
    return {
      probe,
      asked: () => asked,
      pending,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  test('requests arriving while a probe runs share it', async () => {
    const h = harness();
    const all = Promise.all([h.probe(), h.probe(), h.probe()]);
    expect(h.asked()).toBe(1);
    h.pending[0]?.resolve();
    await all;
    expect(h.asked()).toBe(1);
  });

  test('a success holds for a second from the moment it was asked, then the database is asked again', async () => {
    const h = harness([async () => undefined, async () => undefined]);
    await h.probe();
    h.advance(999);
    await h.probe();
    expect(h.asked()).toBe(1);
    h.advance(1);
    await h.probe();
    expect(h.asked()).toBe(2);
  });

  test('a failure reaches every request waiting on it and is never kept', async () => {
    const h = harness();
    const first = h.probe();
    const second = h.probe();
    h.pending[0]?.reject(new Error('database unreachable'));
    await expect(first).rejects.toThrow('database unreachable');
    await expect(second).rejects.toThrow('database unreachable');
    const third = h.probe();
    expect(h.asked()).toBe(2);
    h.pending[1]?.resolve();
    await third;
  });

  test('a slow answer counts from when it was asked, not from when it came', async () => {
    const h = harness();
    const slow = h.probe();
    h.advance(800);
    h.pending[0]?.resolve();
    await slow;
    h.advance(300);
    const next = h.probe();
    expect(h.asked()).toBe(2);
    h.pending[1]?.resolve();
    await next;
  });
});
