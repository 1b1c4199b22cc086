/**
 * Feature probe: a minimal module that uses a v128 instruction validates only on an engine with
 * WebAssembly SIMD (the same test as the wasm-feature-detect package).
 */
const SIMD_TEST_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** True when this engine has WebAssembly with the fixed-width SIMD proposal. */
export function hasWasmSimd(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_TEST_MODULE);
}
