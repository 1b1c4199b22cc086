import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { drawModel } from "../../src/hmm/model.js";
import { modelFromJson, modelToJson } from "../../src/hmm/model-file.js";
import { RandomStream } from "../../src/rng/stream.js";

const small = {
  d: 2, p: 3, k: 1, T: 4, rho: 0.9, sEps: 0.5, sU: 1, sY: 0,
  A: [[0.9, 0], [0, 0.9]], W: [[1, 2, 3], [4, 5, 6]], V: [[1], [0]],
};

describe("model files", () => {
  it("round-trips a drawn model exactly", () => {
    const model = drawModel({ d: 4, p: 6, k: 4, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 6, 0));
    const back = modelFromJson(modelToJson(model));
    expect(back).toEqual(model);
    expect(Object.keys(JSON.parse(modelToJson(model)))).toEqual(["d", "p", "k", "T", "rho", "sEps", "sU", "sY", "A", "W", "V"]);
  });

  it("reads a hand-written file", () => {
    const m = modelFromJson(JSON.stringify(small));
    expect([m.A.rows, m.A.cols, m.W.rows, m.W.cols, m.V.rows, m.V.cols]).toEqual([2, 2, 2, 3, 2, 1]);
    expect(Array.from(m.W.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ["not JSON", "{d: 2", /model\.json is not valid JSON/],
    ["a missing field", JSON.stringify({ ...small, sU: undefined }), /field sU: .*expected number/],
    ["a non-integer size", JSON.stringify({ ...small, d: 2.5 }), /field d: .*expected int/],
    ["a negative scale", JSON.stringify({ ...small, rho: -1 }), /field rho: Too small/],
    ["an unknown field", JSON.stringify({ ...small, sEPS: 1 }), /field \(top level\): Unrecognized key: "sEPS"/],
    ["a non-number entry", JSON.stringify({ ...small, W: [[1, 2, 3], [4, "x", 6]] }), /field W\[1\]\[1\]: .*expected number/],
    ["a short row", JSON.stringify({ ...small, W: [[1, 2, 3], [4, 5]] }), /field W\[1\]: must have 3 entries \(p\); it has 2/],
    ["a wrong row count", JSON.stringify({ ...small, A: [[0.9, 0]] }), /field A: must have 2 rows \(d\); it has 1/],
    ["V inconsistent with k", JSON.stringify({ ...small, k: 2 }), /field V\[0\]: must have 2 entries \(k\)/],
  ])("rejects %s, naming the field", (_label, text, message) => {
    expect(() => modelFromJson(text, "model.json")).toThrow(ArgumentError);
    expect(() => modelFromJson(text, "model.json")).toThrow(message);
  });
});
