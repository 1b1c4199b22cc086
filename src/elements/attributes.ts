/**
 * The elements' attributes as a configuration: config = presetConfig(preset attribute, default "quick") with
 * the attributes given laid over it, checked by the library's own rules (composeConfig), so that a bad
 * attribute gets the message a configuration file would ("<headtune-sweep> attributes: field "n" must be an
 * integer >= 1. Value: -3."). A number attribute that does not read as one reaches the schema as typed.
 */
import { axisValues, DEFAULT_MAP_AXIS, MAP_AXES, type MapAxis } from "../map/axis.js";
import { parseExact } from "../report/format.js";
import { composeConfig } from "../sweep/config.js";
import type { SweepConfig } from "../sweep/schema.js";
import { ArgumentError } from "../errors.js";
import type { WorldName } from "../experiment/settings.js";
import { assertInteger } from "../validate.js";

/** The preset an element runs when it names none: a few seconds on a phone. */
export const DEFAULT_PRESET = "quick";

/**
 * Attributes that set a configuration field of the same name (HTML lower-cases attribute names, and so does
 * getAttribute: aTr and atr are one attribute). H, V, k, aTr, beta and mPop are the token world's (SPEC 10).
 */
const NUMBER_ATTRIBUTES = ["n", "replicates", "seed", "rho", "d", "T", "sU", "sY", "H", "V", "k", "aTr", "beta", "mPop"] as const;
const TEXT_ATTRIBUTES = ["world", "sampler", "scaling"] as const;


/**
 * An attribute's text as the value it stands for: a number when it reads as one, else the text as typed.
 * @param text the attribute's value
 */
function valueOf(text: string): unknown {
  try {
    return parseExact(text.trim(), "attribute");
  } catch {
    return text;
  }
}

/**
 * The heads attribute as configuration heads: "minnorm ridge:0.1 ridge-opt ridge-gcv" (spaces or commas
 * between heads; "ridge:L" is ridge with lambda L). Unknown kinds pass through for the schema to name.
 * @param text the attribute's value
 * @example parseHeads("minnorm ridge:0.1") // [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }]
 */
export function parseHeads(text: string): unknown[] {
  return text
    .split(/[\s,]+/)
    .filter((token) => token !== "")
    .map((token) => {
      const [kind, lambda] = token.split(":");
      return lambda === undefined ? { kind } : { kind, lambda: valueOf(lambda) };
    });
}

/**
 * The configuration an element's attributes describe.
 * @param element the element (its attributes are read)
 * @param source what messages call the attributes ("<headtune-sweep> attributes")
 * @throws ConfigError naming the source, the field and the value of the first problem
 */
export function configFromAttributes(element: Element, source: string): SweepConfig {
  const values: Record<string, unknown> = { preset: element.getAttribute("preset") ?? DEFAULT_PRESET };
  for (const name of NUMBER_ATTRIBUTES) {
    const text = element.getAttribute(name);
    if (text !== null) values[name] = valueOf(text);
  }
  for (const name of TEXT_ATTRIBUTES) {
    const text = element.getAttribute(name);
    if (text !== null) values[name] = text;
  }
  const heads = element.getAttribute("heads");
  if (heads !== null) values.heads = parseHeads(heads);
  return composeConfig([{ source, values }]);
}

/**
 * The workers attribute: an integer >= 1; without it, the device's cores up to 4 (more only adds start-up cost
 * on the small sweeps a page runs).
 * @param element the element
 * @throws ArgumentError when the attribute is not an integer >= 1
 */
export function workersFromAttributes(element: Element): number {
  const text = element.getAttribute("workers");
  if (text === null) return Math.min(globalThis.navigator?.hardwareConcurrency || 2, 4);
  const workers = valueOf(text);
  assertInteger("workers", workers, 1);
  return workers;
}

/** A map's second setting and its values, as the map element's attributes give them. */
export interface MapAttributes {
  axis: MapAxis;
  values: number[];
  log: boolean;
  simulate: boolean;
}

/**
 * The map attributes: axis (default sEps, sU in the token world), from (0.25), to (1), steps (4), log and
 * simulate (booleans: present or absent), each checked as `headtune map` checks its flags.
 * @param element the element
 * @param world the configuration's world ("gaussian" when absent), for the default axis
 * @throws ArgumentError naming the attribute and its value
 */
export function mapFromAttributes(element: Element, world: WorldName = "gaussian"): MapAttributes {
  const axis = element.getAttribute("axis") ?? DEFAULT_MAP_AXIS[world];
  if (!(MAP_AXES as readonly string[]).includes(axis)) {
    throw new ArgumentError(`axis must be one of ${MAP_AXES.join(", ")}. Value: ${axis}.`, { name: "axis", value: axis });
  }
  const number = (name: string, fallback: number): number => {
    const text = element.getAttribute(name);
    const value = text === null ? fallback : valueOf(text);
    if (typeof value !== "number") throw new ArgumentError(`${name} must be a number. Value: "${String(value)}".`, { name, value });
    return value;
  };
  const log = element.hasAttribute("log");
  const values = axisValues(number("from", 0.25), number("to", 1), number("steps", 4), log);
  return { axis: axis as MapAxis, values, log, simulate: element.hasAttribute("simulate") };
}
