/**
 * Flags shared by the model, theory and fit commands: where the model comes from (a JSON file, or drawn
 * from a preset with overrides) and how numbers are read. Flags are parsed by args.ts (node:util parseArgs);
 * any parse error or bad value becomes a UsageError whose message the dispatcher prints as one line.
 */
import type { ParseArgsConfig } from "node:util";
import { ArgumentError } from "../../errors.js";
import { A_KINDS, SCALINGS, type AKind, type Scaling } from "../../hmm/config.js";
import { drawModel, type Model } from "../../hmm/model.js";
import { modelFromJson } from "../../hmm/model-file.js";
import { MODEL_PRESET_NAMES, MODEL_PRESETS, type ModelPreset, type ModelPresetName } from "../../hmm/presets.js";
import { modelSpecOf } from "../../experiment/settings.js";
import { RandomStream } from "../../rng/stream.js";
import { numberFlag as parseNumberFlag, parseFlags as parseCommandFlags } from "../args.js";
import type { CliIo } from "../io.js";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Flags that draw a model (a preset and overrides of its fields, the size, the seed, the replicate), and --json, --help. */
export const DRAW_OPTIONS = {
  preset: { type: "string" },
  p: { type: "string" },
  d: { type: "string" },
  T: { type: "string" },
  rho: { type: "string" },
  "s-eps": { type: "string" },
  "s-u": { type: "string" },
  "s-y": { type: "string" },
  "a-kind": { type: "string" },
  scaling: { type: "string" },
  seed: { type: "string" },
  replicate: { type: "string" },
  "redraw-model": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsOptionsConfig;

/** Help text for DRAW_OPTIONS. */
export const DRAW_HELP = `Model flags (defaults from --preset):
  --preset NAME     ${MODEL_PRESET_NAMES.join(" | ")} (default paper: width scaling d = p, T = 5, rho = 0.9,
                    s-eps = 0.5, s-u = 1, s-y = 0, orthogonal A; features: d = 20 fixed)
  --p P             model size (required)
  --d D             hidden dimension under features scaling
  --T T  --rho R  --s-eps S  --s-u S  --s-y S  --a-kind ${A_KINDS.join("|")}  --scaling ${SCALINGS.join("|")}
  --seed S          seed (default 1)
  --replicate R     replicate index (default 0). The model of size p is the sweep's pre-trained model,
                    drawn from stream (seed, p, 0) whatever R is; with --redraw-model (a sweep with
                    fixedModel = false) it is replicate R's own model, drawn from stream (seed, p, R + 1).
  --redraw-model    draw replicate R's model instead of the fixed one`;

export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * The flags of argv under the given options (no positional arguments).
 * @param command the command's name, for the pointer to its --help
 * @throws {UsageError} an unknown flag, a missing value, or a positional argument.
 */
export function parseFlags(command: string, argv: string[], options: ParseArgsOptionsConfig): FlagValues {
  return parseCommandFlags(command, argv, options).values as FlagValues;
}

/**
 * The number given as --name (integer >= min, or any number >= min), or fallback when absent.
 * @throws {UsageError} the value is anything else, in the message form of every numeric flag (args.ts numberFlag).
 */
export function numberFlag(values: FlagValues, name: string, fallback: number, integer: boolean, min: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  return parseNumberFlag(name, String(raw), { integer, min });
}

/**
 * The value of --name if it is one of choices, or fallback when absent.
 * @throws {ArgumentError} the value is not one of choices.
 */
export function choiceFlag<T extends string>(values: FlagValues, name: string, choices: readonly T[], fallback: T): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) {
    throw new ArgumentError(`--${name} must be one of ${choices.join(", ")}. Value: ${String(raw)}.`, { name, value: raw });
  }
  return raw as T;
}

/** The preset chosen by --preset, with the overrides of the other model flags. */
function presetFromFlags(values: FlagValues): ModelPreset {
  const base = MODEL_PRESETS[choiceFlag<ModelPresetName>(values, "preset", MODEL_PRESET_NAMES, "paper")];
  return {
    scaling: choiceFlag<Scaling>(values, "scaling", SCALINGS, base.scaling),
    d: numberFlag(values, "d", base.d, true, 1),
    n: base.n,
    T: numberFlag(values, "T", base.T, true, 1),
    rho: numberFlag(values, "rho", base.rho, false, 0),
    sEps: numberFlag(values, "s-eps", base.sEps, false, 0),
    sU: numberFlag(values, "s-u", base.sU, false, 0),
    sY: numberFlag(values, "s-y", base.sY, false, 0),
    aKind: choiceFlag<AKind>(values, "a-kind", A_KINDS, base.aKind),
  };
}

/**
 * The model the flags name: drawn from the preset of size --p from stream (seed, p, 0), or, with
 * --redraw-model, from stream (seed, p, replicate + 1).
 * @throws {ArgumentError} --p is missing or a flag is invalid.
 */
export function drawModelFromFlags(values: FlagValues): Model {
  if (values.p === undefined) throw new ArgumentError("--p is required (the model size).", { name: "p" });
  const p = numberFlag(values, "p", 0, true, 1);
  const seed = numberFlag(values, "seed", 1, true, 0);
  const replicate = numberFlag(values, "replicate", 0, true, 0);
  const stream = new RandomStream(seed, p, values["redraw-model"] === true ? replicate + 1 : 0);
  return drawModel(modelSpecOf(presetFromFlags(values), p), stream);
}

/** The flags that define the drawn model (not allowed with --model). */
const MODEL_DEFINING = ["preset", "p", "d", "T", "rho", "s-eps", "s-u", "s-y", "a-kind", "scaling", "redraw-model"];

/**
 * The model of --model FILE (read through io), or drawn from the model flags when --model is absent.
 * @param values parsed flags
 * @param io file access
 * @param streamFlags the command samples: --seed and --replicate pick its stream, also with --model
 * @throws {ArgumentError} the file is invalid (the message names the field), a flag is invalid, or a flag
 *   that would define the model is combined with --model.
 */
export function loadModel(values: FlagValues, io: CliIo, streamFlags: boolean): Model {
  const file = values.model;
  if (typeof file !== "string") return drawModelFromFlags(values);
  const conflicting = streamFlags ? MODEL_DEFINING : [...MODEL_DEFINING, "seed", "replicate"];
  const name = conflicting.find((f) => values[f] !== undefined);
  if (name !== undefined) {
    throw new ArgumentError(`--${name} cannot be combined with --model (the file defines the model).`, { name });
  }
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    throw new ArgumentError(`--model ${file} cannot be read: ${(err as Error).message}`, { name: "model", value: file });
  }
  return modelFromJson(text, file);
}

/** A number for a table: 6 significant digits (Infinity and NaN as such). */
export function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}
