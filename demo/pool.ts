/** The page's worker factory: browser Web Workers, counted while alive (shown on the page, checked by the tests). */
import type { WorkerFactory } from "../src/sweep/workers.js";

/**
 * Wraps a factory so that onChange(live) hears the number of its workers started and not yet terminated.
 * @param inner the factory that starts the workers
 * @param onChange called with the new count after each start and each termination
 */
export function countedWorkerFactory(inner: WorkerFactory, onChange: (live: number) => void): WorkerFactory {
  let live = 0;
  return () => {
    const handle = inner();
    live += 1;
    onChange(live);
    let stopped = false;
    return {
      endpoint: handle.endpoint,
      failed: handle.failed,
      terminate: async () => {
        await handle.terminate();
        if (stopped) return;
        stopped = true;
        live -= 1;
        onChange(live);
      },
    };
  };
}
