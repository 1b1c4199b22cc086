import { hmmSample } from "../hmm/sample";
import { newMatrix, release } from "./helpers/dense";
import { aliasTablesOf, AliasTables } from "./helpers/tokens";

/** The model's draws: tokens (n x T) and last (n), from the uniforms u (n (2T + 1)). */
class Draws {
  tokens: usize;
  last: usize;
  constructor(n: i32, T: i32, H: i32, V: i32, u: usize, start: AliasTables, trans: AliasTables, emit: AliasTables) {
    this.tokens = heap.alloc(<usize>max(1, n * T) << 2);
    this.last = heap.alloc(<usize>max(1, n) << 2);
    hmmSample(n, T, H, V, u, start.prob, start.alias, trans.prob, trans.alias, emit.prob, emit.alias, this.tokens, this.last);
  }
  token(i: i32, T: i32, t: i32): i32 {
    return load<i32>(this.tokens + ((<usize>i * <usize>T + <usize>t) << 2));
  }
  lastOf(i: i32): i32 {
    return load<i32>(this.last + (<usize>i << 2));
  }
  free(): void {
    heap.free(this.tokens);
    heap.free(this.last);
  }
}

describe("hmmSample", () => {
  it("follows one-hot tables exactly: h_1 = 1, o_t = h_t + 1, h_{t+1} = h_t + 1 mod 3, whatever the uniforms", () => {
    const H = 3;
    const V = 4;
    const T = 7;
    const n = 5;
    const start = aliasTablesOf(1, H, [0, 1, 0]);
    const trans = aliasTablesOf(H, H, [0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const emit = aliasTablesOf(H, V, [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const u = newMatrix(n, 2 * T + 1);
    for (let i = 0; i < n * (2 * T + 1); i++) store<f64>(u + (<usize>i << 3), <f64>((i * 7919) % 1000) / 1000.0);
    const d = new Draws(n, T, H, V, u, start, trans, emit);
    let right = true;
    for (let i = 0; i < n; i++) {
      let h = 1;
      for (let t = 0; t < T; t++) {
        if (d.token(i, T, t) != h + 1) right = false;
        h = (h + 1) % H;
      }
      if (d.lastOf(i) != h) right = false;
    }
    expect(right).toBe(true);
    d.free();
    start.free();
    trans.free();
    emit.free();
    release(u);
  });

  it("reads each sequence's 2T + 1 uniforms in the order h_1, o_1, h_2, ..., o_T, h_{T+1}, and no other sequence's", () => {
    // Two states and two tokens, every row (1/2, 1/2): each table keeps its column, so a draw is floor(2 u),
    // and the bit of each uniform shows where the kernel used it.
    const H = 2;
    const T = 4;
    const n = 3;
    const half: f64[] = [0.5, 0.5, 0.5, 0.5];
    const start = aliasTablesOf(1, H, [0.5, 0.5]);
    const trans = aliasTablesOf(H, H, half);
    const emit = aliasTablesOf(H, H, half);
    const per = 2 * T + 1;
    const u = newMatrix(n, per);
    const bit = (i: i32, k: i32): i32 => ((i * 5 + k * 3) >> 1) & 1;
    for (let i = 0; i < n; i++) for (let k = 0; k < per; k++) store<f64>(u + ((<usize>(i * per + k)) << 3), bit(i, k) == 1 ? 0.75 : 0.25);
    const d = new Draws(n, T, H, H, u, start, trans, emit);
    let right = true;
    for (let i = 0; i < n; i++) {
      // Uniform 0 draws h_1 (not seen); uniform 2t + 1 draws o_{t+1}; uniform 2T draws h_{T+1}.
      for (let t = 0; t < T; t++) if (d.token(i, T, t) != bit(i, 2 * t + 1)) right = false;
      if (d.lastOf(i) != bit(i, 2 * T)) right = false;
    }
    expect(right).toBe(true);
    // Sequence 1 alone, from its own uniforms, is row 1 of the batch.
    const alone = new Draws(1, T, H, H, u + ((<usize>per) << 3), start, trans, emit);
    let same = alone.lastOf(0) == d.lastOf(1);
    for (let t = 0; t < T; t++) if (alone.token(0, T, t) != d.token(1, T, t)) same = false;
    expect(same).toBe(true);
    alone.free();
    d.free();
    start.free();
    trans.free();
    emit.free();
    release(u);
  });
});
