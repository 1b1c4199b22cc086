/**
 * Fuzzing the folders the CLI reads back: a sweep's checkpoint (sweep --resume) and shard folders (merge), of
 * a Gaussian and a token world's sweep, and a simulated map's checkpoint (map --resume), damaged as
 * test/property/generators/lines.ts says, or another configuration's, or their config.json mutated. A run ends with exit 0 or 2 (6 for an unreadable file), never 70; when it accepts files whose task
 * lines are the originals, its results are those of the undamaged run, byte for byte; when it refuses, it
 * writes no result and leaves the checkpoint as it was.
 */
import fc from "fast-check";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { main } from "../../src/cli/main.js";
import { applyLines, linesCases } from "./generators/lines.js";
import { jsonText, mutations } from "./generators/values.js";
import { fuzzSurface } from "./harness.js";

const root = mkdtempSync(join(tmpdir(), "headtune-fuzz-folders-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TINY = { preset: "quick", n: 12, nTest: 10, grid: { p: [3, 20] }, replicates: 3, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }] };
/** The token world's tiny sweep: 2 sizes x 3 replicates, S_alpha from 20 sequences (V^T = 3^16 > 10^6). */
const TOKENS = { preset: "tokens", H: 4, V: 3, T: 16, k: 2, mPop: 20, n: 12, nTest: 10, grid: { p: [3, 8] }, replicates: 3, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }] };
/** Per world, its configuration ("a") and another seed's ("b"). */
const WORLDS = { gaussian: TINY, tokens: TOKENS } as const;
type WorldName = keyof typeof WORLDS;
const CONFIGS: Record<string, string> = Object.fromEntries(
  Object.entries(WORLDS).flatMap(([w, c]) => [[`${w}-a.json`, JSON.stringify(c)], [`${w}-b.json`, JSON.stringify({ ...c, seed: 2 })]]),
);
const TASKS = 6;
const RESULT_FILES = ["replicates.csv", "summary.csv", "plot.svg", "plot-linear.svg"];
/** A simulated map of the Gaussian configuration: 2 values x 2 sizes x 1 replicate. */
const MAP_ARGS = ["map", "--config", "gaussian-a.json", "--axis", "rho", "--from", "0.3", "--to", "0.6", "--steps", "2", "--replicates", "1", "--workers", "0", "--quiet"];
const MAP_TASKS = 4;

/** main() in this process with the configurations as its files; exit code and stderr. */
async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(argv, {
    io: { stdout: () => undefined, readFile: (path) => CONFIGS[path] ?? readFileSync(path, "utf8") },
    stderr: { write: (t: string) => void (stderr += t) },
    signal: new AbortController().signal,
  });
  return { code, stderr };
}

async function ok(argv: string[]): Promise<void> {
  const { code, stderr } = await cli(argv);
  if (code !== 0) throw new Error(`setup ${argv.join(" ")}: exit ${code}: ${stderr}`);
}

const read = (dir: string, files = RESULT_FILES) => files.map((f) => readFileSync(join(dir, f), "utf8"));
const lines = (path: string) => readFileSync(path, "utf8").split("\n").slice(0, -1);

/** A run's records as one shard: its header (made a checkpoint's) and task lines. */
interface Whole {
  header: Record<string, unknown>;
  tasks: string[];
}

/** The records of `argv` run whole as shard 0/1 (into out). */
async function wholeRecords(argv: string[], out: string): Promise<Whole> {
  await ok([...argv, "--shard", "0/1", "--out", out]);
  const [head, ...tasks] = lines(join(out, "records.jsonl"));
  return { header: { ...(JSON.parse(head!) as Record<string, unknown>), kind: "checkpoint", shard: null }, tasks };
}

/** Per world: the uninterrupted run's result files, its configurations' records, and its shard folders (a's 0/2, 1/2, 0/3..2/3; b's 0/2, 1/2). */
const reference = {} as Record<WorldName, string[]>;
const whole = {} as Record<WorldName, { a: Whole; b: Whole }>;
const shardDirs = {} as Record<WorldName, string[]>;
let mapReference: string[] = [];
let mapWhole: Whole;

