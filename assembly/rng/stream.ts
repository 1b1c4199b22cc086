// The random-stream ABI: keyed, independent, reproducible streams of uniforms and standard normals.
// A stream is Philox4x32-10 with key = the 64-bit seed and counter = (block index, stream id), so any
// stream can be drawn alone and two stream ids never share a block. Draws read u64 words in order from
// the stream (source.ts); uniforms take 53 bits of one word, normals run the ziggurat (ziggurat.ts).
// The state at a pointer (RNG_STATE_BYTES = 64) records the position down to the word, so splitting a
// request into several calls gives the same numbers.
// see: Salmon et al. (2011), Random123; Marsaglia and Tsang (2000).
import { philoxBlock } from "./philox";
import { closeSource, cursor, end, initState, openSource, refill } from "./source";
import { K_TABLE, W_TABLE, normalSlow, uniform53 } from "./ziggurat";

/** out[0..4) = philox4x32-10(ctr[0..4), key[0..2)), all u32 (known-answer tests). */
export function philox4x32(ctr: usize, key: usize, out: usize): void {
  philoxBlock(load<u32>(ctr, 0), load<u32>(ctr, 4), load<u32>(ctr, 8), load<u32>(ctr, 12), load<u32>(key, 0), load<u32>(key, 4), out);
}

/** Initializes the stream state at `state` for key (seedLo, seedHi) and stream id (streamLo, streamHi). */
export function rngInit(state: usize, seedLo: u32, seedHi: u32, streamLo: u32, streamHi: u32): void {
  initState(state, seedLo, seedHi, streamLo, streamHi);
}

/** Fills n f64 at out with uniforms in [0, 1), (u >> 11) 2^-53 for consecutive words u of the stream. */
export function rngUniform(state: usize, out: usize, n: i32): void {
  fill(state, out, n, false);
}

/** Fills n f64 at out with standard normals (ziggurat), advancing the stream. */
export function rngNormal(state: usize, out: usize, n: i32): void {
  fill(state, out, n, true);
}

/**
 * Fills n f64 at out from the stream at state: uniforms, or standard normals when `normal` (a constant at
 * both call sites, so inlining keeps one loop in each).
 */
@inline function fill(state: usize, out: usize, n: i32, normal: bool): void {
  openSource(state);
  // Words and outputs both take 8 bytes, so one run covers min(outputs left, words left); the source's
  // cursor stays in a local during a run (no calls inside) and is written back around refill. A run of
  // normals stops at the first draw that misses the ziggurat's fast path, which normalSlow finishes (it may
  // read further words and refill); a run of uniforms always reaches its end.
  let p = cursor;
  let q = out;
  const qEnd = out + (<usize>max(n, 0) << 3);
  while (q < qEnd) {
    if (p == end) {
      refill(<i32>((qEnd - q) >>> 3));
      p = cursor;
    }
    const stop = q + min(qEnd - q, end - p);
    if (normal) {
      while (q < stop) {
        const u = load<u64>(p);
        const j = <usize>(u & 0xff) << 3;
        const m = u >>> 12;
        if (m >= load<u64>(K_TABLE + j)) break;
        // x = (bit 8 of u ? -1 : 1) * m * W[layer]: bit 8 moved to the sign bit (63) of the product.
        store<f64>(q, reinterpret<f64>(reinterpret<u64>(<f64><i64>m * load<f64>(W_TABLE + j)) ^ ((u & 0x100) << 55)));
        q += 8;
        p += 8;
      }
    } else {
      while (q < stop) {
        store<f64>(q, uniform53(load<u64>(p)));
        q += 8;
        p += 8;
      }
    }
    cursor = p;
    if (q < stop) {
      cursor = p + 8;
      store<f64>(q, normalSlow(load<u64>(p)));
      q += 8;
      p = cursor;
    }
  }
  closeSource(state);
}
