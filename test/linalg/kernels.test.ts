/**
 * The product kernels: every candidate of the planner gives the same bits. The oracle for dgemm and dsyrk is
 * exact: the scalar loop in the order every candidate must keep (C scaled by beta once, then per KC-deep slice
 * of k in order, the slice's sum of (alpha a_ip) b_pj accumulated from +0 in order of p, added to C), compared
 * bit for bit. dtrsm and dpotrf, built on the same update, are compared bit for bit across the candidates.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { getCore } from "../../src/wasm/core.js";
import { decideKernel, KERNEL_NAMES, kernelChoice, useKernel, type KernelName } from "../../src/wasm/kernels.js";
import { randomLower, randomMatrix, randomSpd, seededRandom } from "../helpers/matrices.js";

/** The k-blocking shared by every candidate (assembly/linalg/gemmcore.ts KC): changing it changes the bits. */
const KC = 256;

const planned = kernelChoice() ?? (getCore(), kernelChoice()!);
afterAll(() => useKernel(planned.name));

type Op = { trans: 0 | 1; rows: number; cols: number; data: Float64Array };

/** op(X)(i, p) of a row-major stored X. */
function at(x: Op, i: number, p: number): number {
  return x.trans === 0 ? x.data[i * x.cols + p]! : x.data[p * x.cols + i]!;
}

/**
 * The bit oracle: C = beta C, then C += alpha op(A) op(B) slice by slice of KC. symmetric: only j <= i is
 * computed, and the upper triangle is its mirror (as dsyrk gives it).
 */
function blockedOracle(m: number, n: number, k: number, alpha: number, A: Op, B: Op, beta: number, C: Float64Array, symmetric: boolean): Float64Array {
  const out = C.slice();
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < (symmetric ? i + 1 : n); j++) {
      let c = beta === 1 ? out[i * n + j]! : beta === 0 ? 0 : out[i * n + j]! * beta;
      if (alpha !== 0) {
        for (let p0 = 0; p0 < k; p0 += KC) {
          let s = 0;
          for (let p = p0; p < Math.min(k, p0 + KC); p++) s += alpha * at(A, i, p) * at(B, p, j);
          c += s;
        }
      }
      out[i * n + j] = c;
    }
  }
  if (symmetric) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i]!;
  return out;
}

/** The bits of a Float64Array, for an exact comparison that also tells -0 from +0 and NaN payloads apart. */
function bits(x: Float64Array): bigint[] {
  return Array.from(new BigUint64Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength)));
}

/** Runs dgemm on the selected kernel: C (m x n, row-major) = alpha op(A) op(B) + beta C. */
function dgemm(m: number, n: number, k: number, alpha: number, A: Op, B: Op, beta: number, C: Float64Array): Float64Array {
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const a = arena.allocFrom(A.data);
    const b = arena.allocFrom(B.data);
    const c = arena.allocFrom(C);
    exports.dgemm(A.trans, B.trans, m, n, k, alpha, a, Math.max(1, A.cols), b, Math.max(1, B.cols), beta, c, Math.max(1, n));
    return arena.read(c, m * n);
  });
}

function operand(trans: 0 | 1, rows: number, cols: number, rand: () => number): Op {
  // Stored shape: op = X (rows x cols) or op = X^T (X is cols x rows).
  const [r, c] = trans === 0 ? [rows, cols] : [cols, rows];
  return { trans, rows: r, cols: c, data: randomMatrix(r, c, rand).data };
}

/** Sizes just below, at and above each block edge of the selected kernel (MR, NR, MC, NC) and of KC, and odd ones. */
function edgeShapes(): [number, number, number][] {
  const { exports } = getCore();
  const [mr, nr, mc, nc] = [0, 1, 2, 3].map((w) => exports.gemmBlock(w));
  return [
    [1, 1, 1],
    [3, 5, 7],
    [mr + 1, nr - 1, 13],
    [2 * mr - 1, 2 * nr + 1, KC + 1],
    [mc - 1, nr + 3, 2 * KC + 3],
    [mc + 1, 2 * nr - 1, KC - 1],
    [5, nc + 1, 9],
    [mc + 3, nc - 1, KC + 5],
  ];
}

