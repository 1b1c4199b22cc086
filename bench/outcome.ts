/** The outcome of one measurement: its timing, or why there is none (skipped, absent, failed, not applicable). */
import type { Timing } from "./timer.js";

export type Outcome =
  | ({ status: "ok" } & Timing)
  | { status: "skipped" | "absent" | "error" | "n/a"; reason: string };

/** The outcome of an implementation that threw: the error's name and message. */
export function errorOutcome(err: unknown): Outcome {
  return { status: "error", reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
