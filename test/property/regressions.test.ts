/**
 * Failing cases the fuzzing campaign found (test/property/), each kept as a named test of its fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  axisValues,
  drawModel,
  drawTokenWorld,
  experimentSettings,
  modelFromJson,
  modelToJson,
  parseSweepConfig,
  population,
  prepareSize,
  presetConfig,
  RandomStream,
  resolveSizes,
  runReplicate,
  sampledSAlpha,
  sampleFiltered,
  sampleSequences,
  sampleSequential,
  symmetricEigen,
  theoryMap,
  tokenModelFromJson,
  type Matrix,
} from "../../src/index.js";
import { CONTEXT_WORK_LIMIT, maxContextLength } from "../../src/context-length.js";
import { taskContextStep } from "../../src/task-context.js";
import { main } from "../../src/cli/main.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { EPS } from "../helpers/matrices.js";
import { thrown } from "../edges/support.js";
import { checkReplicate } from "./invariants.js";

/** main() in this process with every configuration file reading as a quick sweep whose T = 10^12 is past the context limit. */
async function runLongT(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(argv, {
    io: { stdout: () => undefined, readFile: () => JSON.stringify({ preset: "quick", sampler: "sequential", T: 1e12 }) },
    stderr: { write: (t: string) => void (stderr += t) },
    signal: new AbortController().signal,
  });
  return { code, stderr };
}

describe("the symmetric eigensolver on subnormal entries", () => {
  // Se of the configuration below: c I with c = 3.0e-27 and off-diagonal rounding residue of 1e-323..1e-320
  // (subnormal). The Householder reduction scaled a row by 1 / (its 1-norm) = Infinity, and QL met NaN.
  const n = 25;
  const c = 3.006127172446444e-27;
  const S: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S.data[i * n + j] = i === j ? c : (((i * 7 + j * 11) % 23) - 11) * 1e-321;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S.data[j * n + i] = S.data[i * n + j]!;

  it("c I plus subnormal off-diagonal entries: every eigenvalue is c to within n eps c, kernel and reference", () => {
    // The off-diagonal part has norm below n * 1.1e-320, some 1e-294 c: Weyl puts every eigenvalue within that of c.
    for (const values of [symmetricEigen(S).values, refSymmetricEigen(S).values]) {
      for (const v of values) expect(Math.abs(v - c)).toBeLessThanOrEqual(n * EPS * c);
    }
    expect(refSymmetricEigen(S).info).toBe(0);
  });

  it("the configuration that met it (rho = 4e-143, sEps = 5e-14, marginal sampler) runs a replicate", () => {
    const config = parseSweepConfig({
      preset: "features", scaling: "linear", d: 11, alpha: 1.9999999999999993, T: 5, rho: 4.0972824253154634e-143, sEps: 5.482816039633688e-14,
      sU: 5.467797959685952e-10, sY: 1.7406522303305363e-212, aKind: "orthogonal", n: 2, nTest: 35, sampler: "marginal", seed: 2064194415,
      fixedModel: false, heads: [{ kind: "minnorm" }], grid: { p: [7] }, replicates: 1,
    });
    const settings = experimentSettings(config);
    const [p] = resolveSizes(config).sizes;
    checkReplicate(runReplicate(settings, prepareSize(settings, p!), 0), config.n, config.nTest);
  });
});

describe("map axis values", () => {
  it("steps = 2^53 is an ArgumentError naming steps, not a RangeError from new Array (headtune map --steps 9007199254740992 exited 70)", () => {
    const err = thrown(() => axisValues(0, 1, 2 ** 53, false));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toBe("steps must be an integer from 1 to 10000. Value: 9007199254740992.");
  });
});

