/**
 * Plain-TypeScript twin of the random-stream kernel (assembly/rng/): Philox4x32-10 keyed by the seed,
 * counter = (block index, stream id), read as u64 words; uniforms from 53 bits of a word; normals by a
 * 256-layer ziggurat. It produces the kernel's output bit for bit and is written to be read, not to be fast.
 * See assembly/rng/ziggurat.ts for the method and the sources.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_16 = 65536;
const TWO_32 = 4294967296;

/** [hi, lo] of the 64-bit product a * b of two u32, from 16-bit halves so that every step is exact. */
function mulHiLo(a: number, b: number): [number, number] {
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const bHi = b >>> 16;
  const bLo = b & 0xffff;
  // a b = aHi bHi 2^32 + (aHi bLo + aLo bHi) 2^16 + aLo bLo; the middle sum is < 2^33, exact in f64.
  const middle = aHi * bLo + aLo * bHi;
  const carry = Math.floor((middle + Math.floor((aLo * bLo) / TWO_16)) / TWO_16);
  return [(aHi * bHi + carry) >>> 0, Math.imul(a, b) >>> 0];
}

/**
 * philox4x32-10(ctr, key): the Random123 block function, ten rounds of
 * (c0, c1, c2, c3) <- (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)), key += (W0, W1).
 * @param ctr four u32 counter words (word 0 first)
 * @param key two u32 key words
 * @returns the four u32 output words
 * @example refPhilox4x32([0, 0, 0, 0], [0, 0]) // Uint32Array [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function refPhilox4x32(ctr: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  let [c0, c1, c2, c3] = [ctr[0]! >>> 0, ctr[1]! >>> 0, ctr[2]! >>> 0, ctr[3]! >>> 0];
  let [k0, k1] = [key[0]! >>> 0, key[1]! >>> 0];
  for (let round = 0; round < 10; round++) {
    const [hi0, lo0] = mulHiLo(M0, c0);
    const [hi1, lo1] = mulHiLo(M1, c2);
    [c0, c1, c2, c3] = [(hi1 ^ c1 ^ k0) >>> 0, lo1, (hi0 ^ c3 ^ k1) >>> 0, lo0];
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  return Uint32Array.of(c0, c1, c2, c3);
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;
const bits = new DataView(new ArrayBuffer(8));

/**
 * log(x) for a positive normal finite x, by fdlibm's e_log.c (the kernel's logPositive): the same
 * IEEE-754 operations in the same order, so the two agree bit for bit on every engine.
 * @param x in [2^-1022, 2^1024)
 */
