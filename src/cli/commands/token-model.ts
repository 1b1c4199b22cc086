/**
 * The token world (SPEC 10) in the model, theory and fit commands: its model file (tokens/model-file.ts) drawn
 * from a sweep configuration as the sweep draws size p, or read back with --model; its population and spectrum.
 */
import { ArgumentError } from "../../errors.js";
import { tokenSettingsOf } from "../../experiment/settings.js";
import type { SizeSpectrum } from "../../theory/types.js";
import { composeConfig } from "../../sweep/config.js";
import { tokenModelFromJson, type TokenModel } from "../../tokens/model-file.js";
import { tokenPopulation, type TokenPopulation } from "../../tokens/population.js";
import { defaultPopulationSequences, populationSAlpha } from "../../tokens/salpha.js";
import { tokenSizeModel } from "../../tokens/size.js";
import { worldKey } from "../../tokens/streams.js";
import type { CliIo } from "../io.js";
import type { FlagValues } from "./model-args.js";

/** What --model names, when it is a token model file ({"world": "tokens", ...}); undefined for a Gaussian model or no file. */
export function loadTokenModel(values: FlagValues, io: Pick<CliIo, "readFile">): TokenModel | undefined {
  const file = values.model;
  if (typeof file !== "string") return undefined;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    throw new ArgumentError(`--model ${file} cannot be read: ${(err as Error).message}`, { name: "model", value: file });
  }
  if (!/"world"\s*:\s*"tokens"/.test(text)) return undefined;
  return tokenModelFromJson(text, file);
}

/**
 * The token model of size p that a sweep with the configuration of --config (over its preset) draws.
 * @param values parsed flags (config, p)
 * @param io file access
 * @throws {ArgumentError} --p is missing, the configuration is not JSON or not a token world's, or p is past its limits
 */
export function tokenModelFromConfig(values: FlagValues, io: Pick<CliIo, "readFile">, p: number): TokenModel {
  const path = String(values.config);
  let raw: unknown;
  try {
    raw = JSON.parse(io.readFile(path));
  } catch (err) {
    throw new ArgumentError(`--config ${path} is not a readable JSON file: ${(err as Error).message}`, { name: "config", value: path });
  }
  const config = composeConfig([{ source: `config file ${path}`, values: raw }]);
  if (config.world !== "tokens") {
    throw new ArgumentError(`--config ${path} must configure the token world ("world": "tokens"). Value: ${String(config.world ?? "gaussian")}.`, { name: "config" });
  }
  const settings = tokenSettingsOf(config);
  const size = tokenSizeModel(settings, p);
  const mPop = settings.mPop ?? defaultPopulationSequences(size.world.spec.H);
  return { world: size.world, rep: size.rep, mPop, seed: config.seed, key: worldKey(settings.scaling, p) };
}

/**
 * A token model's population on its S_alpha (exact, or from mPop sequences of the stream (seed, key, population):
 * the sweep's), and whether S_alpha was exact.
 * @param m the token model
 */
export function tokenModelPopulation(m: TokenModel): { population: TokenPopulation; spectrum: SizeSpectrum; exact: boolean } {
  const sAlpha = populationSAlpha(m.world, m.seed, m.key, m.mPop);
  const population = tokenPopulation(m.world, sAlpha.S, m.rep);
  return { population, spectrum: population.spectrum, exact: sAlpha.exact };
}
