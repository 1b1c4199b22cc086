// PLACEHOLDER (to be replaced by the real kernel): keeps the core compiling while kernels are written.
export function dsyrk(trans: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, beta: f64, c: usize, ldc: i32): void {}
