/**
 * The ceiling of a WebAssembly SIMD kernel on this machine, the profile that shows why a kernel cannot reach
 * a ratio: bench/wasm/peak.ts (v = v·m + c on independent f64x2 register accumulators, a multiply and an add
 * per lane per step) compiled by asc with the product's flags (asconfig.json: its options and its release
 * target) into build/, and timed by the protocol of bench/timer.ts. Its peak rate is set against our Gram
 * and dgemm rates and against numpy's single-threaded rates of the same run: peak / numpy rate is the best
 * ×np any WebAssembly SIMD kernel could show against that numpy column.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { errorOutcome, type Outcome } from "./outcome.js";
import type { Row } from "./report.js";
import type { NumpyPeer } from "./numpy.js";
import { measure, type TimingOptions } from "./timer.js";

/** The kernels whose rates are set against the peak (their targets are ratios to numpy single-threaded). */
const KERNELS = ["gram", "dgemm"];
/** The numpy columns a ceiling ratio is computed for: single-threaded, as our kernels are. */
export type CeilingPeer = Exclude<NumpyPeer, "numpy-default">;
export const CEILING_PEERS: readonly CeilingPeer[] = ["numpy-1T", "numpy-1T-avx2"];
/** Steps of one timed call: about 6 ms at 34 GFLOP/s with 12 chains (16 µs with --quick). */
const STEPS = { full: 1 << 22, quick: 1 << 12 };
/** Each lane converges to c / (1 - m) = 2 and stays there exactly. */
const M = 0.5;
const C = 1;
const FIXED_POINT = C / (1 - M);

export interface CeilingPeak {
  /** Time of one call (median, fastest, count), or why there is none. */
  outcome: Outcome;
  chains: number;
  steps: number;
  /** Flops of one call: steps × chains × 2 lanes × 2 (a multiply and an add). */
  flops: number;
  /** flops / fastest call, in flop/s; null when the kernel did not run. */
  rate: number | null;
  /** The asc options the kernel was compiled with. */
  flags: string[];
}

export interface CeilingRow {
  kernel: string;
  size: string;
  /** Our pointer-tier rate (flop/s) and its fraction of the peak. */
  ourRate: number | null;
  ofPeak: number | null;
  /** Per numpy column: its rate (flop/s), the measured ×np, and the ceiling ×np = peak / its rate. */
  numpy: Record<CeilingPeer, { rate: number | null; ratio: number | null; ceiling: number | null }>;
}

export interface Ceiling {
  peak: CeilingPeak;
  rows: CeilingRow[];
}

interface PeakExports {
  memory: WebAssembly.Memory;
  scratch(): number;
  chains(): number;
  peak(steps: number): void;
}

/** The asc options of the product build: asconfig.json's options and release target, without its outFile. */
function ascFlags(root: string): string[] {
  const config = JSON.parse(readFileSync(join(root, "asconfig.json"), "utf8")) as {
    options: Record<string, unknown>;
    targets: { release: Record<string, unknown> };
  };
  const { outFile: _productFile, ...release } = config.targets.release;
  return Object.entries({ ...config.options, ...release }).flatMap(([name, value]) => {
    if (value === false) return [];
    if (value === true) return [`--${name}`];
    return [`--${name}`, Array.isArray(value) ? value.join(",") : String(value)];
  });
}

/**
 * Compiles bench/wasm/peak.ts into build/bench-peak.wasm (through a file of this process, renamed into place,
 * so that two benchmarks at once never read a half-written module); returns the module's bytes, or throws
 * with asc's output.
 */
