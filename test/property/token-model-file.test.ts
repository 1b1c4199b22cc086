/**
 * Fuzzing token model files (headtune theory/fit --model for world "tokens"): each text is read by the
 * command line in this process; when accepted, the theory's numbers and a fitted head's risks are checked
 * against the invariants, otherwise the command must exit 2, 3 or 4 with one error line. A file whose S_alpha
 * and sample would take longer than some milliseconds is only read (tokenModelFromJson): it must be accepted
 * or refused there with a documented error.
 */
import fc from "fast-check";
import { describe } from "vitest";
import { main } from "../../src/cli/main.js";
import { filterStep } from "../../src/context-length.js";
import { EXACT_ENUMERATION_LIMIT, tokenModelFromJson } from "../../src/index.js";
import { tokenModelCases } from "./generators/token-model.js";
import { expectFinite, fuzzSurface, outcomeOf, RUN_WORK } from "./harness.js";

/** main() on argv with the file as t.json: exit code, stdout and stderr. */
async function cli(argv: string[], text: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    io: { stdout: (t) => void (stdout += t), readFile: () => text },
    stderr: { write: (t: string) => void (stderr += t) },
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

function nonNegative(what: string, v: number): void {
  expectFinite(what, v);
  if (!(v >= 0)) throw new Error(`${what} = ${v} < 0`);
}

describe("token model files", () => {
  fuzzSurface(
    "token-model-file",
    fc.record({ text: tokenModelCases, n: fc.integer({ min: 1, max: 14 }), seed: fc.nat() }),
    async ({ text, n, seed }) => {
      let work = 0;
      let p = 0;
      const read = await outcomeOf(() => {
        const { world, rep, mPop } = tokenModelFromJson(text, "t.json");
        p = rep.p;
        const { H, V, T } = world.spec;
        const sAlpha = V ** T <= EXACT_ENUMERATION_LIMIT ? V ** T * 2 * H * H : T * filterStep(mPop, H).work;
        work = sAlpha + T * filterStep(n, H).work + n * rep.p * rep.p;
      });
      if (read !== "ok") return read;
      if (work > RUN_WORK) return "ok (read only: too long to run here)";
      const theory = await cli(["theory", "--model", "t.json", "--n", String(n), "--json"], text);
      const fit = await cli(["fit", "--model", "t.json", "--n", String(n), "--seed", String(seed), "--json"], text);
      for (const [what, run] of [["theory", theory], ["fit", fit]] as const) {
        if (run.code === 0) continue;
        if (![2, 3, 4].includes(run.code)) throw new Error(`${what}: exit ${run.code}: ${run.stderr}`);
        if (!/^headtune: error: [^\n]+\n$/.test(run.stderr)) throw new Error(`${what}: not one error line: ${JSON.stringify(run.stderr)}`);
      }
      if (theory.code === 0) {
        const t = JSON.parse(theory.stdout) as Record<string, number | null> & { infinite: string[] };
        // JSON writes Infinity as null; "infinite" names those parts, only at the interpolation peak (rank(Sx) = n needs p >= n).
        if (t.infinite.length > 0 && (p < n || t.infinite.some((key) => t[key] !== null))) throw new Error(`theory ${t.infinite.join(", ")} infinite at p = ${p}, n = ${n}`);
        const part = (key: string) => (t.infinite.includes(key) ? Infinity : t[key]!);
        for (const key of ["noise", "bias"]) nonNegative(`theory ${key}`, part(key));
        if (!(part("variance") >= 0) || !(part("excess") >= 0)) throw new Error(`theory variance ${t.variance}, excess ${t.excess}`);
        if (!(part("risk") >= part("noise"))) throw new Error(`theory risk ${t.risk} below the noise ${t.noise}`);
      }
      if (fit.code === 0) {
        const f = JSON.parse(fit.stdout) as Record<string, number>;
        for (const key of ["oracleRisk", "excess", "biasX", "varX"]) nonNegative(`fit ${key}`, f[key]!);
        if (!(f.oracleRisk! >= f.excess!)) throw new Error(`oracle risk ${f.oracleRisk} below its excess ${f.excess}`);
      }
      return `theory exit ${theory.code}, fit exit ${fit.code}`;
    },
    { seed: 27, sample: 200, caseLimitMs: 5_000 },
  );
});
