// The arena that src/wasm/arena.ts manages starts past the module's static data.
export function heapBase(): usize {
  return __heap_base;
}
