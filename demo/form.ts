/**
 * The settings form: its fields read into a SweepConfig and checked with the library's own validation
 * (parseSweepConfig once per field, on the preset (or, when the form's world is not the preset's, that world's
 * preset) with that one field replaced, so that every bad field gets its message at once; then parseSweepConfig
 * and resolveSizes on the whole), and filled from a configuration. The world control picks the Gaussian world's
 * fields or the token world's (SPEC 10). Texts that are not numbers reach the schema as typed, so its message
 * shows them ('must be a number. Value: "abc".'); an empty field is "missing".
 */
import { ArgumentError, ConfigError, HeadtuneError } from "../src/errors.js";
import type { HeadSpec, WorldName } from "../src/experiment/settings.js";
import { parseExact } from "../src/report/format.js";
import { resolveSizes, type Sizes } from "../src/sweep/grid.js";
import { presetConfig } from "../src/sweep/presets.js";
import { parseSweepConfig, type Grid, type SweepConfig } from "../src/sweep/schema.js";
import { assertInteger, assertPositiveNumber } from "../src/validate.js";
import { byId } from "./dom.js";
import { logSpaced } from "./grid.js";

/** What error messages call the form's values (as a configuration file is called by its name). */
export const SOURCE = "settings";
/** Page limits, beyond the configuration's own rules: more workers than this only adds start-up cost. */
export const MAX_WORKERS = 32;
const MAX_POINTS = 100;

/** Controls whose id is the SweepConfig field they hold. */
const NUMBER_FIELDS = ["d", "T", "rho", "sEps", "sU", "sY", "n", "nTest", "replicates", "seed"] as const;
const SELECT_FIELDS = ["scaling", "aKind", "sampler"] as const;
/** The token world's fields (SPEC 10), read when the world is "tokens"; mPop may be empty (its default, 50 H). */
const TOKEN_FIELDS = ["H", "V", "k", "aTr", "beta", "mPop"] as const;
/** Every control that holds a configuration field. */
const FIELD_CONTROLS: readonly string[] = [...NUMBER_FIELDS, ...SELECT_FIELDS, ...TOKEN_FIELDS, "world", "fixedModel"];
/**
 * A valid configuration of each world, on which a field is checked alone when the preset is of the other world
 * (the token presets carry the Gaussian fields, which that world ignores).
 */
const WORLD_BASES: Record<WorldName, string> = { gaussian: "paper", tokens: "tokens" };

export interface FormState {
  /** The checked configuration, when every field is valid. */
  config?: SweepConfig;
  workers?: number;
  /** The model sizes the grid gives (with the ratios dropped), when the configuration is valid. */
  sizes?: Sizes;
  /** Messages by the id of the control (or fieldset: "grid", "heads"; or "form") they belong to. */
  errors: Map<string, string>;
}

const input = (id: string) => byId<HTMLInputElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);

/**
 * A field's text as the value it stands for: undefined when empty, a number when it reads as one, else the text.
 * @param id the input's id
 */
export function valueOf(id: string): unknown {
  const text = input(id).value.trim();
  if (text === "") return undefined;
  try {
    return parseExact(text, id);
  } catch {
    return text;
  }
}

/** The control a configuration field's message belongs to: "heads[1].lambda" -> "lambda", "grid.gamma[0]" -> "grid". */
function controlOf(field: string): string {
  if (/^heads\[\d+\]\.lambda$/.test(field)) return "lambda";
  const key = field.split(/[.[]/)[0]!;
  if (key === "heads" || key === "grid") return key;
  return FIELD_CONTROLS.includes(key) ? key : "form";
}

/**
 * Runs check; a HeadtuneError it throws becomes the message of `id` (a ConfigError goes to its field's control).
 * @param errors the messages by control id (the first message of a control is kept)
 * @param id the control the message belongs to, or undefined to place it by the error's field
 * @param check what may throw
 */
export function collect(errors: Map<string, string>, id: string | undefined, check: () => void): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof HeadtuneError)) throw err;
    const target = id ?? (err instanceof ConfigError ? controlOf(err.field) : "form");
    if (!errors.has(target)) errors.set(target, err.message);
  }
}

function assertAtMost(name: string, value: number, max: number): void {
  if (value > max) throw new ArgumentError(`${name} must be <= ${max}. Value: ${value}.`, { name, value });
}

/** A range the page reads from three controls: its ends and its number of points. */
export interface RangeControls {
  from: number;
  to: number;
  count: number;
}

/**
 * Reads a range from three controls, each checked: the ends by checkEnd, the count an integer from 1 to max.
 * @param errors the messages by control id, added to
 * @param ids the controls' ids: from, to, count
 * @param names how the messages call them
 * @param checkEnd the rule of each end (throws a HeadtuneError naming it)
 * @param max the largest count the page takes
 * @returns the range, or undefined when a control is invalid (its message in errors)
 */
export function readRange(
  errors: Map<string, string>,
  ids: [from: string, to: string, count: string],
  names: [from: string, to: string, count: string],
  checkEnd: (name: string, value: unknown) => void,
  max: number,
): RangeControls | undefined {
  const [from, to, count] = ids.map(valueOf);
  const before = errors.size;
  collect(errors, ids[0], () => checkEnd(names[0], from));
  collect(errors, ids[1], () => checkEnd(names[1], to));
  collect(errors, ids[2], () => {
    assertInteger(names[2], count, 1);
    assertAtMost(names[2], count, max);
  });
  return errors.size > before ? undefined : { from: from as number, to: to as number, count: count as number };
}

/** The grid of the range controls (g from, g to, points), or undefined with their messages. */
function rangeGrid(errors: Map<string, string>): Grid | undefined {
  const range = readRange(errors, ["gFrom", "gTo", "gPoints"], ["g from", "g to", "points"], assertPositiveNumber, MAX_POINTS);
  return range && { gamma: logSpaced(range.from, range.to, range.count) };
}

