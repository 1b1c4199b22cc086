/**
 * Runs the numpy peer (bench/peers/numpy_peer.py) in a child python3, once per setting of NUMPY_SETTINGS:
 * single-threaded on OpenBLAS's native kernels (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = 1), single-threaded
 * on its AVX2 kernels (OPENBLAS_CORETYPE=Haswell forced, whatever this machine sets), and with OpenBLAS's
 * default thread count. In every child OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are first unset together: this
 * machine sets them for old OpenBLAS builds; the AVX2 child then sets the core type alone. Each child
 * reports the core OpenBLAS then runs. No python3 or no numpy is reported as absent, not as an error.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { NumpyTask } from "./suite.js";
import type { Timing, TimingOptions } from "./timer.js";

export type NumpyThreads = "single" | "default";

/** The numpy columns of the kernel table, one child process each. */
export type NumpyPeer = "numpy-1T" | "numpy-1T-avx2" | "numpy-default";

/** How one numpy child runs: its BLAS threads, the OpenBLAS core type it is forced to (if any), and its header label. */
export interface NumpySetting {
  threads: NumpyThreads;
  coreType?: string;
  label: string;
}

/** The OpenBLAS core type of the AVX2 columns (kernel table and sweep). */
export const AVX2_CORE = "Haswell";

export const NUMPY_SETTINGS: Record<NumpyPeer, NumpySetting> = {
  "numpy-1T": { threads: "single", label: "single-threaded, the kernels OpenBLAS picks for this CPU" },
  "numpy-1T-avx2": { threads: "single", coreType: AVX2_CORE, label: "single-threaded, AVX2 kernels: OPENBLAS_CORETYPE=Haswell forced" },
  "numpy-default": { threads: "default", label: "OpenBLAS's default threads" },
};
export const NUMPY_PEERS = Object.keys(NUMPY_SETTINGS) as NumpyPeer[];

export interface NumpyInfo {
  numpy: string;
  openblas: { source: string; version?: string; config?: string; core?: string; threads?: number };
}

export type NumpyRun =
  | { status: "ok"; info: NumpyInfo; results: Record<string, Timing | { error: string }> }
  | { status: "absent"; reason: string }
  | { status: "error"; reason: string };

const OVERRIDES = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"] as const;
const THREAD_VARS = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] as const;

/** The machine's values of the OpenBLAS overrides that the numpy child runs without. */
export function unsetOverrides(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of OVERRIDES) if (process.env[name] !== undefined) found[name] = process.env[name]!;
  return found;
}

/** The environment of a numpy child: the overrides unset, one BLAS thread for "single", then the forced core type if any. */
export function childEnv(threads: NumpyThreads, coreType?: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [...OVERRIDES, ...THREAD_VARS]) delete env[name];
  if (threads === "single") for (const name of THREAD_VARS) env[name] = "1";
  if (coreType !== undefined) env.OPENBLAS_CORETYPE = coreType;
  return env;
}

/** Times the tasks (keyed by id) with numpy in one child process run as the setting says. */
export function runNumpy(
  benchDir: string,
  tasks: (NumpyTask & { id: string })[],
  setting: NumpySetting,
  timing: TimingOptions,
): NumpyRun {
  const request = JSON.stringify({ budget: timing.budget, maxReps: timing.maxReps, tasks });
  const child = spawnSync("python3", [join(benchDir, "peers", "numpy_peer.py")], {
    input: request,
    env: childEnv(setting.threads, setting.coreType),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error) {
    const code = (child.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { status: "absent", reason: "python3 not found" };
    return { status: "error", reason: `python3 failed to start: ${child.error.message}` };
  }
  if (child.status !== 0) {
    return { status: "error", reason: `numpy peer exited with ${child.status}: ${child.stderr.trim().slice(-500)}` };
  }
  let reply: { absent?: string } & Partial<NumpyInfo> & { results?: Record<string, Timing | { error: string }> };
  try {
    reply = JSON.parse(child.stdout);
  } catch {
    return { status: "error", reason: `numpy peer printed no JSON: ${child.stdout.trim().slice(0, 200)}` };
  }
  if (reply.absent !== undefined) return { status: "absent", reason: reply.absent };
  return { status: "ok", info: { numpy: reply.numpy!, openblas: reply.openblas! }, results: reply.results! };
}
