// Records the plane rotations of QL sweeps and applies them, later and all at once, to the rows of Z
// (n x n, row stride ldz). A sweep is a descending sequence: for i = top, top-1, ... with (c, s),
//     z[i+1][k] <- s z[i][k] + c z[i+1][k],   z[i][k] <- c z[i][k] - s z[i+1][k]   for every column k
// (the column rotations of tql2, acting on the rows of the transposed basis).
//
// Algorithm: the rotations of many sweeps are logged (as many as fit in the static scratch); a flush then
// copies Z one strip of columns at a time (16 wide, narrower for the last columns or when n is large) into a
// contiguous buffer, runs every logged sweep over the strip while the row that carries from one rotation to
// the next stays in registers (f64x2 SIMD across the strip), and copies the strip back. A strip stays in
// cache through all the sweeps, so Z crosses the memory hierarchy once per flush instead of once per sweep,
// and a power-of-two ldz cannot make the rows of a strip collide in the cache.
//
// see: LAPACK dlasr (SIDE = 'L', PIVOT = 'V', DIRECT = 'B'); EISPACK tql2; Van Zee, van de Geijn and
// Quintana-Orti, "Restructuring the tridiagonal and bidiagonal QR algorithms for performance" (TOMS 2014).

import { SCRATCH_BYTES, scratch } from "./tridiagScratch";

// The scratch holds the strip buffer (first n * width f64) and the log (the rest, 16-byte slots: a sweep
// takes one for its header (top, count) and one per rotation). The strip takes at most half of it: 16
// columns for n <= 2048, 8 for n <= 4096, 2 for n <= 16384, 1 beyond (n <= 32768: more than fits in
// WebAssembly memory anyway).

let zn = 0;
let zp: usize = 0;
let zld = 0;
/** Columns per strip. */
let width = 16;
/** The log: its first slot, and how many it holds. */
let log: usize = 0;
let capacity = 0;
/** Slots used. */
let used = 0;
/** Slot of the open sweep's header. */
let header = 0;

/** Starts an empty log for Z (n x n at z, row stride ldz). */
export function rotationsBegin(n: i32, z: usize, ldz: i32): void {
  zn = n;
  zp = z;
  zld = ldz;
  const half = SCRATCH_BYTES >> 1;
  const row = <usize>n << 3;
  width = row * 16 <= half ? 16 : row * 8 <= half ? 8 : row * 2 <= half ? 2 : 1;
  const stripBytes = (row * <usize>width + 15) & ~(<usize>15);
  log = scratch + stripBytes;
  capacity = <i32>((SCRATCH_BYTES - stripBytes) >> 4);
  used = 0;
}

/** Opens a sweep whose first rotation acts on rows top and top + 1. */
export function rotationsSweep(top: i32): void {
  if (used + 2 > capacity) rotationsFlush();
  header = used;
  const slot = log + (<usize>used << 4);
  store<i32>(slot, top);
  store<i32>(slot, 0, 4);
  used++;
}

/** Logs the next rotation of the open sweep (flushing first when the log is full). */
export function rotationsPush(c: f64, s: f64): void {
  if (used == capacity) {
    const open = log + (<usize>header << 4);
    const next = load<i32>(open) - load<i32>(open, 4);
    rotationsFlush();
    rotationsSweep(next);
  }
  const slot = log + (<usize>used << 4);
  store<f64>(slot, c);
  store<f64>(slot, s, 8);
  used++;
  const open = log + (<usize>header << 4);
  store<i32>(open, load<i32>(open, 4) + 1, 4);
}

/** Applies every logged rotation to Z, in order, and empties the log. */
export function rotationsFlush(): void {
  if (used > 0) {
    const n = zn;
    let k = 0;
    for (; k + width <= n; k += width) applyToStrip(k, width);
    if (width > 8) for (; k + 8 <= n; k += 8) applyToStrip(k, 8);
    for (; k + 2 <= n; k += 2) applyToStrip(k, 2);
    for (; k < n; k++) applyToStrip(k, 1);
  }
  used = 0;
}

/** Copies columns [k, k + cols) of Z into the strip buffer, runs all sweeps on it, copies it back. */
function applyToStrip(k: i32, cols: i32): void {
  const n = zn;
  const rs = <usize>zld << 3;
  const bytes = <usize>cols << 3;
  let src = zp + (<usize>k << 3);
  for (let r = 0; r < n; r++) {
    memory.copy(scratch + <usize>r * bytes, src, bytes);
    src += rs;
  }
  const end = log + (<usize>used << 4);
  let slot = log;
  while (slot < end) {
    const top = load<i32>(slot);
    const count = load<i32>(slot, 4);
    const first = scratch + <usize>(top + 1) * bytes;
    const cs = slot + 16;
    if (cols == 16) sweep16(first, count, cs);
    else if (cols == 8) sweep8(first, count, cs);
    else if (cols == 2) sweep2(first, count, cs);
    else sweep1(first, count, cs);
    slot = cs + (<usize>count << 4);
  }
  let dst = zp + (<usize>k << 3);
  for (let r = 0; r < n; r++) {
    memory.copy(dst, scratch + <usize>r * bytes, bytes);
    dst += rs;
  }
}

