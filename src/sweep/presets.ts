/**
 * Named sweep configurations. "paper" is the reference setting of SPEC section 7 (width scaling),
 * "features" the same with d fixed at 20 and p growing, "quick" a small one that runs in a second or two,
 * "paper-large" the paper's grid at ten times the sample size (n = 2000, p up to 10,000), which only the
 * spectral sampler makes practical (about 20 minutes on 2 cores).
 */
import { MODEL_PRESETS } from "../hmm/presets.js";
import { ConfigError } from "../errors.js";
import { PRESET_NAMES, type PresetName, type SweepConfig } from "./schema.js";

/**
 * Ratios g = p / n from 0.05 to 5, denser near the peak at g = 1; with n = 200 none falls within 0.02 of 1.
 * It holds the ratios at which SPEC section 7 quotes the excess risk (0.1, 0.8, 1.25, 2, 5).
 */
const PAPER_GAMMA = [
  0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98,
  1.02, 1.03, 1.05, 1.07, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, 5,
];

/** The paper's grid with three smaller sizes (p = 2, 4, 6 at n = 200) to show the first descent of SPEC 6. */
const FEATURES_GAMMA = [0.01, 0.02, 0.03, ...PAPER_GAMMA];

const PAPER: SweepConfig = {
  preset: "paper",
  ...MODEL_PRESETS.paper,
  nTest: 500,
  sampler: "spectral",
  seed: 1,
  fixedModel: true,
  heads: [{ kind: "minnorm" }],
  grid: { gamma: PAPER_GAMMA },
  replicates: 20,
};

/**
 * The token world of SPEC 10d (features scaling: H = 50 states fixed, x = alpha_T W + sU u with p growing): V = 32,
 * T = 10, rho = 0.8, aTr = 1, beta = 0.1, k = 4, sY = 0.5, sU = 0.5, n = 200, nTest = 200, g from 0.01 to 5. The Gaussian
 * world's fields it carries (d, aKind, sEps, sampler, fixedModel) are ignored.
 */
const TOKENS: SweepConfig = {
  ...PAPER,
  preset: "tokens",
  world: "tokens",
  scaling: "features",
  H: 50,
  V: 32,
  T: 10,
  k: 4,
  rho: 0.8,
  aTr: 1,
  beta: 0.1,
  sU: 0.5,
  sY: 0.5,
  nTest: 200,
  grid: { gamma: FEATURES_GAMMA },
};

const PRESETS: Record<PresetName, SweepConfig> = {
  paper: PAPER,
  features: { ...PAPER, preset: "features", ...MODEL_PRESETS.features, grid: { gamma: FEATURES_GAMMA } },
  quick: {
    ...PAPER,
    preset: "quick",
    n: 40,
    nTest: 100,
    heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }],
    grid: { gamma: [0.1, 0.25, 0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2, 3] },
    replicates: 5,
  },
  "paper-large": { ...PAPER, preset: "paper-large", n: 2000 },
  tokens: TOKENS,
  "tokens-posterior": {
    ...TOKENS,
    preset: "tokens-posterior",
    scaling: "posterior",
    mPop: 5000,
    grid: { p: [5, 10, 25, 50, 75, 100, 150, 180, 220, 260, 300, 400] },
  },
};

/**
 * A fresh copy of a named configuration.
 * @param name "paper" | "features" | "quick"
 * @throws ConfigError when the name is not a preset
 * @example runSweep(presetConfig("quick"), { workers: 2 })
 */
export function presetConfig(name: string): SweepConfig {
  if (!(PRESET_NAMES as readonly string[]).includes(name)) {
    throw new ConfigError(`unknown preset "${name}". Presets: ${PRESET_NAMES.join(", ")}.`, "preset", name);
  }
  return structuredClone(PRESETS[name as PresetName]);
}
