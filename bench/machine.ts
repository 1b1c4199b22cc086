/** The machine a benchmark ran on, for the header: CPU model and cores, memory, OS, Node and V8, load. */
import { readFileSync } from "node:fs";
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";

export interface MachineInfo {
  cpu: string;
  /** x86 family, model and widest SIMD from /proc/cpuinfo (Linux), which the model name may not tell apart; "" elsewhere. */
  cpuId: string;
  logicalCores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
  /** 1-minute load average when the run started. */
  loadAverage: number;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cpuId: cpuId(),
    logicalCores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: loadavg()[0]!,
  };
}

/** "family 26 model 2, AVX-512" from the first processor of /proc/cpuinfo; "" where it cannot be read. */
function cpuId(): string {
  let text: string;
  try {
    text = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    return "";
  }
  const field = (name: string) => new RegExp(`^${name}\\s*: (.*)$`, "m").exec(text)?.[1]?.trim();
  const family = field("cpu family");
  const model = field("model");
  const flags = ` ${field("flags") ?? ""} `;
  const simd = flags.includes(" avx512f ") ? "AVX-512" : flags.includes(" avx2 ") ? "AVX2" : "no AVX2";
  return family === undefined || model === undefined ? "" : `family ${family} model ${model}, ${simd}`;
}
