/**
 * Loading the WebAssembly core: compile once per thread, one instance (and one arena) per thread.
 * Node and workers may compile synchronously on first use; a browser page's main thread must first
 * `await init()`, because engines refuse synchronous compilation of large modules there.
 */
import { NotInitializedError, UnsupportedEngineError } from "../errors.js";
import { Arena } from "./arena.js";
import { wasmBase64 } from "./binary.generated.js";
import type { KernelExports } from "./exports.js";
import { chooseKernel } from "./kernels.js";
import { hasWasmSimd } from "./probe.js";

export interface Core {
  readonly exports: KernelExports;
  readonly arena: Arena;
}

let compiled: WebAssembly.Module | undefined;
let core: Core | undefined;

function wasmBytes(): Uint8Array {
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function checkEngine(): void {
  if (!hasWasmSimd()) {
    throw new UnsupportedEngineError(
      "This JavaScript engine lacks WebAssembly SIMD, which headtune needs (Node >= 16.4, Chrome >= 91, Firefox >= 89, Safari >= 16.4).",
    );
  }
}

function instantiate(module: WebAssembly.Module): Core {
  const imports = {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`headtune internal fault: WebAssembly abort at ${line}:${column}. Please report it.`);
      },
    },
  };
  const instance = new WebAssembly.Instance(module, imports);
  const exports = instance.exports as unknown as KernelExports;
  const arena = new Arena(exports.memory, exports.heapBase());
  // The products' kernel: forced by HEADTUNE_KERNEL or useKernel, else the fastest here (a few tens of ms).
  chooseKernel(exports, arena);
  return { exports, arena };
}

/** Compiles and instantiates the core asynchronously (required once on a browser page's main thread). */
export async function init(): Promise<Core> {
  if (core) return core;
  checkEngine();
  compiled ??= await WebAssembly.compile(wasmBytes() as BufferSource);
  core ??= instantiate(compiled);
  return core;
}

/** The core of this thread, compiled synchronously on first use where the engine allows it. */
export function getCore(): Core {
  if (core) return core;
  checkEngine();
  try {
    compiled ??= new WebAssembly.Module(wasmBytes() as BufferSource);
  } catch (err) {
    throw new NotInitializedError(
      `Synchronous WebAssembly compilation was refused here (${String(err)}); call "await init()" before using headtune.`,
    );
  }
  core = instantiate(compiled);
  return core;
}
