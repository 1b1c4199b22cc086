/** Web Workers running the bundled browser worker (dist/worker.browser.js, a module worker). */
import type { WorkerFactory, WorkerHandle } from "./workers.js";

/**
 * A factory of module Web Workers running the worker bundle at `url`.
 * @param url the worker bundle (default: worker.browser.js beside this module, as in dist/)
 */
export function browserWorkerFactory(url: URL = new URL("./worker.browser.js", import.meta.url)): WorkerFactory {
  const factory = (): WorkerHandle => {
    const worker = new Worker(url, { type: "module" });
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener("error", (event) => reject(new Error(`a headtune worker failed: ${event.message}`)), { once: true });
    });
    failed.catch(() => undefined);
    return {
      endpoint: worker,
      failed,
      terminate: async () => worker.terminate(),
    };
  };
  return factory;
}
