/** Command-line options of the benchmark runner (bench/run.ts). */
import { parseArgs } from "node:util";

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  /** Suite names to run; all when empty. */
  only: string[];
  budget: number;
  maxReps: number;
  /** A JS peer whose call is predicted to take longer than this (seconds) is skipped. */
  maxPeerSeconds: number;
}

export const USAGE = `Usage: npm run -s bench -- [--quick] [--only gram,dgemm,cholesky,eigen,normals,headfit,task,forward,ceiling,sweep,
  replicate,explorer,paper-large,finite] [--json] [--budget SECONDS (0.3)] [--max-reps N (1000)] [--max-peer-seconds SECONDS (10)]
  --quick  small sizes only (a smoke test); --json  the same report as JSON on stdout (-s keeps npm's
  banner off stdout); paper-large (the whole preset, about half an hour on 2 cores) and finite (the finite-n
  theory's z tables: paper, features, features at 100 replicates; a minute or two) run only when named in
  --only; or, once built (npm run build), node bench/main.mjs [options]`;

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`--${name} must be a positive number. Value: ${text}.`);
  return value;
}

/** Parses argv (without node and script); throws an Error with a message for the user on a bad option. */
export function parseBenchArgs(argv: string[], suites: readonly string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      only: { type: "string", default: "" },
      budget: { type: "string", default: "0.3" },
      "max-reps": { type: "string", default: "1000" },
      "max-peer-seconds": { type: "string", default: "10" },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  const only = values.only.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const unknown = only.filter((s) => !suites.includes(s));
  if (unknown.length > 0) throw new Error(`--only names unknown suites: ${unknown.join(", ")}. Known: ${suites.join(", ")}.`);
  const maxReps = positive("max-reps", values["max-reps"]);
  if (!Number.isInteger(maxReps)) throw new Error(`--max-reps must be a positive integer. Value: ${values["max-reps"]}.`);
  return {
    quick: values.quick,
    json: values.json,
    only,
    budget: positive("budget", values.budget),
    maxReps,
    maxPeerSeconds: positive("max-peer-seconds", values["max-peer-seconds"]),
  };
}
