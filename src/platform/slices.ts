import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work on the event loop in short slices, so that other requests are served between them:
 * call the returned function often (after each row of an import); once `sliceMs` have passed
 * since the last turn, it waits for one turn of the event loop, otherwise it returns at once.
 */
export function timeSlices(sliceMs = 4): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}
