// The word source behind every draw: the Philox4x32-10 output of one stream read as a sequence of u64
// (block b gives words w0 w1 w2 w3, read as w0 | w1 << 32 then w2 | w3 << 32), generated a batch of
// blocks at a time into a static buffer. Which words a draw consumes depends only on the stream
// position, never on batching, so the output does not depend on how callers chunk their requests.
// see: Salmon et al. (2011), counter-based generation; the state layout is documented below.
//
// State (16 u32 words = RNG_STATE_BYTES at a pointer):
//   0, 1   key = seed (low word, high word)
//   2, 3   index of the next block to generate (low word, high word)
//   4, 5   stream id (low word, high word) = counter words 2 and 3
//   6      words of the last generated block already consumed (4: none left)
//   7      zero
//   8..11  the last generated block (block index - 1), while words of it remain
//   12..15 zero
import { philoxBlocks } from "./philox";

/** Largest batch in blocks: 4 KiB of words, two u64 per block. */
const BATCH_BLOCKS = 256;
const BUFFER = memory.data(BATCH_BLOCKS * 16);

// The open source of the current call, loaded from a state pointer and saved back into it.
let key0: u32 = 0;
let key1: u32 = 0;
let streamLo: u32 = 0;
let streamHi: u32 = 0;
/** Block index of the block at BUFFER. */
let base: u64 = 0;
/** Next unread byte of BUFFER, and the end of the generated words. */
export let cursor: usize = BUFFER;
export let end: usize = BUFFER;

/** Writes the initial state for key (seedLo, seedHi) and stream id (streamLo, streamHi): block 0, no words left. */
export function initState(state: usize, seedLo: u32, seedHi: u32, sLo: u32, sHi: u32): void {
  memory.fill(state, 0, 64);
  store<u32>(state, seedLo, 0);
  store<u32>(state, seedHi, 4);
  store<u32>(state, sLo, 16);
  store<u32>(state, sHi, 20);
  store<u32>(state, 4, 24);
}

/** Opens the stream stored at state: its partly consumed block becomes the buffer. */
export function openSource(state: usize): void {
  key0 = load<u32>(state, 0);
  key1 = load<u32>(state, 4);
  const next = load<u64>(state, 8);
  streamLo = load<u32>(state, 16);
  streamHi = load<u32>(state, 20);
  // Words are consumed in pairs, so the position is even; the mask keeps a damaged state in bounds.
  const used = load<u32>(state, 24) & 6;
  if (used < 4) {
    v128.store(BUFFER, v128.load(state, 32));
    base = next - 1;
    cursor = BUFFER + (<usize>used << 2);
    end = BUFFER + 16;
  } else {
    base = next;
    cursor = BUFFER;
    end = BUFFER;
  }
}

/**
 * Replaces the exhausted buffer by the next min(BATCH_BLOCKS, ceil(want / 2)) blocks, want >= 1 being the
 * number of u64 the caller still expects to read.
 */
export function refill(want: i32): void {
  base += <u64>((end - BUFFER) >>> 4);
  const nb = min(BATCH_BLOCKS, (want + 1) >>> 1);
  philoxBlocks(BUFFER, nb, base, streamLo, streamHi, key0, key1);
  cursor = BUFFER;
  end = BUFFER + (<usize>nb << 4);
}

/** The next u64 of the stream. */
export function nextU64(): u64 {
  if (cursor == end) refill(1);
  const u = load<u64>(cursor);
  cursor += 8;
  return u;
}

/** Saves the position of the open source into state (the block holding the last word read, and how far). */
export function closeSource(state: usize): void {
  const read = cursor - BUFFER;
  if (read == 0) return;
  const last = (read - 1) >>> 4;
  store<u64>(state, base + <u64>last + 1, 8);
  store<u32>(state, <u32>(((read - 1) & 15) >>> 2) + 1, 24);
  v128.store(state, v128.load(BUFFER + (last << 4)), 32);
}

