// PLACEHOLDER (to be replaced by the real kernel): keeps the core compiling while kernels are written.
export function philox4x32(ctr: usize, key: usize, out: usize): void {}
export function rngInit(state: usize, seedLo: u32, seedHi: u32, streamLo: u32, streamHi: u32): void {}
export function rngUniform(state: usize, out: usize, n: i32): void {}
export function rngNormal(state: usize, out: usize, n: i32): void {}
