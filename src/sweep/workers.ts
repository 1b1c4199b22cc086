/**
 * How the pool gets its workers: a factory of handles, one per worker. Node threads and browser Web Workers
 * each have their own factory (node-workers.ts, browser-workers.ts); a page or a test may pass another.
 * Node's modules are imported lazily, so that the platform-neutral library bundle loads none of them elsewhere.
 */
import type { Endpoint } from "comlink";

export interface WorkerHandle {
  /** The channel Comlink talks over. */
  readonly endpoint: Endpoint;
  /** Rejects when the worker fails on its own (an uncaught error, or an exit the pool did not ask for). */
  readonly failed: Promise<never>;
  /** Stops the worker at once, whatever it is doing; resolves when it has stopped. */
  terminate(): Promise<void>;
}

/** Starts one worker running dist/worker.node.js or dist/worker.browser.js (or an equivalent). */
export type WorkerFactory = () => WorkerHandle;

/** Under Node: true; in a browser (or another engine with Web Workers): false. */
function isNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === "string";
}

/**
 * The workers of this platform: Node worker threads under Node, Web Workers elsewhere.
 * @param heapLimitMb each Node worker's JavaScript heap limit (MiB; default: Node's own); a browser sets its own
 * @throws Error under Node when the worker bundle is missing (the package was not built)
 */
export async function defaultWorkerFactory(heapLimitMb?: number): Promise<WorkerFactory> {
  if (isNode()) return (await import("./node-workers.js")).nodeWorkerFactory(undefined, heapLimitMb);
  return (await import("./browser-workers.js")).browserWorkerFactory();
}

/**
 * The memory this program may use, in bytes: under Node the machine's memory, or the process's limit (a
 * container's cgroup) when lower; undefined in a browser, which does not tell.
 */
export async function machineMemory(): Promise<number | undefined> {
  if (!isNode()) return undefined;
  const total = (await import("node:os")).totalmem();
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(total, constrained) : total;
}

/** The number of cores this program may use: os.availableParallelism() under Node, else navigator.hardwareConcurrency. */
export async function coreCount(): Promise<number> {
  if (isNode()) return (await import("node:os")).availableParallelism();
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency || 1;
}
