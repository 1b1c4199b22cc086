// Element access for the scalar loops of the eigensolver (private to assembly/linalg): x[i] of an f64 or
// i32 vector at byte address p, inlined.

/** The f64 p[i]. */
@inline export function ldf(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** p[i] = v (f64). */
@inline export function stf(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** The i32 p[i]. */
@inline export function ldi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** p[i] = v (i32). */
@inline export function sti(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}
