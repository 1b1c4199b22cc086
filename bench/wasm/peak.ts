// The ceiling microkernel of the benchmark (not part of the product: bench/ceiling.ts compiles it with asc
// into build/): the peak rate of WebAssembly f64x2 multiply-then-add, v = v * m + c, on CHAINS independent
// register accumulators. Each step of a chain is one f64x2.mul and one f64x2.add (2 flops per lane, 4 per
// step); the chains are independent, so the core overlaps them until its multiply and add ports, not their
// latency, bound the rate. m and c and the starting accumulators are read from memory and the results are
// written back (the caller reads them), so the optimizer can neither fold nor drop the loop.
// Measured under V8 on Zen 5: 6 chains run at half of 12, so one chain is latency-bound (mul then add);
// 12 and 13 chains run at the same ~34 GFLOP/s (the ports are full); 14 chains spill (V8 allocates 15 xmm
// registers: 14 accumulators + m + c do not fit) and run at half. 12 keeps one register in hand.
// With m = 0.5 and c = 1 every lane converges to c / (1 - m) = 2: no overflow, no subnormals.
// See: Dolbeau, "Theoretical peak FLOPS per instruction set: a tutorial", J. Supercomputing 74 (2018)
// (peak = ports x lanes x flops per instruction x clock; latency x ports independent chains fill the ports).

/** Independent accumulators of the loop. */
const CHAINS = 12;

/** Scratch: m, c, then the CHAINS accumulators, one f64x2 (16 bytes) each. */
const SLOTS: usize = memory.data(16 * (2 + CHAINS), 16);

/** The byte address of the scratch: m at +0, c at +16, accumulator i at +32 + 16 i. */
export function scratch(): usize {
  return SLOTS;
}

/** The number of independent accumulators (flops of one call = iters * chains() * 4). */
export function chains(): i32 {
  return CHAINS;
}

/** iters times, for each accumulator v (12 of them): v = v * m + c, all f64x2; results stored back. */
export function peak(iters: i32): void {
  const m = v128.load(SLOTS);
  const c = v128.load(SLOTS, 16);
  let v0 = v128.load(SLOTS, 32);
  let v1 = v128.load(SLOTS, 48);
  let v2 = v128.load(SLOTS, 64);
  let v3 = v128.load(SLOTS, 80);
  let v4 = v128.load(SLOTS, 96);
  let v5 = v128.load(SLOTS, 112);
  let v6 = v128.load(SLOTS, 128);
  let v7 = v128.load(SLOTS, 144);
  let v8 = v128.load(SLOTS, 160);
  let v9 = v128.load(SLOTS, 176);
  let v10 = v128.load(SLOTS, 192);
  let v11 = v128.load(SLOTS, 208);
  for (let i = 0; i < iters; i++) {
    v0 = f64x2.add(f64x2.mul(v0, m), c);
    v1 = f64x2.add(f64x2.mul(v1, m), c);
    v2 = f64x2.add(f64x2.mul(v2, m), c);
    v3 = f64x2.add(f64x2.mul(v3, m), c);
    v4 = f64x2.add(f64x2.mul(v4, m), c);
    v5 = f64x2.add(f64x2.mul(v5, m), c);
    v6 = f64x2.add(f64x2.mul(v6, m), c);
    v7 = f64x2.add(f64x2.mul(v7, m), c);
    v8 = f64x2.add(f64x2.mul(v8, m), c);
    v9 = f64x2.add(f64x2.mul(v9, m), c);
    v10 = f64x2.add(f64x2.mul(v10, m), c);
    v11 = f64x2.add(f64x2.mul(v11, m), c);
  }
  v128.store(SLOTS, v0, 32);
  v128.store(SLOTS, v1, 48);
  v128.store(SLOTS, v2, 64);
  v128.store(SLOTS, v3, 80);
  v128.store(SLOTS, v4, 96);
  v128.store(SLOTS, v5, 112);
  v128.store(SLOTS, v6, 128);
  v128.store(SLOTS, v7, 144);
  v128.store(SLOTS, v8, 160);
  v128.store(SLOTS, v9, 176);
  v128.store(SLOTS, v10, 192);
  v128.store(SLOTS, v11, 208);
}