function compilePeak(root: string, flags: string[]): Uint8Array<ArrayBuffer> {
  const outFile = join(root, "build", "bench-peak.wasm");
  const ownFile = join(root, "build", `.bench-peak.${process.pid}.wasm`);
  const asc = join(root, "node_modules", ".bin", "asc");
  // Run from bench/wasm: asc reads an asconfig.json in its folder and compiles its entries too (the product).
  const wasmDir = join(root, "bench", "wasm");
  const child = spawnSync(asc, [join(wasmDir, "peak.ts"), "--outFile", ownFile, ...flags], { cwd: wasmDir, encoding: "utf8" });
  if (child.error) throw new Error(`asc failed to start: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`asc exited with ${child.status}: ${child.stderr.trim().slice(-500)}`);
  const bytes = new Uint8Array(readFileSync(ownFile));
  renameSync(ownFile, outFile);
  return bytes;
}

/** The peak loop, compiled and instantiated: one call of run() does `flops` flops. */
export interface PeakLoop {
  chains: number;
  steps: number;
  flops: number;
  /** Puts m, c and the starting accumulators in place (before each call, so each call does the same work). */
  reset(): void;
  run(): void;
  /** null when every lane read back the fixed point, else why the loop did not run as written. */
  check(): string | null;
}

/** Compiles and instantiates the peak kernel (root: the package folder); throws with asc's output. */
export function loadPeak(root: string, quick: boolean, flags = ascFlags(root)): PeakLoop {
  const steps = quick ? STEPS.quick : STEPS.full;
  const module = new WebAssembly.Module(compilePeak(root, flags));
  const kernel = new WebAssembly.Instance(module).exports as unknown as PeakExports;
  const chains = kernel.chains();
  const lanes = 2 * (2 + chains);
  const slots = () => new Float64Array(kernel.memory.buffer, kernel.scratch(), lanes);
  return {
    chains,
    steps,
    flops: steps * chains * 4,
    reset: () => slots().set([M, M, C, C, ...Array.from({ length: 2 * chains }, (_, i) => i + 1)]),
    run: () => kernel.peak(steps),
    check: () => {
      const bad = slots().subarray(4).findIndex((v) => v !== FIXED_POINT);
      return bad < 0 ? null : `lane ${bad} read back ${slots()[4 + bad]}, not ${FIXED_POINT}: the loop did not run as written`;
    },
  };
}

/**
 * Compiles and times the peak kernel (root: the package folder); returns its measurement and the loop, for
 * the kernel candidates' rounds (null when it could not run as written).
 */
export function measurePeak(root: string, quick: boolean, timing: TimingOptions): { peak: CeilingPeak; loop: PeakLoop | null } {
  const flags = ascFlags(root);
  const steps = quick ? STEPS.quick : STEPS.full;
  try {
    const loop = loadPeak(root, quick, flags);
    const timed = measure(loop, timing);
    const { chains, flops } = loop;
    const reason = loop.check();
    if (reason !== null) return { peak: { outcome: { status: "error", reason }, chains, steps, flops, rate: null, flags }, loop: null };
    return { peak: { outcome: { status: "ok", ...timed }, chains, steps, flops, rate: flops / timed.min, flags }, loop };
  } catch (err) {
    return { peak: { outcome: errorOutcome(err), chains: 0, steps, flops: 0, rate: null, flags }, loop: null };
  }
}

/** The Gram and dgemm rows of the kernel table set against the peak. */
export function ceilingRows(rows: readonly Row[], peak: CeilingPeak): CeilingRow[] {
  return rows
    .filter((r) => KERNELS.includes(r.kernel))
    .map((r) => {
      const numpy = {} as CeilingRow["numpy"];
      for (const p of CEILING_PEERS) {
        const o = r.peers[p];
        const rate = o.status === "ok" ? r.work / o.median : null;
        numpy[p] = { rate, ratio: r.ratio[p], ceiling: rate !== null && peak.rate !== null ? peak.rate / rate : null };
      }
      return {
        kernel: r.kernel,
        size: r.size,
        ourRate: r.ourRate,
        ofPeak: r.ourRate !== null && peak.rate !== null ? r.ourRate / peak.rate : null,
        numpy,
      };
    });
}
