/**
 * The map's controls: the second setting (axis), its range and steps, log spacing and whether to simulate,
 * checked with the library's own functions (axisValues, then configAt, parseSweepConfig and resolveSizes at
 * every value) so that a bad range gets the library's message next to its control.
 */
import { ArgumentError } from "../src/errors.js";
import type { WorldName } from "../src/experiment/settings.js";
import { axisValues, configAt, DEFAULT_MAP_AXIS, WORLD_MAP_AXES, type MapAxis } from "../src/map/axis.js";
import { resolveSizes } from "../src/sweep/grid.js";
import { parseSweepConfig, type SweepConfig } from "../src/sweep/schema.js";
import { assertFiniteNumber } from "../src/validate.js";
import { byId } from "./dom.js";
import { collect, readRange, SOURCE, type RangeControls } from "./form.js";

/** Page limit on the values of the second setting: each is a column of cells (and a sweep when simulated). */
export const MAX_STEPS = 41;

/** A checked map: the base configuration, the second setting and its values. */
export interface MapSettings {
  config: SweepConfig;
  axis: MapAxis;
  values: number[];
  log: boolean;
  /** Also run the Monte Carlo cells: one sweep of the configuration's replicates per value. */
  simulate: boolean;
  /** The range as typed (values are axisValues of it), for the map element's attributes. */
  range: RangeControls;
}

const input = (id: string) => byId<HTMLInputElement>(id);

/**
 * Fills the axis list from the library's WORLD_MAP_AXES (so the page offers exactly what `headtune map --axis`
 * takes in that world), keeping the chosen axis when the world has it.
 * @param world the settings form's world
 */
export function fillAxisOptions(world: WorldName): void {
  const select = byId<HTMLSelectElement>("axis");
  const axes = WORLD_MAP_AXES[world];
  const chosen = axes.includes(select.value as MapAxis) ? select.value : DEFAULT_MAP_AXIS[world];
  select.replaceChildren(...axes.map((axis) => new Option(axis, axis, false, axis === chosen)));
}

/**
 * The map the controls describe on a base configuration; messages go into errors by control id.
 * @param config the settings form's configuration (undefined when it has errors: the map is not checked further)
 * @param errors the form's messages, added to
 * @returns the map settings, or undefined when a control is invalid
 */
export function readMapForm(config: SweepConfig | undefined, errors: Map<string, string>): MapSettings | undefined {
  const axis = byId<HTMLSelectElement>("axis").value as MapAxis;
  const log = input("axisLog").checked;
  const before = errors.size;
  const range = readRange(errors, ["axisFrom", "axisTo", "axisSteps"], ["from", "to", "steps"], assertFiniteNumber, MAX_STEPS);
  if (!range) return undefined;
  let values: number[] = [];
  collect(errors, "axisFrom", () => (values = axisValues(range.from, range.to, range.count, log)));
  if (errors.size > before || config === undefined) return undefined;
  for (const value of values) {
    collect(errors, "map", () => {
      try {
        const at = parseSweepConfig(configAt(config, axis, value), SOURCE);
        resolveSizes(at);
      } catch (err) {
        if (err instanceof ArgumentError && err.details.name === "axis") errors.set("axis", err.message);
        else throw err;
      }
    });
    if (errors.size > before) return undefined;
  }
  return { config, axis, values, log, simulate: input("simulate").checked, range };
}

/**
 * The line under the map's controls: how many values, cells and (when simulated) tasks the map has.
 * @param map a checked map
 */
export function mapExtent(map: MapSettings): string {
  const points = map.values.reduce((sum, value) => sum + resolveSizes(configAt(map.config, map.axis, value)).sizes.length, 0);
  const count = map.values.length;
  const tasks = map.simulate ? `, ${points * map.config.replicates} simulation tasks` : "";
  return `${count} value${count === 1 ? "" : "s"} of ${map.axis}, ${points} (value, size) points${tasks}.`;
}
