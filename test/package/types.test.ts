// The published type declarations: emitted by the build's declaration step (scripts/tsconfig.types.json)
// into a private folder, installed beside a consumer as node_modules/headtune with this package.json, and
// resolved through its "exports" the way a TypeScript project that embeds headtune resolves them.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules", ".bin", "tsc");

const CONSUMER = `
import { ArgumentError, presetConfig, runSweep, symmetricEigen, fromRows, type SweepResult } from "headtune";
import { HeadtuneSweep, type ProgressDetail } from "headtune/elements";
const result: Promise<SweepResult> = runSweep(presetConfig("quick"), { workers: 1 });
const values: Float64Array = symmetricEigen(fromRows([[2, 1], [1, 2]])).values;
const error: Error = new ArgumentError("n must be positive.", { name: "n" });
const sweep: HeadtuneSweep = document.createElement("headtune-sweep");
const done: Promise<SweepResult> = sweep.run();
const onProgress = (detail: ProgressDetail): number => detail.done / detail.total;
export { result, values, error, done, onProgress };
`;

let consumer = "";

/** Runs tsc on the consumer folder; returns its exit status and output. */
function typecheck(module: string, moduleResolution: string, source: string): { status: number | null; output: string } {
  writeFileSync(join(consumer, "consumer.ts"), source);
  const config = { compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: "ES2022", lib: ["ES2022", "DOM"], types: [] }, files: ["consumer.ts"] };
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify(config));
  const run = spawnSync(tsc, ["-p", consumer], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("type declarations", () => {
  beforeAll(() => {
    const artifacts = join(root, "test-artifacts");
    mkdirSync(artifacts, { recursive: true });
    consumer = mkdtempSync(join(artifacts, "consumer-"));
    const pkg = join(consumer, "node_modules", "headtune");
    const emit = spawnSync(tsc, ["-p", join(root, "scripts", "tsconfig.types.json"), "--outDir", join(pkg, "dist", "types")], { encoding: "utf8" });
    expect(emit.status, emit.stdout + emit.stderr).toBe(0);
    cpSync(join(root, "package.json"), join(pkg, "package.json"));
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ type: "module" }));
    // The declarations name comlink's Endpoint type: a consumer has it as headtune's dependency.
    cpSync(join(root, "node_modules", "comlink"), join(consumer, "node_modules", "comlink"), { recursive: true });
  }, 60_000);

  it.each([
    ["ESNext", "Bundler"],
    ["Node16", "Node16"],
  ])("type the public API for an ES module consumer with module %s, moduleResolution %s", (module, resolution) => {
    const { status, output } = typecheck(module, resolution, CONSUMER);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("are real types, not any: a misuse fails to compile", () => {
    const { status, output } = typecheck("ESNext", "Bundler", `import { presetConfig } from "headtune";\nconst n: number = presetConfig("quick");\n`);
    expect(status).not.toBe(0);
    expect(output).toMatch(/TS2322/);
  });
});
