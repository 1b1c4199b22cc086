/**
 * Token model files (SPEC 10; headtune model/theory/fit read them): drawn worlds of every small shape and
 * scaling, T over its whole range, then made hard (W scaled by 2^[-500, 500], i.e. 1e-150 to 1e150; W
 * rank-deficient; P = I; a token never emitted) or broken (a P or E row off 1 by 1e-12, within the reader's
 * tolerance, or by 1e-6, past it; a negative entry; pi off the simplex), then damaged as JSON (a field mutated,
 * a number token replaced by a non-finite or odd one, the text cut short).
 */
import fc from "fast-check";
import { drawTokenWorld, HeadtuneError, representationOf, tokenModelToJson, type TokenWorld, type TokenWorldSpec } from "../../../src/index.js";
import { contextLength, scale } from "./config.js";
import { jsonText, mutations, replaceNumber } from "./values.js";

const spec = fc.record({
  H: fc.integer({ min: 2, max: 8 }),
  V: fc.integer({ min: 2, max: 8 }),
  T: contextLength,
  k: fc.integer({ min: 1, max: 4 }),
  rho: fc.oneof(fc.constantFrom(0, 0.999999), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
  aTr: fc.oneof(fc.constant(Infinity), scale(-20, 20)),
  beta: scale(-20, 20),
  sU: fc.oneof(fc.constantFrom(0, 1e-150), scale(-40, 10)),
  sY: fc.oneof(fc.constant(0), scale(-40, 10)),
  posterior: fc.boolean(),
  p: fc.integer({ min: 1, max: 12 }),
  mPop: fc.integer({ min: 2, max: 100 }),
  seed: fc.nat(),
});

type Edit =
  | { kind: "none" }
  | { kind: "scaleW"; e: number }
  | { kind: "rankW" }
  | { kind: "stickyP" }
  | { kind: "silentToken"; token: number }
  | { kind: "offRow"; which: "P" | "E"; row: number; delta: number }
  | { kind: "negative"; which: "P" | "E" | "pi"; at: number }
  | { kind: "offSimplex"; delta: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "none" as const }) },
  fc.integer({ min: -500, max: 500 }).map((e) => ({ kind: "scaleW" as const, e })),
  fc.constant({ kind: "rankW" as const }),
  fc.constant({ kind: "stickyP" as const }),
  fc.nat().map((token) => ({ kind: "silentToken" as const, token })),
  fc.record({ kind: fc.constant("offRow" as const), which: fc.constantFrom("P" as const, "E" as const), row: fc.nat(), delta: fc.constantFrom(1e-12, -1e-12, 1e-6, -1e-6, 0.5) }),
  fc.record({ kind: fc.constant("negative" as const), which: fc.constantFrom("P" as const, "E" as const, "pi" as const), at: fc.nat() }),
  fc.constantFrom(1e-12, 1e-6, -0.5).map((delta) => ({ kind: "offSimplex" as const, delta })),
);

interface FileObject {
  H: number;
  V: number;
  P: number[][];
  E: number[][];
  pi: number[];
  W: number[][];
}

/** The file's object (parsed from its text) changed as e says. */
function applyEdit(m: FileObject, e: Edit): FileObject {
  const { H, V } = m;
  if (e.kind === "scaleW") m.W = m.W.map((row) => row.map((v) => v * 2 ** e.e));
  if (e.kind === "rankW") m.W[H - 1] = [...m.W[0]!];
  if (e.kind === "stickyP") m.P = m.P.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  if (e.kind === "silentToken") {
    // Token o is never emitted: its column's mass goes to the next token, so that each row still sums to 1.
    const o = e.token % V;
    m.E = m.E.map((row) => row.map((v, j) => (j === o ? 0 : j === (o + 1) % V ? v + row[o]! : v)));
  }
  if (e.kind === "offRow") m[e.which][e.row % H]![0]! += e.delta;
  if (e.kind === "negative") {
    const rows = e.which === "pi" ? [m.pi] : m[e.which];
    const row = rows[e.at % rows.length]!;
    row[0] = -Math.abs(row[0]!) - 1e-3;
  }
  if (e.kind === "offSimplex") m.pi[0]! += e.delta;
  return m;
}

/**
 * The world of spec; a tiny aTr can draw transitions whose chain has no unique stationary law (a
 * NoConvergenceError the config surface meets): then the world of uniform rows of D (aTr = Infinity).
 */
function drawWorld(spec: TokenWorldSpec, seed: number): TokenWorld {
  try {
    return drawTokenWorld(spec, seed, 0);
  } catch (err) {
    if (!(err instanceof HeadtuneError) || err.code !== "E_NO_CONVERGENCE") throw err;
    return drawTokenWorld({ ...spec, aTr: Infinity }, seed, 0);
  }
}

/** A token model file's text: a drawn world and representation, edited as above. */
export const tokenModelText: fc.Arbitrary<string> = fc.tuple(spec, edit).map(([s, e]) => {
  const { posterior, p: size, mPop, seed, ...worldSpec } = s;
  const world = drawWorld(worldSpec, seed);
  const rep = posterior ? representationOf("posterior", s.H, 0, seed, 0, s.H) : representationOf("features", s.H, s.sU, seed, 0, size);
  const m = JSON.parse(tokenModelToJson({ world, rep, mPop, seed, key: 0 })) as FileObject;
  return JSON.stringify(applyEdit(m, e));
});

/** Token model file texts: valid and edited, mutated as JSON, a number replaced by a non-finite or odd token, cut short. */
export const tokenModelCases: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: tokenModelText },
  { weight: 3, arbitrary: mutations(tokenModelText.map((t) => JSON.parse(t) as object)).map(jsonText) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(tokenModelText, fc.nat(), fc.constantFrom("1e999", "-1e999", "-0", "1e-400", "NaN", "1e308", "-1", "0", "2.5", "1.5e300"))
      .map(([text, i, token]) => replaceNumber(text, i, token)),
  },
  { weight: 1, arbitrary: fc.tuple(tokenModelText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)) },
);
