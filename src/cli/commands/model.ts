/**
 * headtune model: draw the pre-trained model of a size as a sweep does, and print it (JSON with --json).
 */
import { modelWarnings } from "../../hmm/model.js";
import { modelToJson } from "../../hmm/model-file.js";
import type { CliIo } from "../io.js";
import { DRAW_HELP, DRAW_OPTIONS, drawModelFromFlags, parseFlags } from "./model-args.js";

const MODEL_HELP = `headtune model --p P [model flags] [--json]
Draws the model (A, W, V) of size P exactly as a sweep with the same settings does, and prints it:
with --json as {"d","p","k","T","rho","sEps","sU","sY","A","W","V"} (matrices as arrays of rows; the
file format of --model), otherwise a summary, with a warning when rho >= 1 (the hidden chain does not settle).
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
  const values = parseFlags("model", argv, DRAW_OPTIONS);
  if (values.help === true) {
    io.stdout(`${MODEL_HELP}\n`);
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
