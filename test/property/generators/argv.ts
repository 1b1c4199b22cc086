/**
 * Command lines: a command (or none, or a bogus one), then its flags in any order, each with a value drawn
 * from valid and invalid ones (negative, fractional, not a number, huge, empty, another flag), plus stray
 * words and unknown flags. Sweeps and maps read a small configuration file and run in the calling thread
 * (--workers 0, tasks of a millisecond), so that each case takes milliseconds.
 */
import fc from "fast-check";

/** The files a case may name (served by the fake io, see cli.test.ts): valid, broken, huge, missing. */
export const FILE_NAMES = ["tiny.json", "tiny-features.json", "bad.json", "deep.json", "huge.json", "empty.json", "model.json", "model-bad.json", "missing.json"];

const ints = ["0", "1", "2", "3", "-1", "1.5", "x", "", "1e3", "99999999999999999999", "0x10", " 2", "+2", "-0"];
const nums = ["0", "0.5", "1", "2", "-1", "1e400", "-1e400", "NaN", "Infinity", "x", "", "1e-320", ".5", "5.", "-0"];

/** The values each flag takes in the fuzz: mostly plausible, often wrong. */
const VALUES: Record<string, string[]> = {
  preset: ["quick", "paper", "features", "paper-large", "bogus", "", "QUICK"],
  config: FILE_NAMES,
  model: FILE_NAMES,
  seed: ints,
  replicates: ["1", "2", "0", "-1", "x", "1.5", "2000000", ""],
  sampler: ["spectral", "sequential", "marginal", "bogus", ""],
  workers: ["0", "-1", "x", "1.5", ""],
  "task-timeout": ["0", "10", "-1", "x", "1e400", "0.5"],
  shard: ["0/1", "0/2", "1/2", "2/2", "0/0", "-1/2", "x", "1/3", "a/b"],
  axis: ["rho", "sEps", "sU", "sY", "n", "T", "d", "lambda", "alpha", "p", "bogus", ""],
  from: nums,
  to: nums,
  steps: ["1", "2", "3", "0", "-1", "x", "10001", "1.5"],
  p: ["1", "2", "5", "12", "0", "-3", "x", "1e3", "1.5"],
  d: ["1", "3", "8", "0", "-1", "x"],
  T: ["1", "2", "5", "0", "-1", "x"],
  rho: nums,
  "s-eps": nums,
  "s-u": nums,
  "s-y": nums,
  "a-kind": ["orthogonal", "diagonal", "gaussian", "bogus"],
  scaling: ["width", "features", "linear", "bogus"],
  replicate: ints,
  n: ["1", "2", "5", "10", "0", "-1", "x", "1e3", "1.5", "99999999999999999999"],
  lambda: ["0.1", "1", "opt", "0", "-1", "x", "1e400", "1e308"],
};

const BOOLEANS = ["resume", "quiet", "log", "json", "redraw-model", "help"];

/** The flags of each command (as src/cli declares them); a case also tries another command's flags. */
const COMMANDS: Record<string, string[]> = {
  sweep: ["preset", "config", "seed", "replicates", "sampler", "workers", "task-timeout", "shard", "resume", "quiet"],
  map: ["preset", "config", "seed", "replicates", "sampler", "workers", "task-timeout", "shard", "resume", "quiet", "axis", "from", "to", "steps", "log"],
  model: ["preset", "p", "d", "T", "rho", "s-eps", "s-u", "s-y", "a-kind", "scaling", "seed", "replicate", "redraw-model", "json"],
  theory: ["model", "n", "lambda", "json", "preset", "p", "d", "rho"],
  fit: ["model", "n", "seed", "sampler", "json", "preset", "p", "d"],
  merge: ["quiet"],
};

const flag = (names: string[]) =>
  fc.constantFrom(...names).chain((name): fc.Arbitrary<string[]> => {
    if (BOOLEANS.includes(name)) return fc.constantFrom([`--${name}`], [`--${name}=true`]);
    const values = VALUES[name]!;
    return fc.tuple(fc.constantFrom(...values), fc.boolean()).map(([v, attached]) => (attached ? [`--${name}=${v}`] : [`--${name}`, v]));
  });

/** Words out of place; "@empty", "@file" and "@missing" stand for folders the test makes (merge's arguments). */
const stray = fc.constantFrom(["extra"], ["--bogus"], ["-x"], ["--"], ["-h"], ["--help"], ["--n"], ["--workers", "--quiet"], ["@empty"], ["@file"], ["@missing"]);

export interface Argv {
  command: string;
  args: string[];
}

/** A command and its arguments; sweeps and maps get --config FILE (small) unless they name one. */
export const argvCases: fc.Arbitrary<Argv> = fc
  .oneof(
    { weight: 18, arbitrary: fc.constantFrom(...Object.keys(COMMANDS)) },
    { weight: 1, arbitrary: fc.constantFrom("", "--version", "-v", "help", "bogus", "SWEEP") },
  )
  .chain((command) => {
    const own = COMMANDS[command] ?? [];
    const others = Object.keys(VALUES);
    const parts = fc.array(fc.oneof({ weight: 8, arbitrary: flag(own.length > 0 ? own : others) }, { weight: 1, arbitrary: flag(others) }, { weight: 1, arbitrary: stray }), {
      maxLength: 6,
    });
    return parts.map((ps) => ({ command, args: ps.flat() }));
  });
