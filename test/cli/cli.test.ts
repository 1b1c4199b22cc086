/** The built CLI (dist/cli.js) run as a user runs it: exit codes, one-line errors, result files, shards. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KERNEL_NAMES } from "../../src/wasm/kernels.js";
import { requireBundles } from "../sweep/bundles.js";
import { expectUserError, readResults, startCli, writeJson as writeJsonIn, type Run } from "./headtune.js";

const root = mkdtempSync(join(tmpdir(), "headtune-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(requireBundles);

function headtune(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return startCli(root, args, undefined, env).finished;
}

function writeJson(name: string, value: unknown): string {
  return writeJsonIn(root, name, value);
}

function results(dir: string): string[] {
  return readResults(join(root, dir));
}

describe("headtune: help, version and user errors", () => {
  it("prints the version, the commands, the exit codes and each command's options", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect((await headtune(["--version"])).stdout).toBe(`${pkg.version}\n`);
    const help = await headtune(["--help"]);
    expect(help.code).toBe(0);
    for (const word of ["sweep", "merge", "model", "theory", "fit", "Exit codes", "130"]) expect(help.stdout).toContain(word);
    for (const command of ["sweep", "merge", "model", "theory", "fit"]) {
      const run = await headtune([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`headtune ${command}`);
    }
  });

  it.each([
    ["an unknown option", ["sweep", "--bogus"], /Unknown option '--bogus'\. Run "headtune sweep --help" for the options\./],
    ["an option without its value", ["sweep", "--out"], /Option '--out <value>' argument missing/],
    ["an unknown preset", ["sweep", "--preset", "papr"], /unknown preset "papr"\. Presets: paper, features, quick, paper-large, tokens, tokens-posterior\./],
    ["a malformed worker count", ["sweep", "--workers", "two"], /--workers must be an integer >= 0\. Value: "two"\./],
    ["a malformed shard", ["sweep", "--shard", "3/3"], /--shard must be I\/N with 0 <= I < N/],
    ["an unknown command", ["swep"], /unknown command "swep"\. Commands: sweep, map, merge, model, theory, fit/],
    ["merge without folders", ["merge"], /merge needs the shard folders/],
  ])("%s: one line, exit 2", async (_what, args, pattern) => {
    expectUserError(await headtune(args), 2, pattern);
  });

  it("a config file with an unknown field or a wrong type: one line naming the field and value, exit 2", async () => {
    const unknown = writeJson("unknown.json", { preset: "quick", replicats: 3 });
    expectUserError(await headtune(["sweep", "--config", unknown]), 2, /config file .*unknown\.json: field "replicats" is not a known field\. Value: 3\./);
    const wrongType = writeJson("type.json", { preset: "quick", n: "40" });
    expectUserError(await headtune(["sweep", "--config", wrongType]), 2, /field "n" must be an integer >= 1\. Value: "40"\./);
    const nested = writeJson("nested.json", { heads: [{ kind: "ridge", lambda: -1 }] });
    expectUserError(await headtune(["sweep", "--config", nested]), 2, /field "heads\[0\]\.lambda" must be a number > 0\. Value: -1\./);
    const broken = join(root, "broken.json");
    writeFileSync(broken, "{ n: 3 }");
    expectUserError(await headtune(["sweep", "--config", broken]), 2, /broken\.json is not valid JSON/);
  });

  it("a missing config file: one line, exit 6", async () => {
    expectUserError(await headtune(["sweep", "--config", "nowhere.json"]), 6, /ENOENT.*nowhere\.json/);
  });
});

describe("headtune sweep and merge: the same files however the work is split", () => {
  let single: string[];

  beforeAll(async () => {
    const run = await headtune(["sweep", "--preset", "quick", "--workers", "1", "--out", "w1"]);
    expect(run.code).toBe(0);
    single = results("w1");
  });

  it("writes the results folder, then prints the table and the verdict", async () => {
    expect(readdirSync(join(root, "w1")).sort()).toEqual(["config.json", "plot-linear.svg", "plot.svg", "replicates.csv", "summary.csv"]);
    const meta = JSON.parse(readFileSync(join(root, "w1", "config.json"), "utf8"));
    expect(meta).toMatchObject({ workers: 1, tasks: 50, resumedTasks: 0, sizes: [4, 10, 20, 30, 36, 44, 50, 60, 80, 120], config: { preset: "quick" } });
    for (const key of ["headtune", "node", "platform", "cpus", "elapsedSeconds", "configHash"]) expect(meta).toHaveProperty(key);
    // A header, a line per (task, head), and the final newline.
    expect(single[0]!.split("\n")).toHaveLength(1 + 50 * 2 + 1);
  });

  it.each([2, 4])("with %i workers: bit-identical replicates.csv, summary.csv and plot.svg", async (workers) => {
    const run = await headtune(["sweep", "--preset", "quick", "--workers", String(workers), "--out", `w${workers}`, "--quiet"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/min-norm head/);
    expect(results(`w${workers}`)).toEqual(single);
  });

  it.each(KERNEL_NAMES)("with the product kernel forced to %s (HEADTUNE_KERNEL): bit-identical files", async (kernel) => {
    const run = await headtune(["sweep", "--preset", "quick", "--workers", "1", "--out", `kernel-${kernel}`, "--quiet"], { HEADTUNE_KERNEL: kernel });
    expect(run.code).toBe(0);
    expect(results(`kernel-${kernel}`)).toEqual(single);
  });

  it("an unknown HEADTUNE_KERNEL: one line naming the kernels, exit 2", async () => {
    expectUserError(
      await headtune(["sweep", "--preset", "quick", "--out", "kernel-bad"], { HEADTUNE_KERNEL: "9x9" }),
      2,
      /HEADTUNE_KERNEL must be "auto" or one of "2x8", "2x8-small", "2x6", "4x4", "4x4-swap"\. Value: "9x9"\./,
    );
  });

  it("over 3 shards merged: bit-identical files; a missing or repeated shard is refused", async () => {
    for (const i of [0, 1, 2]) {
      const run = await headtune(["sweep", "--preset", "quick", "--shard", `${i}/3`, "--workers", "1"]);
      expect(run.code).toBe(0);
      expect(readdirSync(join(root, "results", "quick-1", `shard-${i}-of-3`)).sort()).toEqual(["config.json", "records.jsonl"]);
    }
    const shards = ["0", "1", "2"].map((i) => `results/quick-1/shard-${i}-of-3`);
    expectUserError(await headtune(["merge", shards[0]!, shards[2]!]), 2, /shard 1\/3 missing: merge needs all 3/);
    expectUserError(await headtune(["merge", shards[0]!, shards[0]!, shards[1]!]), 2, /shard-0-of-3 and .*shard-0-of-3 are the same shard 0\/3/);
    const merged = await headtune(["merge", shards[2]!, shards[0]!, shards[1]!]);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain("in results/quick-1\n");
    expect(results("results/quick-1")).toEqual(single);
  });

  it("names the default results folder after the config file and the seed", async () => {
    const tiny = writeJson("tiny.json", { preset: "quick", seed: 7, replicates: 1, grid: { p: [4, 8] } });
    const run = await headtune(["sweep", "--config", tiny, "--workers", "1"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("-> results/tiny-7\n");
    expect(readdirSync(join(root, "results", "tiny-7")).sort()).toEqual(["config.json", "plot-linear.svg", "plot.svg", "replicates.csv", "summary.csv"]);
  });

  it("warns on stderr when rho >= 1: the chain does not settle, the results hold for this T", async () => {
    const unsettled = writeJson("unsettled.json", { preset: "quick", rho: 1.1, replicates: 1, grid: { p: [4, 8] } });
    const run = await headtune(["sweep", "--config", unsettled, "--workers", "0", "--quiet"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^headtune: warning: rho = 1\.1 > 1: the hidden chain .* does not settle .* exact for T = 5 but grow with T\.$/m);
  });

  it("refuses to merge shards of different configurations", async () => {
    const run = await headtune(["sweep", "--preset", "quick", "--seed", "2", "--shard", "1/3", "--workers", "1", "--out", "other/1"]);
    expect(run.code).toBe(0);
    const shard = (i: number) => `results/quick-1/shard-${i}-of-3`;
    expectUserError(await headtune(["merge", shard(0), "other/1", shard(2)]), 2, /merge needs --out DIR/);
    expectUserError(await headtune(["merge", shard(0), "other/1", shard(2), "--out", "m"]), 2, /other\/1 is a shard of another configuration than results\/quick-1\/shard-0-of-3/);
  });
});