beforeAll(async () => {
  for (const world of Object.keys(WORLDS) as WorldName[]) {
    await ok(["sweep", "--config", `${world}-a.json`, "--workers", "0", "--quiet", "--out", join(root, `${world}-reference`)]);
    reference[world] = read(join(root, `${world}-reference`));
    const sweep = (name: string) => ["sweep", "--config", `${world}-${name}.json`, "--workers", "0", "--quiet"];
    whole[world] = { a: await wholeRecords(sweep("a"), join(root, `${world}-a-whole`)), b: await wholeRecords(sweep("b"), join(root, `${world}-b-whole`)) };
    shardDirs[world] = [];
    for (const [name, shards] of [["a", [[0, 2], [1, 2], [0, 3], [1, 3], [2, 3]]], ["b", [[0, 2], [1, 2]]]] as const) {
      for (const [i, n] of shards) {
        const out = join(root, `${world}-${name}-shard-${i}-of-${n}`);
        await ok([...sweep(name), "--shard", `${i}/${n}`, "--out", out]);
        shardDirs[world].push(out);
      }
    }
  }
  await ok([...MAP_ARGS, "--out", join(root, "map-reference")]);
  mapReference = read(join(root, "map-reference"), ["map.csv"]);
  mapWhole = await wholeRecords(MAP_ARGS, join(root, "map-whole"));
}, 300_000);

/**
 * Resumes `argv` from a checkpoint of `text` in a fresh folder: exit 0 with the reference's files when its task
 * lines are the originals (verbatim), or exit 2 with one error line, no result and no finished task lost.
 */
async function resumeCase(argv: string[], text: string, verbatim: boolean, original: string[], files: string[], expected: string[]): Promise<string> {
  const out = join(root, `resume-${cases++}`);
  mkdirSync(out);
  writeFileSync(join(out, "checkpoint.jsonl"), text);
  const { code, stderr } = await cli([...argv, "--resume", "--out", out]);
  const where = `checkpoint ${JSON.stringify(text.slice(0, 400))}: exit ${code}: ${stderr}`;
  const left = readdirSync(out).sort();
  if (code === 0) {
    if (left.includes("checkpoint.jsonl")) throw new Error(`the checkpoint was left after a finished run: ${where}`);
    if (verbatim && read(out, files).some((t, i) => t !== expected[i])) throw new Error(`the results differ from the uninterrupted run's: ${where}`);
  } else {
    if (code !== 2) throw new Error(`exit ${code}: ${where}`);
    if (!/(^|\n)headtune: error: [^\n]+\n$/.test(stderr) || /\n\s+at /.test(stderr)) throw new Error(`not one error line: ${where}`);
    if (JSON.stringify(left) !== '["checkpoint.jsonl"]') throw new Error(`a refused resume left ${left.join(", ")}: ${where}`);
    // The refusal may rewrite the checkpoint (re-encoded), but loses no finished task it held.
    const kept = new Set(lines(join(out, "checkpoint.jsonl")));
    const held = text.split("\n").slice(0, -1).filter((l) => original.includes(l));
    if (held.some((l) => !kept.has(l))) throw new Error(`a refused resume lost a finished task of the checkpoint: ${where}`);
  }
  rmSync(out, { recursive: true, force: true });
  return code === 0 ? (verbatim ? "exit 0 (results identical)" : "exit 0 (a changed line accepted)") : "exit 2";
}

let cases = 0;

const world = fc.constantFrom<WorldName>("gaussian", "tokens");

describe("checkpoints", () => {
  fuzzSurface(
    "checkpoint",
    fc.record({ world, lc: linesCases(TASKS) }),
    async ({ world, lc }) => {
      const { a, b } = whole[world];
      const { text, verbatim } = applyLines(a.header, b.header, a.tasks, lc);
      const outcome = await resumeCase(["sweep", "--config", `${world}-a.json`, "--workers", "0", "--quiet"], text, verbatim, a.tasks, RESULT_FILES, reference[world]);
      return `${outcome}, ${world}`;
    },
    { seed: 25, sample: 100, caseLimitMs: 20_000 },
  );
});

