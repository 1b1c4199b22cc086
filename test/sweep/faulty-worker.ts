/**
 * The worker thread of the fault tests (test/sweep/faults.test.ts), never shipped: test/global-setup.ts bundles
 * it as faulty-worker.node.js beside the real bundles. It is the real worker (src/worker/api.ts) plus one call,
 * injectFault: after it, runTask of the fault's task computes the task, then fails instead of answering:
 * "die" ends the thread (exit code 1), "throw" throws a TypeError (an internal fault), "numerical" throws a
 * NonFiniteError (a HeadtuneError, as a numerical failure of the task would), "loop" never returns (an endless
 * loop), and "heap" fills the JavaScript heap until the worker's heap limit stops it.
 */
import { expose } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { parentPort } from "node:worker_threads";
import { NonFiniteError } from "../../src/errors.js";
import { workerApi } from "../../src/worker/api.js";
import { registerErrorTransfer } from "../../src/worker/transfer.js";

export interface Fault {
  p: number;
  replicate: number;
  kind: "die" | "throw" | "numerical" | "loop" | "heap";
}

let fault: Fault | undefined;

const faultyApi = {
  ...workerApi,
  injectFault(next: Fault): void {
    fault = next;
  },
  runTask(p: number, replicate: number): ReturnType<typeof workerApi.runTask> {
    const packed = workerApi.runTask(p, replicate);
    if (fault?.p !== p || fault.replicate !== replicate) return packed;
    if (fault.kind === "die") process.exit(1);
    if (fault.kind === "loop") for (;;);
    if (fault.kind === "heap") {
      const hoard: number[][] = [];
      for (;;) hoard.push(Array.from({ length: 1024 }, (_, i) => i + 0.5));
    }
    if (fault.kind === "throw") throw new TypeError(`injected fault in task (p = ${p}, replicate ${replicate})`);
    throw new NonFiniteError("X", 0, NaN);
  },
};

export type FaultyWorkerApi = typeof faultyApi;

registerErrorTransfer();
expose(faultyApi, nodeEndpoint(parentPort!));