/** One sequence on a 16-column packed strip; p is the carried row (row top + 1). */
function sweep16(p: usize, count: i32, cs: usize): void {
  let x0 = v128.load(p, 0);
  let x1 = v128.load(p, 16);
  let x2 = v128.load(p, 32);
  let x3 = v128.load(p, 48);
  let x4 = v128.load(p, 64);
  let x5 = v128.load(p, 80);
  let x6 = v128.load(p, 96);
  let x7 = v128.load(p, 112);
  for (let t = 0; t < count; t++) {
    const q = p - 128;
    const c = f64x2.splat(load<f64>(cs + (<usize>t << 4)));
    const s = f64x2.splat(load<f64>(cs + (<usize>t << 4), 8));
    // row i+1 (final) = s y + c x; the carried row i becomes c y - s x
    const y0 = v128.load(q, 0);
    v128.store(p, f64x2.add(f64x2.mul(s, y0), f64x2.mul(c, x0)), 0);
    x0 = f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0));
    const y1 = v128.load(q, 16);
    v128.store(p, f64x2.add(f64x2.mul(s, y1), f64x2.mul(c, x1)), 16);
    x1 = f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1));
    const y2 = v128.load(q, 32);
    v128.store(p, f64x2.add(f64x2.mul(s, y2), f64x2.mul(c, x2)), 32);
    x2 = f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2));
    const y3 = v128.load(q, 48);
    v128.store(p, f64x2.add(f64x2.mul(s, y3), f64x2.mul(c, x3)), 48);
    x3 = f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3));
    const y4 = v128.load(q, 64);
    v128.store(p, f64x2.add(f64x2.mul(s, y4), f64x2.mul(c, x4)), 64);
    x4 = f64x2.sub(f64x2.mul(c, y4), f64x2.mul(s, x4));
    const y5 = v128.load(q, 80);
    v128.store(p, f64x2.add(f64x2.mul(s, y5), f64x2.mul(c, x5)), 80);
    x5 = f64x2.sub(f64x2.mul(c, y5), f64x2.mul(s, x5));
    const y6 = v128.load(q, 96);
    v128.store(p, f64x2.add(f64x2.mul(s, y6), f64x2.mul(c, x6)), 96);
    x6 = f64x2.sub(f64x2.mul(c, y6), f64x2.mul(s, x6));
    const y7 = v128.load(q, 112);
    v128.store(p, f64x2.add(f64x2.mul(s, y7), f64x2.mul(c, x7)), 112);
    x7 = f64x2.sub(f64x2.mul(c, y7), f64x2.mul(s, x7));
    p = q;
  }
  v128.store(p, x0, 0);
  v128.store(p, x1, 16);
  v128.store(p, x2, 32);
  v128.store(p, x3, 48);
  v128.store(p, x4, 64);
  v128.store(p, x5, 80);
  v128.store(p, x6, 96);
  v128.store(p, x7, 112);
}

/** One sequence on an 8-column packed strip; p is the carried row (row top + 1). */
function sweep8(p: usize, count: i32, cs: usize): void {
  let x0 = v128.load(p);
  let x1 = v128.load(p, 16);
  let x2 = v128.load(p, 32);
  let x3 = v128.load(p, 48);
  for (let t = 0; t < count; t++) {
    const q = p - 64;
    const c = f64x2.splat(load<f64>(cs + (<usize>t << 4)));
    const s = f64x2.splat(load<f64>(cs + (<usize>t << 4), 8));
    const y0 = v128.load(q);
    const y1 = v128.load(q, 16);
    const y2 = v128.load(q, 32);
    const y3 = v128.load(q, 48);
    // row i+1 (final) = s y + c x; the carried row i becomes c y - s x
    v128.store(p, f64x2.add(f64x2.mul(s, y0), f64x2.mul(c, x0)));
    v128.store(p, f64x2.add(f64x2.mul(s, y1), f64x2.mul(c, x1)), 16);
    v128.store(p, f64x2.add(f64x2.mul(s, y2), f64x2.mul(c, x2)), 32);
    v128.store(p, f64x2.add(f64x2.mul(s, y3), f64x2.mul(c, x3)), 48);
    x0 = f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0));
    x1 = f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1));
    x2 = f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2));
    x3 = f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3));
    p = q;
  }
  v128.store(p, x0);
  v128.store(p, x1, 16);
  v128.store(p, x2, 32);
  v128.store(p, x3, 48);
}

/** One sequence on a 2-column packed strip. */
function sweep2(p: usize, count: i32, cs: usize): void {
  let x = v128.load(p);
  for (let t = 0; t < count; t++) {
    const q = p - 16;
    const c = f64x2.splat(load<f64>(cs + (<usize>t << 4)));
    const s = f64x2.splat(load<f64>(cs + (<usize>t << 4), 8));
    const y = v128.load(q);
    v128.store(p, f64x2.add(f64x2.mul(s, y), f64x2.mul(c, x)));
    x = f64x2.sub(f64x2.mul(c, y), f64x2.mul(s, x));
    p = q;
  }
  v128.store(p, x);
}

/** One sequence on a single column (the scalar tail). */
function sweep1(p: usize, count: i32, cs: usize): void {
  let x = load<f64>(p);
  for (let t = 0; t < count; t++) {
    const q = p - 8;
    const c = load<f64>(cs + (<usize>t << 4));
    const s = load<f64>(cs + (<usize>t << 4), 8);
    const y = load<f64>(q);
    store<f64>(p, s * y + c * x);
    x = c * y - s * x;
    p = q;
  }
  store<f64>(p, x);
}