describe("a simulated map's checkpoints", () => {
  fuzzSurface(
    "map-checkpoint",
    linesCases(MAP_TASKS),
    async (lc) => {
      // Another configuration's checkpoint: the sweep's of the same configuration (its header hashes no map).
      const { text, verbatim } = applyLines(mapWhole.header, whole.gaussian.a.header, mapWhole.tasks, lc);
      return resumeCase(MAP_ARGS, text, verbatim, mapWhole.tasks, ["map.csv"], mapReference);
    },
    { seed: 28, sample: 60, caseLimitMs: 20_000 },
  );
});

describe("shard folders", () => {
  const damage = fc.oneof(
    fc.constant({ kind: "none" as const }),
    linesCases(3).map((lc) => ({ kind: "records" as const, lc })),
    mutations(fc.constant({ config: TINY, map: { axis: "rho", values: [0.5], log: false } })).map((meta) => ({ kind: "config" as const, meta })),
    fc.nat().map((cut) => ({ kind: "cut-config" as const, cut })),
  );
  const cases$ = fc.record({
    world,
    // 0, 1: a's 0/2 and 1/2 (the complete pair); 2..4: a's 0/3..2/3; 5, 6: b's 0/2, 1/2.
    pick: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom<number[]>([0, 1], [2, 3, 4], [1, 0], [4, 2, 3]) },
      { weight: 3, arbitrary: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 }) },
    ),
    damaged: fc.nat(),
    damage,
  });
  fuzzSurface(
    "shards",
    cases$,
    async ({ world, pick, damaged, damage }) => {
      const dir = join(root, `merge-${cases++}`);
      mkdirSync(dir);
      const dirs = pick.map((i) => shardDirs[world][i]!);
      let verbatim = true;
      if (damage.kind !== "none") {
        const which = damaged % dirs.length;
        const copy = join(dir, `shard-${which}`);
        cpSync(dirs[which]!, copy, { recursive: true });
        dirs[which] = copy;
        if (damage.kind === "records") {
          const [head, ...tasks] = lines(join(copy, "records.jsonl"));
          const own = JSON.parse(head!) as Record<string, unknown>;
          const r = applyLines(own, { ...own, configHash: whole[world].b.header.configHash }, tasks, { ...damage.lc, order: damage.lc.order.filter((i) => i < tasks.length) });
          writeFileSync(join(copy, "records.jsonl"), r.text);
          verbatim = r.verbatim;
        } else {
          const text = readFileSync(join(copy, "config.json"), "utf8");
          writeFileSync(join(copy, "config.json"), damage.kind === "config" ? jsonText(damage.meta) : text.slice(0, damage.cut % text.length));
          verbatim = false;
        }
      }
      const out = join(dir, "out");
      const { code, stderr } = await cli(["merge", ...dirs, "--out", out, "--quiet"]);
      const where = `merge of ${JSON.stringify(pick)} (${damage.kind}): exit ${code}: ${stderr}`;
      const sorted = JSON.stringify([...pick].sort());
      // a's 0/2 and 1/2, a's three shards, or b's two (b's results are not the reference: not compared).
      const complete = sorted === "[0,1]" || sorted === "[2,3,4]" || sorted === "[5,6]";
      const ofA = sorted !== "[5,6]";
      if (code === 0) {
        if (!complete) throw new Error(`merged shards that are not one complete set: ${where}`);
        if (verbatim && ofA && read(out).some((t, i) => t !== reference[world][i])) throw new Error(`the merged results differ from one run's: ${where}`);
      } else {
        if (code !== 2 && code !== 6) throw new Error(`exit ${code}: ${where}`);
        if (!/(^|\n)headtune: error: [^\n]+\n$/.test(stderr) || /\n\s+at /.test(stderr)) throw new Error(`not one error line: ${where}`);
        if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`a refused merge left ${readdirSync(out).join(", ")}: ${where}`);
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return `exit ${code}, ${world}`;
      return `${!verbatim ? "exit 0 (a changed file accepted)" : ofA ? "exit 0 (results identical)" : "exit 0 (b's complete set)"}, ${world}`;
    },
    { seed: 26, sample: 100, caseLimitMs: 20_000 },
  );
});
