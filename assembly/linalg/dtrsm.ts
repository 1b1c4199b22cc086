// PLACEHOLDER (to be replaced by the real kernel): keeps the core compiling while kernels are written.
export function dtrsm(side: i32, trans: i32, m: i32, n: i32, alpha: f64, l: usize, ldl: i32, b: usize, ldb: i32): void {}
