/**
 * How long a context T the computations may run: every T-step recursion (the Gaussian world's S_{t+1} =
 * A^T S_t A + sEps^2 I, its sequential sampler, the paper family's c_{t+1} = rho^2 c_t + sEps^2, the token
 * world's forward filter over a sample and over S_alpha's sequences) costs T times the work of one step, so
 * that a huge T would run for hours or days before any error. T is refused, before anything runs, when the
 * T steps would cost more than CONTEXT_WORK_LIMIT flops; a T of at most MIN_CONTEXT_LIMIT is always allowed
 * (past that floor, it is T, not the size, that makes the task long).
 */
import { TooLargeError } from "./errors.js";

/**
 * Flops the T steps of a task's (or a model's) recursions may cost: 2e11, about 40 s on one core at 5 GFLOP/s
 * and 200 s at the 1 GFLOP/s the sweep's watchdog assumes (the token world's S_alpha has the same limit).
 */
export const CONTEXT_WORK_LIMIT = 2e11;

/** T up to this is never refused, whatever one step costs. */
export const MIN_CONTEXT_LIMIT = 1000;

/**
 * The fixed cost of one step of a recursion on matrices, in flops: a few calls into WebAssembly and the
 * allocation of their operands (6 us per step measured at d = 1, about 1e4 flops at 1-5 GFLOP/s).
 */
const MATRIX_STEP_OVERHEAD = 1e4;
/** The fixed cost of one token of one sequence in the forward filter (about 200 ns measured at H = 2). */
const TOKEN_STEP_OVERHEAD = 500;
/** One step of the paper family's scalar recursion c_{t+1} = rho^2 c_t + sEps^2 (10 ns measured). */
const SCALAR_STEP = 10;

/** The work of one step of a recursion in T, and what it is (for the message). */
export interface ContextStep {
  /** Flops of one step. */
  work: number;
  /** What runs T steps, e.g. "the S_T recursion at d = 30". */
  what: string;
}

/**
 * The largest T whose steps cost at most CONTEXT_WORK_LIMIT: max(MIN_CONTEXT_LIMIT, floor(limit / step work)).
 * @param step one step's work (flops, > 0)
 * @example maxContextLength({ work: 1e4, what: "" }) // 20000000
 */
export function maxContextLength(step: ContextStep): number {
  return Math.max(MIN_CONTEXT_LIMIT, Math.floor(CONTEXT_WORK_LIMIT / step.work));
}

/**
 * Refuses a T whose steps would cost more than CONTEXT_WORK_LIMIT flops (past MIN_CONTEXT_LIMIT).
 * @param T the context length (a positive integer)
 * @param step the work of one step and what runs it
 * @throws {TooLargeError} T > maxContextLength(step); the message names T, its value, the work, the limit and
 *   the largest T allowed.
 */
export function assertContextLength(T: number, step: ContextStep): void {
  const maxT = maxContextLength(step);
  if (T <= maxT) return;
  const work = T * step.work;
  throw new TooLargeError(
    `T = ${T} steps of ${step.what} cost ${work.toPrecision(3)} flops, past the limit of ${CONTEXT_WORK_LIMIT}: ` +
      `the largest T these settings allow is ${maxT}. Value: ${T}.`,
    { name: "T", value: T, work, limit: CONTEXT_WORK_LIMIT, maxT },
  );
}

/**
 * One step of the S_T recursion of a Gaussian model with hidden dimension d (S A and A^T (S A)): 4 d^3 flops
 * plus the fixed cost of the calls.
 * @param d hidden dimension
 */
export function chainStep(d: number): ContextStep {
  return { work: 4 * d ** 3 + MATRIX_STEP_OVERHEAD, what: `the S_T recursion at d = ${d}` };
}

/** One step of the paper family's scalar recursion c_{t+1} = rho^2 c_t + sEps^2 (S_T = c_T I). */
export function scalarStep(): ContextStep {
  return { work: SCALAR_STEP, what: "the scalar recursion S_T = c_T I" };
}

/**
 * One step of the token world's forward filter over `strings` token strings with H hidden states: 2 H^2 flops
 * per string and the draws, plus the fixed cost of a token.
 * @param strings the strings filtered together
 * @param H hidden states
 */
export function filterStep(strings: number, H: number): ContextStep {
  return { work: strings * (2 * H * H + 10 * H + TOKEN_STEP_OVERHEAD), what: `the forward filter of ${strings} token strings at H = ${H}` };
}

/**
 * One step of the sequential sampler on `rows` sequences with hidden dimension d (Z_{t+1} = Z_t A + sEps G):
 * 2 rows d^2 flops, the normals, and the fixed cost of the calls.
 * @param rows the sequences drawn together
 * @param d hidden dimension
 */
export function samplerStep(rows: number, d: number): ContextStep {
  return { work: 2 * rows * d * d + 20 * rows * d + 2 * MATRIX_STEP_OVERHEAD, what: `the sequential sampler of ${rows} sequences at d = ${d}` };
}
