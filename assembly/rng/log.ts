// Natural logarithm, written out so that the kernel and its TypeScript twin (src/ref/rng.ts) round
// identically: the same sequence of IEEE-754 additions, multiplications and divisions gives the same bits
// in WebAssembly and JavaScript, which the engines' own Math.log does not promise.
// Algorithm: x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2); log(1 + f) = 2s + s R(s^2), s = f / (2 + f),
// R a minimax polynomial; result k ln2_hi + (f - (hfsq - (s (hfsq + R) + k ln2_lo))). Error < 1 ulp.
// see: fdlibm e_log.c (Sun Microsystems, 1993), the routine behind V8's Math.log.

const LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const LG1 = 6.666666666666735130e-01; // 0x3fe55555 55555593
const LG2 = 3.999999999940941908e-01; // 0x3fd99999 9997fa04
const LG3 = 2.857142874366239149e-01; // 0x3fd24924 94229359
const LG4 = 2.222219843214978396e-01; // 0x3fcc71c5 1d8e78af
const LG5 = 1.818357216161805012e-01; // 0x3fc74664 96cb03de
const LG6 = 1.531383769920937332e-01; // 0x3fc39a09 d078c69f
const LG7 = 1.479819860511658591e-01; // 0x3fc2f112 df3e5244

/** log(x) for a positive normal finite x (the generator's arguments lie in [2^-53, 1]). */
export function logPositive(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  let hx = <i32>(bits >>> 32);
  let k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // i = 0x100000 when the mantissa exceeds sqrt(2): then scale x into [sqrt(2)/2, 1) and count one more 2.
  const i = (hx + 0x95f64) & 0x100000;
  const y = reinterpret<f64>((<u64>(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffff));
  k += i >> 20;
  const f = y - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: a short series suffices.
    if (f == 0.0) return dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}
