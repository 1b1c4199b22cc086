/**
 * Keyed, independent, reproducible random streams over the WebAssembly kernel (assembly/rng/):
 * Philox4x32-10 with key = seed and counter = (block index, stream id), uniforms with 53 random bits,
 * standard normals by a 256-layer ziggurat. The 16-word state lives here in JavaScript and is copied
 * into the core's memory for each call, so a stream works with any core (any worker) and the numbers
 * do not depend on how requests are chunked.
 */
import { ArgumentError, TooLargeError } from "../errors.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { assertFiniteNumber, assertInteger } from "../validate.js";
import { getCore, type Core } from "../wasm/core.js";
import { RNG_STATE_BYTES } from "../wasm/exports.js";

const STATE_WORDS = RNG_STATE_BYTES / 4;
/** f64 per kernel call when filling a JavaScript array: 256 KiB of arena, cache-friendly copies. */
const CHUNK = 32768;
const TWO_32 = 4294967296;

type Kernel = "rngUniform" | "rngNormal";

/** Known only to this module: a construction from RandomStream.unchecked, whose stream id was checked upstream. */
const CHECKED_UPSTREAM: unique symbol = Symbol("stream id checked upstream");

function assertU32(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= TWO_32) {
    throw new ArgumentError(`${name} must be an integer in [0, 2^32). Value: ${String(value)}.`, { name, value });
  }
}

function newArray(n: number, what: string): Float64Array {
  try {
    return new Float64Array(n);
  } catch {
    throw new TooLargeError(`${what} of ${n} f64 does not fit in a JavaScript Float64Array.`, { what, count: n });
  }
}

/**
 * The random stream (seed, streamHi, streamLo): Philox4x32-10 under the key seed, counter words
 * (block low, block high, streamLo, streamHi). Distinct (seed, stream id) pairs give independent streams.
 * Two tiers, as everywhere in headtune: the constructor and the methods check their arguments; the library's
 * own code, whose seeds, counts and pointers were checked once at its public boundary or allocated by itself,
 * uses RandomStream.unchecked and the *Unchecked methods, which draw the same numbers without checking again.
 * @example
 * const s = new RandomStream(42, 7, 0);
 * const z = s.normal(1000); // 1000 standard normals
 */
export class RandomStream {
  readonly seed: number;
  readonly streamHi: number;
  readonly streamLo: number;
  /** The position in the stream (RNG_STATE_BYTES as 16 u32 words; layout in assembly/rng/source.ts). */
  readonly state = new Uint32Array(STATE_WORDS);

  /**
   * The stream at its start.
   * @param seed safe integer >= 0 (the 64-bit key, high 11 bits zero)
   * @param streamHi u32: high word of the stream id
   * @param streamLo u32: low word of the stream id
   * @param checkedUpstream internal (RandomStream.unchecked): the id was checked where it was made
   * @throws {ArgumentError} when seed is not a safe integer >= 0 or a stream word is not a u32 integer
   */
  constructor(seed: number, streamHi = 0, streamLo = 0, checkedUpstream?: typeof CHECKED_UPSTREAM) {
    if (checkedUpstream !== CHECKED_UPSTREAM) {
      assertInteger("seed", seed, 0);
      assertU32("streamHi", streamHi);
      assertU32("streamLo", streamLo);
    }
    this.seed = seed;
    this.streamHi = streamHi;
    this.streamLo = streamLo;
    const { exports, arena } = getCore();
    arena.scope(() => {
      const s = arena.alloc(RNG_STATE_BYTES / 8, "random stream state");
      exports.rngInit(s, seed % TWO_32, Math.floor(seed / TWO_32), streamLo, streamHi);
      this.state.set(arena.u32.subarray(s / 4, s / 4 + STATE_WORDS));
    });
  }

  /**
   * The stream (seed, streamHi, streamLo) of an id checked upstream (a validated seed, a model size and a
   * replicate index from the sweep's grid): the same stream as the constructor's, without checking the id again.
   * @param seed safe integer >= 0, checked by the caller
   * @param streamHi u32, checked by the caller
   * @param streamLo u32, checked by the caller
   * @example RandomStream.unchecked(settings.seed, p, r + 1) // replicate r's stream
   */
  static unchecked(seed: number, streamHi: number, streamLo: number): RandomStream {
    return new RandomStream(seed, streamHi, streamLo, CHECKED_UPSTREAM);
  }