export function refLog(x: number): number {
  bits.setFloat64(0, x);
  let hx = bits.getInt32(0);
  let k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // i = 0x100000 when the mantissa exceeds sqrt(2): scale x into [sqrt(2)/2, 1) and count one more 2.
  const i = (hx + 0x95f64) & 0x100000;
  bits.setInt32(0, hx | (i ^ 0x3ff00000));
  const y = bits.getFloat64(0);
  k += i >> 20;
  const f = y - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

// Ziggurat with 256 layers: see assembly/rng/ziggurat.ts.
const R = 3.654152885361009;
const V = 0.004928673233974655;
const F_R = 0.0012602859304985975;
const TWO_52 = 2 ** 52;
const TWO_M52 = 2 ** -52;
const TWO_M53 = 2 ** -53;

/** The ziggurat tables: K[i] bound on the 52-bit magnitude, W[i] = x_i 2^-52, F[i] = f(x_i). */
function zigguratTables(): { K: Float64Array; W: Float64Array; F: Float64Array } {
  const K = new Float64Array(256);
  const W = new Float64Array(256);
  const F = new Float64Array(256);
  let x = R;
  let f = F_R;
  W[255] = R * TWO_M52;
  F[255] = F_R;
  for (let i = 255; i >= 2; i--) {
    const fUp = f + V / x;
    const xUp = Math.sqrt(-2 * refLog(fUp));
    K[i] = Math.floor((xUp / x) * TWO_52);
    W[i - 1] = xUp * TWO_M52;
    F[i - 1] = fUp;
    x = xUp;
    f = fUp;
  }
  const q = V / F_R;
  K[1] = 0;
  K[0] = Math.floor((R / q) * TWO_52);
  W[0] = q * TWO_M52;
  F[0] = 1;
  return { K, W, F };
}

const { K, W, F } = zigguratTables();

/** A 64-bit word of the stream as its two u32 halves. */
interface Word {
  lo: number;
  hi: number;
}

/** A uniform in [0, 1): the high 53 bits of the word times 2^-53. */
function uniform53(u: Word): number {
  return (u.hi * 2 ** 21 + (u.lo >>> 11)) * TWO_M53;
}

/** A uniform in (0, 1]: 1 - uniform53, exact. */
function uniformOpen(u: Word): number {
  return (2 ** 53 - (u.hi * 2 ** 21 + (u.lo >>> 11))) * TWO_M53;
}

/**
 * A random stream: Philox4x32-10 with key (seed low word, seed high word) and counter
 * (block low, block high, streamLo, streamHi); block b's words w0..w3 are read as the u64 words
 * w0 + w1 2^32, w2 + w3 2^32. `state` has the kernel's layout (see assembly/rng/source.ts).
 */
export class RefRandomStream {
  readonly state = new Uint32Array(16);

  /**
   * The stream (seed, streamHi, streamLo) at its start.
   * @param seed integer in [0, 2^53)
   * @param streamHi u32
   * @param streamLo u32
   */
  constructor(seed: number, streamHi = 0, streamLo = 0) {
    this.state[0] = seed % TWO_32;
    this.state[1] = Math.floor(seed / TWO_32);
    this.state[4] = streamLo;
    this.state[5] = streamHi;
    this.state[6] = 4;
  }

  /** The next u64 word: generate the next block when the last one is used up. */
  private next(): Word {
    const s = this.state;
    if (s[6] === 4) {
      s.set(refPhilox4x32([s[2]!, s[3]!, s[4]!, s[5]!], [s[0]!, s[1]!]), 8);
      s[2] = s[2]! + 1;
      if (s[2] === 0) s[3] = s[3]! + 1;
      s[6] = 0;
    }
    const word = { lo: s[8 + s[6]!]!, hi: s[9 + s[6]!]! };
    s[6] = s[6]! + 2;
    return word;
  }

  /** n uniforms in [0, 1), 53 random bits each. */
  uniform(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = uniform53(this.next());
    return out;
  }

  /** n standard normals by the ziggurat. */
  normal(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normalOne();
    return out;
  }

  /** chi variates, out[i] with dof[i] (integer >= 1) degrees of freedom: |z| for 1, sqrt(2 Gamma(k / 2)) above. */
  chi(dof: Float64Array): Float64Array {
    return dof.map((k) => (k === 1 ? Math.abs(this.normalOne()) : Math.sqrt(2 * this.gamma(0.5 * k))));
  }

  /** Gamma(a, 1) for a >= 1 by Marsaglia and Tsang (2000), as assembly/rng/chi.ts. */
  private gamma(a: number): number {
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normalOne();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniformOpen(this.next());
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (refLog(u) < 0.5 * x2 + d * (1 - v + refLog(v))) return d * v;
    }
  }

  private normalOne(): number {
    for (;;) {
      const u = this.next();
      const layer = u.lo & 0xff;
      const negative = (u.lo & 0x100) !== 0;
      const m = u.hi * 2 ** 20 + (u.lo >>> 12);
      const x = m * W[layer]!;
      if (m < K[layer]!) return negative ? -x : x;
      if (layer === 0) {
        const t = this.tail();
        return negative ? -t : t;
      }
      const y = F[layer]! + uniform53(this.next()) * (F[layer - 1]! - F[layer]!);
      if (refLog(y) < -0.5 * x * x) return negative ? -x : x;
    }
  }

  /** R + x, x from the exponential tail beyond R (Marsaglia 1964). */
  private tail(): number {
    for (;;) {
      const x = -refLog(uniformOpen(this.next())) / R;
      const y = -refLog(uniformOpen(this.next()));
      if (y + y > x * x) return R + x;
    }
  }
}
