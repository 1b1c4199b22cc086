/**
 * headtune model: draw the pre-trained model of a size as a sweep does, and print it (JSON with --json).
 */
import { modelWarnings } from "../../hmm/model.js";
import { modelToJson } from "../../hmm/model-file.js";
import type { CliIo } from "../io.js";
import { ArgumentError } from "../../errors.js";
import { tokenModelToJson } from "../../tokens/model-file.js";
import { DRAW_HELP, DRAW_OPTIONS, drawModelFromFlags, numberFlag, parseFlags } from "./model-args.js";
import { tokenModelFromConfig } from "./token-model.js";

const MODEL_HELP = `headtune model --p P [model flags | --config FILE] [--json]
Draws the model (A, W, V) of size P exactly as a sweep with the same settings does, and prints it:
with --json as {"d","p","k","T","rho","sEps","sU","sY","A","W","V"} (matrices as arrays of rows; the
file format of --model), otherwise a summary, with a warning when rho >= 1 (the hidden chain does not settle).
  --config FILE     a token-world sweep configuration ("world": "tokens", over its preset): prints the token
                    model of size P that sweep draws, as {"world": "tokens","H","V","T","k","p","sU","sY","P","E",
                    "pi","Vlab","W","mPop","seed","key"} (mPop, seed and key say where S_alpha comes from)
${DRAW_HELP}`;

/**
 * Runs `headtune model`.
 * @param argv the arguments after "model"
 * @param io output and file access
 * @returns exit code 0
 * @throws {ArgumentError} an unknown or invalid flag, or --p missing.
 * @example await run(["--preset", "paper", "--p", "40", "--json"], processIo);
 */
export async function run(argv: string[], io: Pick<CliIo, "stdout" | "readFile">): Promise<number> {
  const values = parseFlags("model", argv, { ...DRAW_OPTIONS, config: { type: "string" } });
  if (values.help === true) {
    io.stdout(`${MODEL_HELP}\n`);
    return 0;
  }
  if (values.config !== undefined) {
    if (values.p === undefined) throw new ArgumentError("--p is required (the model size).", { name: "p" });
    const m = tokenModelFromConfig(values, io, numberFlag(values, "p", 0, true, 1));
    const { H, V, T, k, sY } = m.world.spec;
    io.stdout(
      values.json === true
        ? `${tokenModelToJson(m)}\n`
        : `token model: H = ${H}, V = ${V}, T = ${T}, k = ${k}, p = ${m.rep.p}, sU = ${m.rep.sU}, sY = ${sY} (P ${H} x ${H}, E ${H} x ${V}, V_lab ${H} x ${k}, W ${H} x ${m.rep.p}; --json prints them)\n`,
    );
    return 0;
  }
  const model = drawModelFromFlags(values);
  if (values.json === true) {
    io.stdout(`${modelToJson(model)}\n`);
  } else {
    const { d, p, k, T, rho, sEps, sU, sY } = model;
    io.stdout(
      `model: d = ${d}, p = ${p}, k = ${k}, T = ${T}, rho = ${rho}, sEps = ${sEps}, sU = ${sU}, sY = ${sY}` +
        ` (A ${d} x ${d}, W ${d} x ${p}, V ${d} x ${k}; --json prints the matrices)\n` +
        modelWarnings(model).map((w) => `warning: ${w}\n`).join(""),
    );
  }
  return 0;
}
