import { describe, expect, it } from "vitest";
import { run as runFit } from "../../src/cli/commands/fit.js";
import { run as runModel } from "../../src/cli/commands/model.js";
import { run as runTheory } from "../../src/cli/commands/theory.js";
import { ArgumentError } from "../../src/errors.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { composeConfig } from "../../src/sweep/config.js";
import { fakeIo } from "../edges/support.js";

const CONFIG = { preset: "tokens", H: 10, T: 5, n: 60, nTest: 0 };

/** The model file of size p that `headtune model --config` prints. */
async function modelFile(p: number): Promise<string> {
  const io = fakeIo({ "c.json": JSON.stringify(CONFIG) });
  expect(await runModel(["--config", "c.json", "--p", String(p), "--json"], io)).toBe(0);
  return io.out.join("");
}

describe("headtune model, theory and fit on a token model", () => {
  it.each([20, 90])("theory --model gives the sweep's theory at p = %i, and fit its replicate's risks", async (p) => {
    const text = await modelFile(p);
    const settings = composeConfig([{ source: "test", values: CONFIG }]);
    const ctx = prepareSize(settings, p);
    const theory = fakeIo({ "m.json": text });
    await runTheory(["--model", "m.json", "--n", "60", "--json"], theory);
    const t = JSON.parse(theory.out.join("")) as { risk: number; theory: string };
    expect(t.risk).toBe(ctx.theory.risk);
    expect(t.theory).toBe("gaussian-equivalent approximation");
    const fit = fakeIo({ "m.json": text });
    await runFit(["--model", "m.json", "--n", "60", "--replicate", "2", "--json"], fit);
    const f = JSON.parse(fit.out.join("")) as { oracleRisk: number; biasX: number };
    const [record] = runReplicate(settings, ctx, 2);
    // the same sample and population; the sweep's structured and the command's risks agree to rounding
    expect(Math.abs(f.oracleRisk - record!.oracleRisk)).toBeLessThanOrEqual(1e-12 * record!.oracleRisk);
  });

  it("refuses --config of a Gaussian world", async () => {
    const io = fakeIo({ "c.json": JSON.stringify({ preset: "quick" }) });
    await expect(runModel(["--config", "c.json", "--p", "5"], io)).rejects.toThrow(ArgumentError);
    await expect(runModel(["--config", "c.json", "--p", "5"], io)).rejects.toThrow(/must configure the token world/);
  });
});
