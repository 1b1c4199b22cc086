// Standard normals by the ziggurat method with 256 layers of equal area V under f(x) = exp(-x^2 / 2):
// layer 0 is the base strip [0, R] x [0, f(R)] plus the tail beyond R (virtual width Q = V / f(R));
// layer i >= 1 is [0, x_i] x [f(x_i), f(x_{i-1})], with x_255 = R and x_0 = 0.
// One u64 u gives the layer i (bits 0..7), the sign (bit 8) and a 52-bit magnitude m (bits 12..63);
// x = m x_i 2^-52 is accepted at once when x < x_{i-1} (m < K[i]), which is 98.5% of draws.
// Otherwise layer 0 samples the tail (Marsaglia 1964: x = -log(u1) / R, y = -log(u2), accept when
// 2y > x^2, return R + x), and a layer i >= 1 accepts x in its wedge when a uniform height below
// f(x_{i-1}) falls under f(x) (compared as logarithms); a rejection starts over with a fresh u64.
// The result is exact in distribution (up to the 2^-52 resolution of x within its layer).
// Tables: built at module start from R, V, f(R) by f(x_{i-1}) = f(x_i) + V / x_i,
// x_{i-1} = sqrt(-2 log f(x_{i-1})), with the logPositive shared by the TypeScript twin, so both agree bit
// for bit. R and V solve the 256-layer closure x_1 (1 - f(x_1)) = V (60-digit arithmetic, rounded).
// see: Marsaglia and Tsang, "The ziggurat method for generating random variables", JSS 5(8), 2000;
//      numpy random/src/distributions (random_standard_normal) for the bit layout.
import { logPositive } from "./log";
import { nextU64 } from "./source";

const R = 3.654152885361009;
const V = 0.004928673233974655;
const F_R = 0.0012602859304985975; // exp(-R^2 / 2)
const TWO_52 = 4503599627370496.0;
const TWO_M52 = 2.220446049250313e-16;
const TWO_M53 = 1.1102230246251565e-16;

/** K[i]: the fast-path bound on m, floor(2^52 x_{i-1} / x_i) (u64). */
export const K_TABLE = memory.data(256 * 8);
/** W[i] = x_i 2^-52 (layer 0: Q 2^-52), so that x = m W[i] (f64). */
export const W_TABLE = memory.data(256 * 8);
/** F[i] = f(x_i), F[0] = 1 (f64). */
const F_TABLE = memory.data(256 * 8);

function buildTables(): void {
  let x = R;
  let f = F_R;
  store<f64>(W_TABLE + 255 * 8, R * TWO_M52);
  store<f64>(F_TABLE + 255 * 8, F_R);
  for (let i = 255; i >= 2; i--) {
    const fUp = f + V / x;
    const xUp = Math.sqrt(-2.0 * logPositive(fUp));
    store<u64>(K_TABLE + (<usize>i << 3), <u64>Math.floor((xUp / x) * TWO_52));
    store<f64>(W_TABLE + (<usize>(i - 1) << 3), xUp * TWO_M52);
    store<f64>(F_TABLE + (<usize>(i - 1) << 3), fUp);
    x = xUp;
    f = fUp;
  }
  const q = V / F_R;
  store<u64>(K_TABLE + 8, 0);
  store<u64>(K_TABLE, <u64>Math.floor((R / q) * TWO_52));
  store<f64>(W_TABLE, q * TWO_M52);
  store<f64>(F_TABLE, 1.0);
}
buildTables();

/** A uniform in [0, 1) from the high 53 bits of u. */
export function uniform53(u: u64): f64 {
  return <f64><i64>(u >>> 11) * TWO_M53;
}

/** A uniform in (0, 1] from the high 53 bits of u: exact, so its logarithm is finite. */
export function uniformOpen(u: u64): f64 {
  return <f64><i64>((<u64>1 << 53) - (u >>> 11)) * TWO_M53;
}

/** R + x with x from the exponential tail beyond R, by Marsaglia's (1964) rejection method. */
function tail(): f64 {
  while (true) {
    const x = -logPositive(uniformOpen(nextU64())) / R;
    const y = -logPositive(uniformOpen(nextU64()));
    if (y + y > x * x) return R + x;
  }
}

/**
 * The normal whose first attempt u missed the fast path: runs the full ziggurat from u, drawing any
 * further u64 from the open source.
 */
export function normalSlow(u: u64): f64 {
  while (true) {
    const i = <usize>(u & 0xff) << 3;
    const m = u >>> 12;
    const negative = (u & 0x100) != 0;
    const x = <f64><i64>m * load<f64>(W_TABLE + i);
    if (m < load<u64>(K_TABLE + i)) return negative ? -x : x;
    if (i == 0) {
      const t = tail();
      return negative ? -t : t;
    }
    const fIn = load<f64>(F_TABLE + i);
    const y = fIn + uniform53(nextU64()) * (load<f64>(F_TABLE + i - 8) - fIn);
    if (logPositive(y) < -0.5 * x * x) return negative ? -x : x;
    u = nextU64();
  }
}
