/** Latency summaries and scheduled reads shared by the benchmark's child scripts. */

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95), max: sorted[sorted.length - 1] ?? Number.NaN, n: sorted.length };
}

/**
 * `read`, started every `everyMs` on a schedule, as requests arriving from the network, until
 * `work` ends. Each latency runs from the moment the read was due, so a read that could not even
 * start while the event loop was busy counts the time it waited.
 */
export async function readsWhile(read: () => Promise<void>, work: Promise<unknown>, everyMs = 20): Promise<Timing> {
  let done = false;
  const ended = work.finally(() => {
    done = true;
  });
  const samples: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; !done; i += 1) {
    const due = start + i * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (done) break;
    pending.push(read().then(() => void samples.push(performance.now() - due)));
  }
  await Promise.all([ended, ...pending]);
  return timing(samples);
}
