/** The vocabulary of memory accounting: a step of a task and the f64 it holds in WebAssembly memory at once. */

/** One step of a task and the f64 it holds in WebAssembly memory at once (see limits.ts). */
export interface MemoryStep {
  step: string;
  f64: number;
}
