/**
 * Whether the database answers, asked at most once per `freshMs` however many requests ask: a
 * health check polled by load balancers, monitors and every open tab would otherwise cost one
 * database round trip per request, and under load it measured that round trip rather than the
 * server. Requests arriving while a probe runs wait for that same probe; a success holds for
 * `freshMs` from the moment it was asked; a failure is never kept, so the next request asks again.
 */
export function databaseProbe(ask: () => Promise<void>, freshMs: number, now: () => number = () => performance.now()): () => Promise<void> {
  let running: Promise<void> | null = null;
  let answeredAskedAt = Number.NEGATIVE_INFINITY;
  return () => {
    if (now() - answeredAskedAt < freshMs) return Promise.resolve();
    if (!running) {
      const askedAt = now();
      running = ask()
        .then(() => {
          answeredAskedAt = askedAt;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
}