describe.each(KERNEL_NAMES)("kernel %s", (name) => {
  it("dgemm equals the scalar KC-blocked sum bit for bit: odd sizes, every block edge, all transposes, alpha and beta", () => {
    useKernel(name);
    expect(kernelChoice()).toEqual({ name, how: "forced", rates: {}, speedups: {} });
    const rand = seededRandom(11);
    const scalars = [[1, 0], [-0.75, 1], [1.5, -0.5]] as const;
    edgeShapes().forEach(([m, n, k], s) => {
      ([[0, 0], [0, 1], [1, 0], [1, 1]] as const).forEach(([ta, tb], t) => {
        const A = operand(ta, m, k, rand);
        const B = operand(tb, k, n, rand);
        const C = randomMatrix(m, n, rand).data;
        const [alpha, beta] = scalars[(s + t) % scalars.length]!;
        expect(bits(dgemm(m, n, k, alpha, A, B, beta, C))).toEqual(bits(blockedOracle(m, n, k, alpha, A, B, beta, C, false)));
      });
    });
  });

  it("dsyrk's lower triangle equals the scalar KC-blocked sum bit for bit and its upper triangle mirrors it", () => {
    useKernel(name);
    const { exports, arena } = getCore();
    const rand = seededRandom(12);
    for (const [n, k] of [[1, 3], [7, 5], [exports.gemmBlock(2) + 1, KC + 3], [2 * exports.gemmBlock(1) + 1, 2 * KC + 1]]) {
      for (const trans of [0, 1] as const) {
        // trans 0: C = alpha A A^T (A n x k); trans 1: C = alpha A^T A (A k x n).
        const X = trans === 0 ? randomMatrix(n!, k!, rand) : randomMatrix(k!, n!, rand);
        const C = randomMatrix(n!, n!, rand).data;
        const got = arena.scope(() => {
          const x = arena.allocFrom(X.data);
          const c = arena.allocFrom(C);
          exports.dsyrk(trans, n!, k!, 0.5, x, X.cols, 1, c, n!);
          return arena.read(c, n! * n!);
        });
        const A: Op = { trans: trans, rows: X.rows, cols: X.cols, data: X.data };
        const B: Op = { trans: trans === 0 ? 1 : 0, rows: X.rows, cols: X.cols, data: X.data };
        expect(bits(got)).toEqual(bits(blockedOracle(n!, n!, k!, 0.5, A, B, 1, C, true)));
      }
    }
  });

  it("dsyrkWeighted equals the scalar KC-blocked sum of A diag(w) (A diag(w))^T bit for bit, beta then 1 per block", () => {
    useKernel(name);
    const { exports, arena } = getCore();
    const rand = seededRandom(14);
    for (const [n, k, beta] of [[1, 3, 0], [9, KC, 1], [exports.gemmBlock(2) + 3, 2 * KC + 7, -0.5], [2 * exports.gemmBlock(1) + 1, 3 * KC, 0]]) {
      const X = randomMatrix(n!, k!, rand);
      const w = randomMatrix(1, k!, rand).data;
      const C = randomMatrix(n!, n!, rand).data;
      const got = arena.scope(() => {
        const x = arena.allocFrom(X.data);
        const c = arena.allocFrom(C);
        exports.dsyrkWeighted(n!, k!, x, k!, arena.allocFrom(w), beta!, c, n!, arena.alloc(n! * Math.min(KC, k!)));
        return arena.read(c, n! * n!);
      });
      // The scaled matrix S = X diag(w), each entry rounded once; then C = beta C + S S^T slice by slice.
      const S = X.data.map((v, idx) => v * w[idx % k!]!);
      const scaled = (trans: 0 | 1): Op => ({ trans, rows: n!, cols: k!, data: S });
      expect(bits(got)).toEqual(bits(blockedOracle(n!, n!, k!, 1, scaled(0), scaled(1), beta!, C, true)));
    }
  });

  it("gemmIssued counts the micro-kernel's multiply-adds, edge tiles whole", () => {
    useKernel(name);
    const { exports, arena } = getCore();
    const [mr, nr] = [exports.gemmBlock(0), exports.gemmBlock(1)];
    for (const [m, n, k] of [[4 * mr, 3 * nr, 2 * KC], [4 * mr + 1, 3 * nr - 1, KC + 3]]) {
      const before = exports.gemmIssued();
      arena.scope(() => exports.dgemm(0, 0, m!, n!, k!, 1, arena.alloc(m! * k!), k!, arena.alloc(k! * n!), n!, 0, arena.alloc(m! * n!), n!));
      expect(exports.gemmIssued() - before).toBe(Math.ceil(m! / mr) * mr * Math.ceil(n! / nr) * nr * k!);
    }
  });

  it("dtrsm (all four cases) and dpotrf give the bits of the 2x8 kernel", () => {
    const rand = seededRandom(13);
    const n = 301;
    const m = 133;
    const L = randomLower(n, rand);
    const B = randomMatrix(m, n, rand).data;
    const Bt = randomMatrix(n, m, rand).data;
    const S = randomSpd(n, rand).data;
    const run = (kernel: KernelName): bigint[][] => {
      useKernel(kernel);
      const { exports, arena } = getCore();
      return arena.scope(() => {
        const l = arena.allocFrom(L.data);
        const out: bigint[][] = [];
        for (const trans of [0, 1]) {
          const right = arena.allocFrom(B);
          exports.dtrsm(1, trans, m, n, 1.25, l, n, right, n);
          out.push(bits(arena.read(right, m * n)));
          const left = arena.allocFrom(Bt);
          exports.dtrsm(0, trans, n, m, -0.5, l, n, left, m);
          out.push(bits(arena.read(left, n * m)));
        }
        const s = arena.allocFrom(S);
        expect(exports.dpotrf(n, s, n)).toBe(0);
        out.push(bits(arena.read(s, n * n)));
        return out;
      });
    };
    expect(run(name)).toEqual(run("2x8"));
  });
});