  /**
   * u_i = (next 53 random bits) 2^-53: n uniforms in [0, 1).
   * @param n count >= 0
   * @throws {ArgumentError} when n is not a non-negative integer
   * @throws {TooLargeError} when n f64 do not fit in a Float64Array
   */
  uniform(n: number): Float64Array {
    assertInteger("n", n, 0);
    return this.drawArray("rngUniform", newArray(n, "uniform(n)"));
  }

  /**
   * z_i ~ N(0, 1) independent: n standard normals.
   * @param n count >= 0
   * @throws {ArgumentError} when n is not a non-negative integer
   * @throws {TooLargeError} when n f64 do not fit in a Float64Array
   */
  normal(n: number): Float64Array {
    assertInteger("n", n, 0);
    return this.normalUnchecked(n);
  }

  /**
   * normal(n) for a count checked by the caller (a product of checked sizes).
   * @throws {TooLargeError} when n f64 do not fit in a Float64Array
   */
  normalUnchecked(n: number): Float64Array {
    return this.drawArray("rngNormal", newArray(n, "normal(n)"));
  }

  /**
   * chi_k variates: out[i] ~ chi with dof[i] degrees of freedom (the norm of dof[i] independent standard normals),
   * chi_1 = |z| and chi_k = sqrt(2 G), G ~ Gamma(k / 2) by Marsaglia-Tsang (assembly/rng/chi.ts), drawn in order.
   * @param dof degrees of freedom, each an integer >= 1 (at most 2^53)
   * @throws {ArgumentError} when dof is not a Float64Array or an entry is not an integer >= 1 (the index and value are named)
   * @throws {TooLargeError} when the draws do not fit in WebAssembly memory
   * @example new RandomStream(1).chi(new Float64Array([1, 2, 100])) // three chi variates
   */
  chi(dof: Float64Array): Float64Array {
    if (!(dof instanceof Float64Array)) {
      throw new ArgumentError(`dof must be a Float64Array. Value: ${String(dof)}.`, { name: "dof" });
    }
    dof.forEach((k, i) => {
      if (!Number.isSafeInteger(k) || k < 1) {
        throw new ArgumentError(`dof[${i}] must be an integer >= 1. Value: ${k}.`, { name: `dof[${i}]`, value: k });
      }
    });
    const core = getCore();
    const { arena } = core;
    return arena.scope(() => {
      const k = arena.allocFrom(dof, "chi degrees of freedom");
      const out = arena.alloc(dof.length, "chi draws");
      this.withState(core, (slot) => core.exports.rngChi(slot, k, out, dof.length));
      return arena.read(out, dof.length);
    });
  }

  /**
   * Z = scale G with G_ij ~ N(0, 1) independent, filled row by row: rows x cols.
   * @param rows >= 0
   * @param cols >= 0
   * @param scale finite multiplier
   * @throws {ArgumentError} when rows or cols is not a non-negative integer, or scale is not finite
   * @throws {TooLargeError} when rows * cols f64 do not fit in a Float64Array
   */
  normalMatrix(rows: number, cols: number, scale = 1): Matrix {
    assertInteger("rows", rows, 0);
    assertInteger("cols", cols, 0);
    assertFiniteNumber("scale", scale);
    return this.normalMatrixUnchecked(rows, cols, scale);
  }

  /**
   * normalMatrix(rows, cols, scale) for sizes and a scale checked by the caller.
   * @throws {TooLargeError} when rows * cols f64 do not fit in a Float64Array
   */
  normalMatrixUnchecked(rows: number, cols: number, scale = 1): Matrix {
    const data = this.drawArray("rngNormal", newArray(rows * cols, "normalMatrix(rows, cols)"));
    if (scale !== 1) for (let i = 0; i < data.length; i++) data[i]! *= scale;
    return matrix(rows, cols, data);
  }

