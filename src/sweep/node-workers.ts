/**
 * Node worker threads running the bundled worker (dist/worker.node.js). The bundle is found beside the running
 * code (dist/index.js, dist/cli.js) or, when running from src/ (vitest), in the package's dist/ folder.
 */
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { TooLargeError } from "../errors.js";
import type { WorkerFactory, WorkerHandle } from "./workers.js";

const WORKER_FILE = "worker.node.js";

/**
 * A factory of Node worker threads running the worker bundle.
 * A worker that reaches its heap limit is stopped by Node; its failure is then a TooLargeError that says so
 * (the pool does not retry it: the same task would reach the same limit).
 * @param bundle the worker bundle (default: worker.node.js beside this module, or in dist/ when running from src/)
 * @param heapLimitMb each worker's JavaScript heap limit in MiB (resourceLimits.maxOldGenerationSizeMb;
 *   default: Node's own)
 * @throws Error when the worker bundle does not exist (the package was not built: npm run build)
 */
export async function nodeWorkerFactory(bundle?: URL, heapLimitMb?: number): Promise<WorkerFactory> {
  const [{ Worker }, { existsSync }, { fileURLToPath }] = await Promise.all([
    import("node:worker_threads"),
    import("node:fs"),
    import("node:url"),
  ]);
  const candidates = bundle ? [bundle] : [new URL(`./${WORKER_FILE}`, import.meta.url), new URL(`../../dist/${WORKER_FILE}`, import.meta.url)];
  const url = candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
  if (!url) {
    throw new Error(`headtune: the worker bundle is missing (looked for ${candidates.map((c) => fileURLToPath(c)).join(" and ")}): run "npm run build".`);
  }
  const factory = (): WorkerHandle => {
    const worker = new Worker(url, heapLimitMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    let stopping = false;
    const failed = new Promise<never>((_, reject) => {
      worker.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? outOfMemory(heapLimitMb) : err));
      worker.once("exit", (code) => {
        if (!stopping) reject(new Error(`a headtune worker thread stopped unexpectedly (exit code ${code})`));
      });
    });
    failed.catch(() => undefined);
    return {
      endpoint: nodeEndpoint(worker),
      failed,
      terminate: async () => {
        stopping = true;
        await worker.terminate();
      },
    };
  };
  return factory;
}

function outOfMemory(heapLimitMb: number | undefined): TooLargeError {
  const limit = heapLimitMb === undefined ? "Node's default heap limit" : `its heap limit of ${heapLimitMb} MiB (its share of this machine's memory)`;
  return new TooLargeError(
    `a worker ran out of JavaScript memory: it reached ${limit}. Use fewer workers (--workers) or smaller model sizes.`,
    { heapLimitMb: heapLimitMb ?? null },
  );
}