/** The check boxes of the heads without a setting of their own, by head kind. */
const TUNED_HEADS = [
  ["ridge-opt", "headRidgeOpt"],
  ["ridge-gcv", "headRidgeGcv"],
] as const;

/** The heads the check boxes select, lambda as typed. */
function headsOf(): unknown[] {
  const heads: unknown[] = [];
  if (input("headMinnorm").checked) heads.push({ kind: "minnorm" });
  if (input("headRidge").checked) heads.push({ kind: "ridge", lambda: valueOf("lambda") });
  for (const [kind, id] of TUNED_HEADS) if (input(id).checked) heads.push({ kind });
  return heads;
}

/** True when config equals the preset in every field but "preset". */
function matchesPreset(config: SweepConfig, base: SweepConfig): boolean {
  const preset = base as unknown as Record<string, unknown>;
  const given = config as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(preset), ...Object.keys(given)]);
  keys.delete("preset");
  return [...keys].every((key) => JSON.stringify(preset[key]) === JSON.stringify(given[key]));
}

/**
 * The form's configuration and worker count, each field checked by the library's rules.
 * @returns the config, workers and sizes when all is valid; the messages by control id
 */
export function readForm(): FormState {
  const errors = new Map<string, string>();
  const values: Record<string, unknown> = {};
  const world = worldOf();
  // The Gaussian world is the configuration without "world" (as its presets are); the token world adds its fields.
  if (world === "tokens") {
    values.world = world;
    for (const id of TOKEN_FIELDS) {
      const value = valueOf(id);
      if (value !== undefined || id !== "mPop") values[id] = value;
    }
  }
  for (const id of NUMBER_FIELDS) values[id] = valueOf(id);
  for (const id of SELECT_FIELDS) values[id] = select(id).value;
  values.fixedModel = input("fixedModel").checked;
  values.heads = headsOf();
  const preset = select("preset").value;
  const base = presetConfig(preset);
  const checkBase = (base.world ?? "gaussian") === world ? base : presetConfig(WORLD_BASES[world]);
  for (const [field, value] of Object.entries(values)) {
    collect(errors, field === "heads" ? undefined : field, () => parseSweepConfig({ ...checkBase, [field]: value }, SOURCE));
  }

  const grid = input("presetGrid").checked ? base.grid : rangeGrid(errors);

  const workers = valueOf("workers");
  collect(errors, "workers", () => {
    assertInteger("workers", workers, 1);
    assertAtMost("workers", workers, MAX_WORKERS);
  });

  if (errors.size > 0 || grid === undefined) return { errors };
  let config: SweepConfig | undefined;
  let sizes: Sizes | undefined;
  collect(errors, undefined, () => {
    config = parseSweepConfig({ ...values, grid }, SOURCE);
    sizes = resolveSizes(config);
  });
  if (!config || !sizes) return { errors };
  const named = matchesPreset(config, base) ? { ...config, preset: base.preset } : config;
  return { config: named, workers: workers as number, sizes, errors };
}

/** The world the form's world control chooses. */
export function worldOf(): WorldName {
  return select("world").value === "tokens" ? "tokens" : "gaussian";
}

/**
 * Enables the controls that depend on another: the range when the preset's ratios are off, lambda with ridge;
 * and shows the chosen world's controls (data-world on the page's layout, which the style reads).
 */
export function syncDependentControls(): void {
  byId<HTMLElement>("layout").dataset.world = worldOf();
  const presetGrid = input("presetGrid").checked;
  for (const id of ["gFrom", "gTo", "gPoints"]) input(id).disabled = presetGrid;
  input("lambda").disabled = !input("headRidge").checked;
}

/**
 * Sets every field from a configuration; the grid shows its ratios' extent and uses them as given. A Gaussian
 * configuration leaves the token fields at the tokens preset's values, so that choosing the token world starts there.
 * @param config a valid SweepConfig (a preset)
 */
export function fillForm(config: SweepConfig): void {
  const tokens = config.world === "tokens" ? config : presetConfig(WORLD_BASES.tokens);
  select("world").value = config.world ?? "gaussian";
  for (const id of TOKEN_FIELDS) input(id).value = tokens[id] === undefined ? "" : String(tokens[id]);
  for (const id of NUMBER_FIELDS) input(id).value = String(config[id]);
  for (const id of SELECT_FIELDS) select(id).value = config[id];
  input("fixedModel").checked = config.fixedModel;
  const ridge = config.heads.find((head): head is Extract<HeadSpec, { kind: "ridge" }> => head.kind === "ridge");
  input("headMinnorm").checked = config.heads.some((head) => head.kind === "minnorm");
  input("headRidge").checked = ridge !== undefined;
  for (const [kind, id] of TUNED_HEADS) input(id).checked = config.heads.some((head) => head.kind === kind);
  if (ridge) input("lambda").value = String(ridge.lambda);
  const gammas = "gamma" in config.grid ? config.grid.gamma : config.grid.p.map((p) => p / config.n);
  input("presetGrid").checked = true;
  input("gFrom").value = String(Math.min(...gammas));
  input("gTo").value = String(Math.max(...gammas));
  input("gPoints").value = String(gammas.length);
  syncDependentControls();
}

/** Shows each message next to its control (aria-invalid set on it) and clears the others. */
export function showErrors(errors: Map<string, string>): void {
  for (const slot of document.querySelectorAll<HTMLElement>("p.error[id$='-error']")) {
    const id = slot.id.slice(0, -"-error".length);
    const message = errors.get(id) ?? "";
    slot.textContent = message;
    const control = document.getElementById(id);
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }
}
