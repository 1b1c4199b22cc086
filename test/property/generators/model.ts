/**
 * Model files: drawn models of every small shape, then made hard (W scaled by 2^[-500, 500], i.e. 1e-150 to
 * 1e150; W rank-deficient or nearly so; rho near and past 1; zero noise scales), then damaged (a non-finite or
 * out-of-range token, a field mutated, a shape broken, the text cut short), as the JSON text a user would pass.
 */
import fc from "fast-check";
import { drawModel, modelToJson, RandomStream, type Model } from "../../../src/index.js";
import { contextLength } from "./config.js";
import { jsonText, mutations, replaceNumber } from "./values.js";

const spec = fc.record({
  d: fc.integer({ min: 1, max: 8 }),
  p: fc.integer({ min: 1, max: 10 }),
  k: fc.integer({ min: 1, max: 6 }),
  T: contextLength,
  rho: fc.oneof(fc.constantFrom(0, 0.5, 0.99, 0.999999, 1, 1 + 2 ** -40, 1.01, 1.5), fc.double({ min: 0, max: 1.6, noNaN: true })),
  sEps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
  sU: fc.oneof(fc.constantFrom(0, 1e-300, 1e-12), fc.double({ min: 0, max: 2, noNaN: true })),
  sY: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  aKind: fc.constantFrom("orthogonal" as const, "diagonal" as const, "gaussian" as const),
  seed: fc.nat(),
});

type Hardening = { kind: "none" } | { kind: "scale"; e: number } | { kind: "rank"; row: number } | { kind: "near"; eps: number } | { kind: "zeroV" };

const hardening: fc.Arbitrary<Hardening> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.integer({ min: -500, max: 500 }).map((e) => ({ kind: "scale" as const, e })),
  fc.nat().map((row) => ({ kind: "rank" as const, row })),
  fc.constantFrom(1e-15, 1e-12, 1e-8).map((eps) => ({ kind: "near" as const, eps })),
  fc.constant({ kind: "zeroV" as const }),
);

/** The model with W (or V) changed as h says: scaled, a row repeated (rank-deficient), or nearly repeated. */
function harden(model: Model, h: Hardening): Model {
  const { d, p } = model;
  const W = Float64Array.from(model.W.data);
  const V = Float64Array.from(model.V.data);
  if (h.kind === "scale") for (let i = 0; i < W.length; i++) W[i]! *= 2 ** h.e;
  if ((h.kind === "rank" || h.kind === "near") && d > 1) {
    const src = h.kind === "rank" ? h.row % (d - 1) : 0;
    for (let j = 0; j < p; j++) W[(d - 1) * p + j] = W[src * p + j]! * (1 + (h.kind === "near" ? h.eps : 0));
  }
  if (h.kind === "zeroV") V.fill(0);
  return { ...model, W: { ...model.W, data: W }, V: { ...model.V, data: V } };
}

/** A valid model file's text (hardened: scales, rank, rho near and past 1). */
export const modelText: fc.Arbitrary<string> = fc
  .tuple(spec, hardening)
  .map(([{ seed, ...s }, h]) => {
    // V = I_d needs k = d; otherwise a Gaussian d x k.
    const V = s.k === s.d ? undefined : new RandomStream(seed, s.p, 2).normalMatrix(s.d, s.k, 1);
    return modelToJson(harden(drawModel({ ...s, V }, new RandomStream(seed, s.p, 0)), h));
  });

/** Model file texts: valid, mutated as JSON, a number token replaced by a non-finite or odd one, cut short, or any text. */
export const modelCases: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: modelText },
  { weight: 4, arbitrary: mutations(modelText.map((t) => JSON.parse(t) as object)).map(jsonText) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(modelText, fc.nat(), fc.constantFrom("1e999", "-1e999", "-0", "1e-400", "NaN", "1e308", "-1", "0", "2.5"))
      .map(([text, i, token]) => replaceNumber(text, i, token)),
  },
  { weight: 1, arbitrary: fc.tuple(modelText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length)) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.json()) },
);
