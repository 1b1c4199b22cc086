/** The token world (SPEC 10): a discrete HMM whose frozen model is the Bayes filter, its theory Gaussian-equivalent. */
import type { World } from "../world.js";
import { tokenHeapBytes, tokenMemorySteps } from "./memory.js";
import { tokenReplicate } from "./replicate.js";
import { tokenSize, type TokenSizeContext } from "./size.js";

/** The token world: its world drawn from the streams of src/tokens/streams.ts, replicate r from (seed, p, r + 1). */
export const tokenWorld: World<TokenSizeContext> = {
  name: "tokens",
  prepareSize: tokenSize,
  runReplicate: tokenReplicate,
  taskMemorySteps: tokenMemorySteps,
  workerHeapBytes: tokenHeapBytes,
};
