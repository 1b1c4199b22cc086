/**
 * Fuzzing the folders the CLI reads back: a sweep's checkpoint (sweep --resume) and shard folders (merge),
 * damaged as test/property/generators/lines.ts says, or another configuration's, or their config.json
 * mutated. A run ends with exit 0 or 2 (6 for an unreadable file), never 70; when it accepts files whose task
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
const CONFIGS: Record<string, string> = { "a.json": JSON.stringify(TINY), "b.json": JSON.stringify({ ...TINY, seed: 2 }) };
const TASKS = 6;
const RESULT_FILES = ["replicates.csv", "summary.csv", "plot.svg", "plot-linear.svg"];

/** main() in this process with the two configurations as its files; exit code and stderr. */
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

const read = (dir: string) => RESULT_FILES.map((f) => readFileSync(join(dir, f), "utf8"));
const lines = (path: string) => readFileSync(path, "utf8").split("\n").slice(0, -1);

let reference: string[] = [];
/** Per configuration: the whole sweep's records as one shard (header and task lines); shard folders 0/2, 1/2, 0/3..2/3. */
const whole: Record<string, { header: Record<string, unknown>; tasks: string[] }> = {};
const shardDirs: string[] = [];

beforeAll(async () => {
  await ok(["sweep", "--config", "a.json", "--workers", "0", "--quiet", "--out", join(root, "reference")]);
  reference = read(join(root, "reference"));
  for (const name of ["a", "b"]) {
    const out = join(root, `${name}-whole`);
    await ok(["sweep", "--config", `${name}.json`, "--workers", "0", "--quiet", "--shard", "0/1", "--out", out]);
    const [head, ...tasks] = lines(join(out, "records.jsonl"));
    whole[name] = { header: { ...(JSON.parse(head!) as Record<string, unknown>), kind: "checkpoint", shard: null }, tasks };
  }
  for (const [name, shards] of [["a", [[0, 2], [1, 2], [0, 3], [1, 3], [2, 3]]], ["b", [[0, 2], [1, 2]]]] as const) {
    for (const [i, n] of shards) {
      const out = join(root, `${name}-shard-${i}-of-${n}`);
      await ok(["sweep", "--config", `${name}.json`, "--workers", "0", "--quiet", "--shard", `${i}/${n}`, "--out", out]);
      shardDirs.push(out);
    }
  }
}, 120_000);

let cases = 0;

describe("checkpoints", () => {
  fuzzSurface(
    "checkpoint",
    linesCases(TASKS),
    async (c) => {
      const out = join(root, `resume-${cases++}`);
      mkdirSync(out);
      const { text, verbatim } = applyLines(whole.a!.header, whole.b!.header, whole.a!.tasks, c);
      writeFileSync(join(out, "checkpoint.jsonl"), text);
      const { code, stderr } = await cli(["sweep", "--config", "a.json", "--workers", "0", "--quiet", "--resume", "--out", out]);
      const where = `checkpoint ${JSON.stringify(text.slice(0, 400))}: exit ${code}: ${stderr}`;
      const files = readdirSync(out).sort();
      if (code === 0) {
        if (files.includes("checkpoint.jsonl")) throw new Error(`the checkpoint was left after a finished run: ${where}`);
        const got = read(out);
        if (verbatim && got.some((t, i) => t !== reference[i])) throw new Error(`the results differ from the uninterrupted run's: ${where}`);
      } else {
        if (code !== 2) throw new Error(`exit ${code}: ${where}`);
        if (!/(^|\n)headtune: error: [^\n]+\n$/.test(stderr) || /\n\s+at /.test(stderr)) throw new Error(`not one error line: ${where}`);
        if (JSON.stringify(files) !== '["checkpoint.jsonl"]') throw new Error(`a refused resume left ${files.join(", ")}: ${where}`);
        // The refusal may rewrite the checkpoint (re-encoded), but loses no finished task it held.
        const kept = new Set(lines(join(out, "checkpoint.jsonl")));
        const held = text.split("\n").slice(0, -1).filter((l) => whole.a!.tasks.includes(l));
        if (held.some((l) => !kept.has(l))) throw new Error(`a refused resume lost a finished task of the checkpoint: ${where}`);
      }
      rmSync(out, { recursive: true, force: true });
      return code === 0 ? (verbatim ? "exit 0 (results identical)" : "exit 0 (a changed line accepted)") : "exit 2";
    },
    { seed: 25, sample: 100, caseLimitMs: 20_000 },
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
    async ({ pick, damaged, damage }) => {
      const dir = join(root, `merge-${cases++}`);
      mkdirSync(dir);
      const dirs = pick.map((i) => shardDirs[i]!);
      let verbatim = true;
      if (damage.kind !== "none") {
        const which = damaged % dirs.length;
        const copy = join(dir, `shard-${which}`);
        cpSync(dirs[which]!, copy, { recursive: true });
        dirs[which] = copy;
        if (damage.kind === "records") {
          const [head, ...tasks] = lines(join(copy, "records.jsonl"));
          const own = JSON.parse(head!) as Record<string, unknown>;
          const r = applyLines(own, { ...own, configHash: whole.b!.header.configHash }, tasks, { ...damage.lc, order: damage.lc.order.filter((i) => i < tasks.length) });
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
        if (verbatim && ofA && read(out).some((t, i) => t !== reference[i])) throw new Error(`the merged results differ from one run's: ${where}`);
      } else {
        if (code !== 2 && code !== 6) throw new Error(`exit ${code}: ${where}`);
        if (!/(^|\n)headtune: error: [^\n]+\n$/.test(stderr) || /\n\s+at /.test(stderr)) throw new Error(`not one error line: ${where}`);
        if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`a refused merge left ${readdirSync(out).join(", ")}: ${where}`);
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return `exit ${code}`;
      return !verbatim ? "exit 0 (a changed file accepted)" : ofA ? "exit 0 (results identical)" : "exit 0 (b's complete set)";
    },
    { seed: 26, sample: 100, caseLimitMs: 20_000 },
  );
});
