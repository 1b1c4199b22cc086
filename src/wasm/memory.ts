/** The vocabulary of memory accounting: a step of a task and the f64 it holds at once, and byte counts in messages. */

/** One step of a task and the f64 it holds in WebAssembly memory at once (see limits.ts). */
export interface MemoryStep {
  step: string;
  f64: number;
}

/**
 * A byte count for a message: "1.50 GiB", "230.0 MiB", or "512 bytes" below 1 MiB.
 * @param bytes a byte count >= 0
 * @example formatBytes(3 * 2 ** 29) // "1.50 GiB"
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}