  /**
   * Rows of Dirichlet(a 1_K): row i is (G_1, ..., G_K) / sum_j G_j with G_j ~ Gamma(a, 1) independent
   * (assembly/hmm/dirichlet.ts; for a < 1 the boost G(a + 1) U^(1/a), carried in logarithms), drawn in order.
   * @param rows >= 0
   * @param K entries per row, >= 1
   * @param a concentration, a finite number > 0
   * @throws {ArgumentError} when rows or K is not an integer in range, or a is not a finite positive number
   * @throws {TooLargeError} when rows x K f64 do not fit in WebAssembly memory
   * @example new RandomStream(1).dirichlet(2, 3, 0.5) // 2 x 3, each row on the simplex
   */
  dirichlet(rows: number, K: number, a: number): Matrix {
    assertInteger("rows", rows, 0);
    assertInteger("K", K, 1);
    assertFiniteNumber("a", a);
    if (!(a > 0)) throw new ArgumentError(`a must be a finite number > 0. Value: ${a}.`, { name: "a", value: a });
    const core = getCore();
    const { arena } = core;
    return arena.scope(() => {
      const out = arena.alloc(rows * K, "Dirichlet draws");
      this.withState(core, (slot) => core.exports.rngDirichlet(slot, rows, K, a, out));
      return matrix(rows, K, arena.read(out, rows * K));
    });
  }

  /**
   * Pointer tier: writes n uniforms in [0, 1) as f64 at byte offset ptr of this thread's core memory.
   * @param ptr byte pointer from the arena, 8-aligned, with [ptr, ptr + 8n) inside the allocated arena
   * @param n count >= 0
   * @throws {ArgumentError} when n is not a non-negative integer or [ptr, ptr + 8n) is not allocated arena memory
   */
  fillUniform(ptr: number, n: number): void {
    this.checkTarget(getCore(), ptr, n);
    this.fillUniformUnchecked(ptr, n);
  }

  /** fillUniform into the caller's own allocation of at least n f64 (the pointer tier's callers): not checked. */
  fillUniformUnchecked(ptr: number, n: number): void {
    const core = getCore();
    this.withState(core, (slot) => core.exports.rngUniform(slot, ptr, n));
  }

  /**
   * Pointer tier: writes n standard normals as f64 at byte offset ptr of this thread's core memory.
   * @param ptr byte pointer from the arena, 8-aligned, with [ptr, ptr + 8n) inside the allocated arena
   * @param n count >= 0
   * @throws {ArgumentError} when n is not a non-negative integer or [ptr, ptr + 8n) is not allocated arena memory
   */
  fillNormal(ptr: number, n: number): void {
    this.checkTarget(getCore(), ptr, n);
    this.fillNormalUnchecked(ptr, n);
  }

  /** fillNormal into the caller's own allocation of at least n f64 (the pointer tier's callers): not checked. */
  fillNormalUnchecked(ptr: number, n: number): void {
    const core = getCore();
    this.withState(core, (slot) => core.exports.rngNormal(slot, ptr, n));
  }

  private checkTarget(core: Core, ptr: number, n: number): void {
    assertInteger("n", n, 0);
    const { arena } = core;
    if (!Number.isSafeInteger(ptr) || ptr % 8 !== 0 || ptr < arena.base || ptr + 8 * n > arena.mark()) {
      throw new ArgumentError(
        `ptr must be an 8-aligned arena pointer with room for n = ${n} f64 in [${arena.base}, ${arena.mark()}). Value: ${String(ptr)}.`,
        { name: "ptr", value: ptr, n },
      );
    }
  }

  /** Copies the state into a slot of the core's arena, runs fn(slot), copies it back. */
  private withState(core: Core, fn: (slot: number) => void): void {
    const { arena } = core;
    arena.scope(() => {
      const slot = arena.alloc(RNG_STATE_BYTES / 8, "random stream state");
      arena.u32.set(this.state, slot / 4);
      fn(slot);
      this.state.set(arena.u32.subarray(slot / 4, slot / 4 + STATE_WORDS));
    });
  }

  /** Fills out through an arena buffer of at most CHUNK f64, one kernel call per chunk. */
  private drawArray(kernel: Kernel, out: Float64Array): Float64Array {
    const core = getCore();
    const { arena } = core;
    this.withState(core, (slot) => {
      const buf = arena.alloc(Math.min(CHUNK, out.length), "random draws");
      for (let start = 0; start < out.length; start += CHUNK) {
        const count = Math.min(CHUNK, out.length - start);
        core.exports[kernel](slot, buf, count);
        out.set(arena.view(buf, count), start);
      }
    });
    return out;
  }
}