describe("theory maps over a hidden size past memory", () => {
  it("alpha = 2^31 (d = 2^31 p) is a TooLargeError before the spectrum, not minutes and gigabytes (a map's cell is O(d))", () => {
    // Without the check this ran for hours (about 2 s per 10^6 of d here): the test's time limit catches it.
    const err = thrown(() => theoryMap({ ...presetConfig("quick"), grid: { p: [20] } }, "alpha", [2 ** 31]));
    expect(err.code).toBe("E_TOO_LARGE");
    expect(err.message).toMatch(/^model size p = 20 with n = 40, nTest = 100 needs .* of WebAssembly memory/);
  });
});

describe("a context length T whose steps would run for days", () => {
  // Every T-step recursion cost T times one step with no bound on T: each of these ran for hours or more.
  const settings = (overrides: Record<string, unknown>) => experimentSettings(parseSweepConfig({ ...presetConfig("quick"), ...overrides }));

  it.each([
    ["the sequential sampler", { sampler: "sequential", T: 1e12 }, "the S_T recursion and the sequential sampler at d = 20, n + nTest = 140", 869565],
    ["the marginal sampler (S_T by recursion)", { sampler: "marginal", T: 1e9 }, "the S_T recursion at d = 20", 4761904],
    ["the spectral sampler (c_T by recursion)", { T: 2 ** 53 - 1 }, "the scalar recursion S_T = c_T I", 2e10],
  ])("under %s, prepareSize refuses T with a TooLargeError naming T, the limit and the largest T allowed", (_, overrides, what, maxT) => {
    const s = settings(overrides);
    const err = thrown(() => prepareSize(s, 20));
    expect(err.code).toBe("E_TOO_LARGE");
    expect(err.message).toMatch(new RegExp(`^T = ${s.T} steps of ${what.replace(/[()+^]/g, "\\$&")} cost .* flops, past the limit of ${CONTEXT_WORK_LIMIT}: the largest T these settings allow is ${maxT}\\. Value: ${s.T}\\.$`));
    // The largest T allowed costs at most the limit, one more step past it.
    const step = taskContextStep(s, 20);
    expect(maxContextLength(step)).toBe(maxT);
    expect(maxT * step.work).toBeLessThanOrEqual(CONTEXT_WORK_LIMIT);
    expect((maxT + 1) * step.work).toBeGreaterThan(CONTEXT_WORK_LIMIT);
  });

  it("the token world's forward filter: T = 10^9 is refused before S_alpha or a sample is drawn", () => {
    const err = thrown(() => prepareSize(experimentSettings(parseSweepConfig({ ...presetConfig("tokens"), T: 1e9 })), 20));
    expect(err.code).toBe("E_TOO_LARGE");
    expect(err.message).toMatch(/^T = 1000000000 steps of the forward filter of 2900 token strings at H = 50 cost .*Value: 1000000000\.$/);
  });

  it("a theory map over T up to 10^15 is refused at its first cell past the limit", () => {
    const err = thrown(() => theoryMap({ ...presetConfig("quick"), grid: { p: [20] } }, "T", [5, 1e15]));
    expect(err.message).toMatch(/^T = 1000000000000000 steps of the scalar recursion/);
  });

  it("a model file with T = 10^12: population refuses it (headtune theory --model read it and hung)", () => {
    const model = drawModel({ d: 3, p: 3, k: 3, T: 1e12, rho: 0.5, sEps: 1, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 3, 0));
    const err = thrown(() => population(modelFromJson(modelToJson(model), "m.json")));
    expect(err.code).toBe("E_TOO_LARGE");
    expect(err.message).toMatch(/^T = 1000000000000 steps of the S_T recursion at d = 3 cost 1\.01e\+16 flops/);
  });

  it("the API's samplers given a model or world of T = 10^12 refuse it before drawing (they looped for days)", () => {
    const model = drawModel({ d: 3, p: 3, k: 3, T: 1e12, rho: 0.5, sEps: 1, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 3, 0));
    const world = drawTokenWorld({ H: 2, V: 2, T: 1e12, k: 1, rho: 0.5, aTr: 1, beta: 1, sU: 0, sY: 0 }, 1, 0);
    const stream = () => new RandomStream(1, 3, 1);
    const refusals: [string, () => unknown, RegExp][] = [
      ["sampleSequential", () => sampleSequential(model, 10, stream()), /^T = 1000000000000 steps of the sequential sampler of 10 sequences at d = 3 /],
      ["sampleSequences", () => sampleSequences(model, 10, stream()), /^T = 1000000000000 steps of the sequential sampler of 10 sequences at d = 3 /],
      ["sampleFiltered", () => sampleFiltered(world, 10, stream()), /^T = 1000000000000 steps of the forward filter of 10 token strings at H = 2 /],
      ["sampledSAlpha", () => sampledSAlpha(world, 100, stream()), /^T = 1000000000000 steps of the forward filter of 100 token strings at H = 2 /],
    ];
    for (const [name, call, message] of refusals) {
      const err = thrown(call);
      expect([name, err.code]).toEqual([name, "E_TOO_LARGE"]);
      expect(err.message).toMatch(message);
    }
  });

  it("headtune sweep with T = 10^12 exits 4 with one line, before any task, and leaves no folder it made", async () => {
    const root = mkdtempSync(join(tmpdir(), "headtune-long-T-"));
    const out = join(root, "a", "b");
    const { code, stderr } = await runLongT(["sweep", "--config", "c.json", "--workers", "0", "--quiet", "--out", out]);
    expect(code, stderr).toBe(4);
    expect(stderr).toMatch(/\nheadtune: error: T = 1000000000000 steps of [^\n]+\n$/);
    expect(readdirSync(root)).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it("a token model file whose S_alpha takes T = 10^9 or mPop = 2^40 sequences is refused on reading", () => {
    const file = (T: number, mPop: number) =>
      JSON.stringify({ world: "tokens", H: 2, V: 2, T, k: 1, p: 1, sU: 0, sY: 0, P: [[0.5, 0.5], [0.5, 0.5]], E: [[0.5, 0.5], [0.5, 0.5]], pi: [0.5, 0.5], Vlab: [[1], [0]], W: [[1], [0]], mPop, seed: 1, key: 0 });
    expect(thrown(() => tokenModelFromJson(file(1e9, 100), "t.json")).message).toMatch(/^T = 1000000000 steps of the forward filter of 100 token strings at H = 2 /);
    expect(thrown(() => tokenModelFromJson(file(30, 2 ** 40), "t.json")).message).toBe(
      `t.json: mPop = ${2 ** 40} sequences of T = 30 tokens cost 2.68e+14 flops for S_alpha, past the limit of 200000000000: use a smaller mPop. Value: ${2 ** 40}.`,
    );
  });
});

describe("a run refused before any task", () => {
  it("leaves no checkpoint: the same command refuses again for its own reason, not asking for --resume (a 0-task checkpoint was left)", async () => {
    const out = mkdtempSync(join(tmpdir(), "headtune-refused-"));
    const run = (argv: string[]) => runLongT([...argv, "--workers", "0", "--quiet", "--out", out]);
    for (const argv of [["sweep", "--config", "c.json"], ["sweep", "--config", "c.json"], ["map", "--config", "c.json", "--axis", "rho", "--from", "0.1", "--to", "0.5", "--steps", "2", "--replicates", "1"]]) {
      const { code, stderr } = await run(argv);
      expect(code, stderr).toBe(4);
      expect(stderr).toMatch(/\nheadtune: error: T = 1000000000000 steps of [^\n]+\n$/);
      expect(readdirSync(out)).toEqual([]);
    }
    rmSync(out, { recursive: true, force: true });
  });
});

describe("files nested deeper than the stack", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);

  it("a model file of 100,000 nested lists is an ArgumentError whose message shows its tag (JSON.stringify overflowed the stack)", () => {
    const err = thrown(() => modelFromJson(deep, "deep.json"));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toBe("deep.json: field (top level): Invalid input: expected object, received array. Value: [object Array].");
  });

  it("headtune theory --model deep.json: exit 2 with one line, not exit 70", async () => {
    let stderr = "";
    const code = await main(["theory", "--model", "deep.json"], {
      io: { stdout: () => undefined, readFile: () => deep },
      stderr: { write: (t: string) => void (stderr += t) },
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^headtune: error: deep\.json: field \(top level\): .*\n$/);
  });
});

describe("damaged task lines in a checkpoint or a shard", () => {
  const root = mkdtempSync(join(tmpdir(), "headtune-regressions-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const config = JSON.stringify({ preset: "quick", n: 12, nTest: 10, grid: { p: [3, 20] }, replicates: 3, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }] });

  async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = "";
    const code = await main(argv, {
      io: { stdout: () => undefined, readFile: (path) => (path === "c.json" ? config : readFileSync(path, "utf8")) },
      stderr: { write: (t: string) => void (stderr += t) },
      signal: new AbortController().signal,
    });
    return { code, stderr };
  }

  /** The records file of the whole sweep as one shard: its header and task lines. */
  async function shardLines(): Promise<string[]> {
    const out = join(root, "whole");
    expect((await cli(["sweep", "--config", "c.json", "--workers", "0", "--quiet", "--shard", "0/1", "--out", out])).code).toBe(0);
    return readFileSync(join(out, "records.jsonl"), "utf8").split("\n").slice(0, -1);
  }

  /** Resumes from a checkpoint of the given task lines; the exit code, stderr and the checkpoint afterwards ("" once removed). */
  async function resume(name: string, tasks: string[]): Promise<{ code: number; stderr: string; after: string }> {
    const [head] = await shardLines();
    const header = JSON.stringify({ ...(JSON.parse(head!) as object), kind: "checkpoint", shard: null });
    const out = join(root, name);
    mkdirSync(out);
    writeFileSync(join(out, "checkpoint.jsonl"), [header, ...tasks].map((l) => `${l}\n`).join(""));
    const run = await cli(["sweep", "--config", "c.json", "--workers", "0", "--quiet", "--resume", "--out", out]);
    const checkpoint = join(out, "checkpoint.jsonl");
    return { ...run, after: existsSync(checkpoint) ? readFileSync(checkpoint, "utf8") : "" };
  }

  /** The results of the sweep run whole, without a checkpoint to resume. */
  async function plainSummary(): Promise<string> {
    const out = join(root, "plain");
    if (!existsSync(out)) expect((await cli(["sweep", "--config", "c.json", "--workers", "0", "--quiet", "--out", out])).code).toBe(0);
    return readFileSync(join(out, "summary.csv"), "utf8");
  }

  it.each([
    ["records that are not replicate results ([1, 2]; it once failed at the CSV, naming records[0] only)", () => '{"p":3,"replicate":0,"records":[1,2]}'],
    ["a record of another task than its line's", (first: string) => first.replace('"replicate":0,"records"', '"replicate":1,"records"')],
  ])("a checkpoint line with %s is dropped as a damaged end: its task runs again and the results are the whole run's", async (name, line) => {
    const [, first] = await shardLines();
    const folder = `dropped-${name.slice(0, 12).replace(/\W/g, "-")}`;
    const { code, stderr } = await resume(folder, [line(first!)]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/the checkpoint's last line was cut short .*: dropped, its task runs again\.\n/);
    expect(readFileSync(join(root, folder, "summary.csv"), "utf8")).toBe(await plainSummary());
  });

  it.each([
    ["records that are not replicate results", () => '{"p":3,"replicate":0,"records":[1,2]}', /line 2 cannot be read: records\[0\] must be an object\. Value: 1\.\n$/],
    ["a record of another task than its line's", (first: string) => first.replace('"replicate":0,"records"', '"replicate":1,"records"'), /line 2 cannot be read: records\[0\] is of task \(p = 3, replicate 0\), not of the line's \(p = 3, replicate 1\)\.\n$/],
  ])("merge refuses a shard line with %s, naming the file and line", async (name, line, message) => {
    const [head, first] = await shardLines();
    const dir = join(root, `shard-${name.slice(0, 12).replace(/\W/g, "-")}`, "shard-0-of-1");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config.json"), readFileSync(join(root, "whole", "config.json")));
    writeFileSync(join(dir, "records.jsonl"), [head, line(first!)].map((l) => `${l}\n`).join(""));
    const { code, stderr } = await cli(["merge", dir, "--out", join(dir, "..", "merged"), "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("a task with no records (heads []) is refused naming its heads, not written into the results as a missing row", async () => {
    const { code, stderr } = await resume("empty", ['{"p":3,"replicate":0,"records":[]}']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/the checkpoint holds task \(p = 3, replicate 0\) with heads \[\], not this configuration's \[minnorm, ridge\(0\.1\)\]\.\n$/);
  });

  it("a simulated map's refused resume keeps its checkpoint: a bad line of step 1 before its good copy lost the good one once step 0 ran and rewrote the file", async () => {
    const map = ["map", "--config", "c.json", "--axis", "rho", "--from", "0.3", "--to", "0.6", "--steps", "2", "--replicates", "1", "--workers", "0", "--quiet"];
    const whole = join(root, "map-whole");
    expect((await cli([...map, "--shard", "0/1", "--out", whole])).code).toBe(0);
    const [head, ...tasks] = readFileSync(join(whole, "records.jsonl"), "utf8").split("\n").slice(0, -1);
    const header = JSON.stringify({ ...(JSON.parse(head!) as object), kind: "checkpoint", shard: null });
    const good = tasks.find((t) => t.startsWith('{"step":1,'))!;
    const bad = good.replace('"head":"ridge(0.1)"', '"head":"0idge(0.1)"');
    const out = join(root, "map-resume");
    mkdirSync(out);
    const text = [header, bad, good].map((l) => `${l}\n`).join("");
    writeFileSync(join(out, "checkpoint.jsonl"), text);
    const { code, stderr } = await cli([...map, "--resume", "--out", out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/the checkpoint holds task \(p = \d+, replicate 0\) with heads \[minnorm, 0idge\(0\.1\)\], not this configuration's \[minnorm, ridge\(0\.1\)\]\.\n$/);
    expect(readFileSync(join(out, "checkpoint.jsonl"), "utf8")).toBe(text);
  });

  it("merge refuses a shard whose task lost a head", async () => {
    const [head, ...tasks] = await shardLines();
    const dir = join(root, "shard-0-of-1");
    mkdirSync(dir);
    writeFileSync(join(dir, "config.json"), readFileSync(join(root, "whole", "config.json")));
    const cut = tasks.map((t, i) => (i === 0 ? JSON.stringify({ ...(JSON.parse(t) as { records: unknown[] }), records: (JSON.parse(t) as { records: unknown[] }).records.slice(0, 1) }) : t));
    writeFileSync(join(dir, "records.jsonl"), [head, ...cut].map((l) => `${l}\n`).join(""));
    const { code, stderr } = await cli(["merge", dir, "--out", join(root, "merged"), "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/shard-0-of-1 holds task \(p = 3, replicate 0\) with heads \[minnorm\], not this configuration's \[minnorm, ridge\(0\.1\)\]\.\n$/);
  });

  it("a refused resume keeps the checkpoint as it was: a bad line for (p = 3, replicate 0) before a good one lost the good one (the file was rewritten with the first of the two)", async () => {
    const [, first] = await shardLines();
    const { code, after } = await resume("repeated", ['{"p":3,"replicate":0,"records":[]}', first!]);
    expect(code).toBe(2);
    expect(after.split("\n").slice(1)).toEqual(['{"p":3,"replicate":0,"records":[]}', first!, ""]);
  });
});
