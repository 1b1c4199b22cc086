/** headtune map: a theory map over g = p / n and a second setting; CSV, heatmap SVG and a verdict. */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { MAP_AXES, axisValues, type MapAxis } from "../map/axis.js";
import { mapVerdict } from "../map/best.js";
import { monteCarloMap } from "../map/monte-carlo-map.js";
import { mapCsv } from "../map/csv.js";
import { mapSvg } from "../map/svg.js";
import { theoryMap } from "../map/theory-map.js";
import { numberFlag, parseFlags } from "./args.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { formatDuration } from "./progress.js";
import { configFromFlags, RUN_FLAGS } from "./sweep.js";
import { UsageError } from "./usage-error.js";

const MAP_HELP = `Usage: headtune map --axis NAME --from A --to B [options] [--replicates R]

The theory of each head (min-norm, ridge at its lambda, ridge-opt at the best lambda; ridge-gcv needs a
sample and is left out) on a grid of model sizes g = p / n (the configuration's grid) times STEPS values of
a second setting. Writes map.csv (one line per head, value and size: risks per output and in total, the
lambda used), map.svg (heatmap of the risk per output per head, g = 1 dashed, the best size per value as
white dots) and config.json to the results folder; prints the verdict: where the best size sits, and over
which values the first descent is degenerate (the best size is the smallest).

Options:
  --axis NAME       ${MAP_AXES.join(", ")} (alpha: the linear scaling d = round(alpha p) + d0, d0 = the
                    configuration's d; lambda: every fixed-lambda ridge head's penalty)
  --from A --to B   the range of the second setting
  --steps S         its number of values (default 11)
  --log             space the values geometrically
  --preset NAME     base configuration (paper, features, quick; default paper)
  --config FILE     a JSON object overriding configuration fields, as for headtune sweep
  --seed N          random seed of the models
  --replicates R    also simulate: a sweep of R replicates per value (the heads' cells "<head> (simulation)"
                    beside the theory's: mean oracle risk); in the worker pool, Ctrl-C stops it (exit 130)
  --workers N       worker threads of the simulation (default: one per core)
  --out DIR         results folder (default results/map-<axis>-<seed>)
  --quiet           no progress lines
  -h, --help        this text
`;

const FLAGS = {
  axis: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  steps: { type: "string" },
  log: { type: "boolean" },
  ...RUN_FLAGS,
} as const;

/** A finite number flag; required. */
function requiredNumber(flag: string, text: string | undefined): number {
  const v = text === undefined || text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(v)) throw new UsageError(`--${flag} must be a number. Value: ${text === undefined ? "missing" : `"${text}"`}.`, { name: flag, value: text });
  return v;
}

/**
 * Runs `headtune map`.
 * @returns the exit code 0
 * @throws UsageError, ConfigError for a bad command line or configuration; the theory's errors
 */
export async function mapCommand(argv: string[], { io, stderr, signal }: CommandContext): Promise<number> {
  const { values } = parseFlags("map", argv, FLAGS);
  if (values.help) {
    io.stdout(MAP_HELP);
    return EXIT.OK;
  }
  if (!MAP_AXES.includes(values.axis as MapAxis)) {
    throw new UsageError(`--axis must be one of ${MAP_AXES.join(", ")}. Value: ${values.axis === undefined ? "missing" : `"${values.axis}"`}.`, { name: "axis", value: values.axis });
  }
  const axis = values.axis as MapAxis;
  const steps = values.steps !== undefined ? numberFlag("steps", values.steps, { integer: true, min: 1 }) : 11;
  const axisVals = axisValues(requiredNumber("from", values.from), requiredNumber("to", values.to), steps, values.log === true);
  const config = configFromFlags(values, io.readFile);
  const out = values.out ?? join("results", `map-${axis}-${config.seed}`);
  const started = performance.now();
  let lastShown = 0;
  const cells = theoryMap(config, axis, axisVals, (done, total) => {
    const now = performance.now();
    if (!values.quiet && (now - lastShown > 2000 || done === total)) {
      lastShown = now;
      stderr.write(`headtune map: ${done} of ${total} cells\n`);
    }
  });
  if (values.replicates !== undefined) {
    const workers = values.workers !== undefined ? numberFlag("workers", values.workers, { integer: true, min: 0 }) : undefined;
    const simulated = await monteCarloMap(config, axis, axisVals, {
      workers,
      signal,
      onValue: (done, total) => {
        if (!values.quiet) stderr.write(`headtune map: simulated ${done} of ${total} values\n`);
      },
    });
    cells.push(...simulated);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  const files = ["map.csv", "map.svg", "config.json"];
  writeFileAtomic(join(out, "map.csv"), mapCsv(cells, axis));
  writeFileAtomic(join(out, "map.svg"), mapSvg(cells, axis, values.log === true));
  const meta = { ...config, map: { axis, values: axisVals, log: values.log === true }, elapsedSeconds };
  writeFileAtomic(join(out, "config.json"), `${JSON.stringify(meta, null, 2)}\n`);
  io.stdout(`${mapVerdict(cells, axis)}\n`);
  stderr.write(`headtune: map done in ${formatDuration(elapsedSeconds)}: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}