describe("the planner", () => {
  it("times every candidate and selects the one decideKernel picks from its timings; \"auto\" plans again", () => {
    useKernel("auto");
    const choice = kernelChoice()!;
    expect(choice.how).toBe("planned");
    for (const table of [choice.rates, choice.speedups]) {
      expect(Object.keys(table).sort()).toEqual([...KERNEL_NAMES].sort());
      for (const value of Object.values(table)) expect(value).toBeGreaterThan(0);
    }
    expect(choice.speedups["2x8"]).toBe(1);
    const best = Math.max(...Object.values(choice.speedups));
    if (choice.name === "2x8") expect(best).toBeLessThan(1.05);
    else expect([choice.speedups[choice.name], best >= 1.05]).toEqual([best, true]);
  });

  // Times in rounds (rows) x candidates (columns, KERNEL_NAMES order: 2x8 first).
  it("decides by the median of paired speed-ups over 2x8: a burst in one round does not decide", () => {
    const rounds = (f: (r: number) => number[]) => Array.from({ length: 7 }, (_, r) => f(r));
    // 4x4 (id 3) is 10% faster than 2x8 in every round while the whole machine slows down round by round.
    const drift = rounds((r) => [1, 1, 1.2, 1 / 1.1, 1].map((t) => t * (1 + r / 4)));
    const d = decideKernel(drift);
    expect(d.id).toBe(3);
    expect(d.speedups[3]).toBeCloseTo(1.1, 12);
    // 2x6 (id 2) looks 3x faster in 2 rounds of 7 (2x8 hit by bursts there), 10% slower otherwise: keep 2x8.
    const bursts = rounds((r) => (r === 1 || r === 4 ? [3, 1, 1, 1, 1] : [1, 1, 1.1, 1, 1]));
    expect(decideKernel(bursts).id).toBe(0);
    // 4% faster (below the 5% margin) keeps 2x8; 6% faster switches.
    expect(decideKernel(rounds(() => [1, 1 / 1.04, 1, 1, 1])).id).toBe(0);
    expect(decideKernel(rounds(() => [1, 1 / 1.06, 1, 1, 1])).id).toBe(1);
  });

  it("keeps 2x8 untimed, and says why, where the clock advances in 1 ms steps (a page that is not isolated) or not at all", () => {
    const now = performance.now.bind(performance);
    const coarse = vi.spyOn(performance, "now").mockImplementation(() => Math.floor(now()));
    try {
      useKernel("auto");
    } finally {
      coarse.mockRestore();
    }
    const choice = kernelChoice()!;
    expect([choice.name, choice.how, choice.rates, choice.speedups]).toEqual(["2x8", "default", {}, {}]);
    expect(choice.reason).toBe("performance.now() advances in steps of 1000 µs, too coarse to time a product of about 1 ms");
    // A frozen clock (a test's fake timers) ends the watch after a bounded number of readings.
    const frozen = vi.spyOn(performance, "now").mockReturnValue(1);
    try {
      useKernel("auto");
    } finally {
      frozen.mockRestore();
    }
    expect(kernelChoice()!.reason).toBe("performance.now() did not advance while the planner watched it");
    useKernel("auto");
    expect(kernelChoice()!.how).toBe("planned");
  });

  it("names exactly the core's candidates", () => {
    const { exports } = getCore();
    expect(exports.gemmSelect(KERNEL_NAMES.length)).toBe(-1);
    expect(exports.gemmSelect(-1)).toBe(-1);
    expect(kernelChoice()!.how).toBe("planned");
    useKernel(KERNEL_NAMES[KERNEL_NAMES.length - 1]!);
    expect([0, 1, 2, 3].map((w) => exports.gemmBlock(w))).toEqual([4, 4, 128, 512]);
  });

  it("refuses an unknown name with a typed error that lists the names", () => {
    useKernel("auto");
    const thrown = (() => {
      try {
        useKernel("8x8" as KernelName);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(ArgumentError);
    expect((thrown as ArgumentError).message).toBe(
      'kernel must be "auto" or one of "2x8", "2x8-small", "2x6", "4x4", "4x4-swap". Value: "8x8".',
    );
    expect(kernelChoice()!.how).toBe("planned");
  });
});
