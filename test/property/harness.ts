/**
 * The fuzzing harness: each surface (a parser, a command, a file the CLI reads, the API, the explorer's server)
 * is a property over generated cases whose check returns the case's outcome ("ok", an error code, an exit code)
 * or throws when the case breaks a rule. Outcomes are counted per surface; `npm run fuzz` (scripts/fuzz.mjs)
 * sets HEADTUNE_FUZZ_RUNS (cases per surface) and HEADTUNE_FUZZ_COUNTS (a folder for the counts it prints),
 * while `npm test` runs each surface's fixed-seed sample.
 */
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, it } from "vitest";
import { exitCodeOf } from "../../src/cli/exit-codes.js";
import { maxContextLength, type ContextStep } from "../../src/context-length.js";
import { HeadtuneError } from "../../src/errors.js";

/** Cases per surface in a campaign (npm run fuzz); undefined under npm test. */
const CAMPAIGN_RUNS = process.env.HEADTUNE_FUZZ_RUNS ? Number(process.env.HEADTUNE_FUZZ_RUNS) : undefined;

/** The codes the README documents, each with its CLI exit code. */
export const DOCUMENTED_CODES: Record<string, number> = {
  E_ARGUMENT: 2,
  E_SHAPE: 2,
  E_NON_FINITE: 3,
  E_NOT_POSITIVE_DEFINITE: 3,
  E_NO_CONVERGENCE: 3,
  E_TOO_LARGE: 4,
  E_NO_SIMD: 5,
  E_NOT_INITIALIZED: 5,
};

/**
 * The outcome of a call that threw: its documented code. Anything else (not a HeadtuneError, an undocumented
 * code, an exit code other than the documented one, a message that is not one line) is rethrown.
 */
export function typedOutcome(err: unknown): string {
  if (!(err instanceof HeadtuneError)) throw err;
  const exit = DOCUMENTED_CODES[err.code];
  if (exit === undefined || exitCodeOf(err) !== exit) throw new Error(`undocumented code ${err.code} (exit ${exitCodeOf(err)}): ${err.message}`, { cause: err });
  if (err.message.includes("\n") || err.message.length === 0) throw new Error(`not a one-line message: ${JSON.stringify(err.message)}`, { cause: err });
  return err.code;
}

/** "ok" when fn returns, its documented code when it throws a HeadtuneError (anything else is rethrown). */
export async function outcomeOf<T>(fn: () => T | Promise<T>, onValue?: (value: T) => void | Promise<void>): Promise<string> {
  let value: T;
  try {
    value = await fn();
  } catch (err) {
    return typedOutcome(err);
  }
  await onValue?.(value);
  return "ok";
}

export interface SurfaceOptions {
  /** fast-check's seed of the fixed sample (and of the campaign). */
  seed: number;
  /** Cases under npm test. */
  sample: number;
  /** A case running longer than this (milliseconds) counts as a hang. */
  caseLimitMs: number;
  /** At most this many cases in a campaign (a surface whose case starts threads), whatever HEADTUNE_FUZZ_RUNS says. */
  campaignRuns?: number;
}

/** Counts of outcomes per surface (this file's surfaces), written out after the file's tests when a campaign asks. */
const counts = new Map<string, Map<string, number>>();

afterAll(() => {
  const folder = process.env.HEADTUNE_FUZZ_COUNTS;
  if (!folder || counts.size === 0) return;
  mkdirSync(folder, { recursive: true });
  for (const [surface, outcomes] of counts) writeFileSync(join(folder, `${surface}.json`), JSON.stringify(Object.fromEntries(outcomes)));
});

/**
 * A vitest test running `check` on cases of `cases`: every case must return an outcome within the time limit.
 * Outcomes are tallied per surface (the campaign prints them); a failing case is shrunk and reported with its
 * seed and path, to be kept as a named regression test.
 * @param surface the surface's name in the counts ("config", "cli", ...)
 * @param cases the generator
 * @param check runs one case; returns its outcome, throws when a rule is broken
 */
export function fuzzSurface<T>(surface: string, cases: fc.Arbitrary<T>, check: (input: T) => Promise<string> | string, options: SurfaceOptions): void {
  const numRuns = CAMPAIGN_RUNS === undefined ? options.sample : Math.min(CAMPAIGN_RUNS, options.campaignRuns ?? CAMPAIGN_RUNS);
  // The per-case limit bounds the whole test: a campaign case never gets more time than a sampled one.
  const testTimeout = Math.max(60_000, numRuns * options.caseLimitMs);
  it(`${surface}: ${numRuns} generated cases end in a result or a documented error`, async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        const started = performance.now();
        const outcome = await withLimit(Promise.resolve().then(() => check(input)), options.caseLimitMs);
        const ms = performance.now() - started;
        if (ms > options.caseLimitMs) throw new Error(`the case took ${ms.toFixed(0)} ms, past the ${options.caseLimitMs} ms limit`);
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }),
      { numRuns, seed: options.seed },
    );
    counts.set(surface, tally);
  }, testTimeout);
}

/** The promise's value, or a rejection once ms have passed (a hang; the case itself cannot be stopped). */
async function withLimit<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no outcome after ${ms} ms: a hang`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Work (flops) a case may run here: some milliseconds. Past it, a case is only parsed or read. */
export const RUN_WORK = 3e7;

/** T past the context limit of its step: refused before anything runs. */
export function refusedT(T: number, step: ContextStep): boolean {
  return T > maxContextLength(step);
}

/** T's steps cost at most RUN_WORK. */
export function shortT(T: number, step: ContextStep): boolean {
  return T * step.work <= RUN_WORK;
}

/** Throws when a number the README promises is NaN or infinite. */
export function expectFinite(what: string, value: number): void {
  if (!Number.isFinite(value)) throw new Error(`${what} is ${value}, not a finite number`);
}
