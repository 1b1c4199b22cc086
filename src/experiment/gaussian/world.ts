/** The Gaussian world (SPEC sections 1-9): a linear-Gaussian HMM pre-trained model, sampled three ways. */
import { RandomStream } from "../../rng/stream.js";
import type { World } from "../world.js";
import { gaussianHeapBytes, gaussianMemorySteps } from "./memory.js";
import { gaussianReplicate } from "./replicate.js";
import { gaussianSize, type SizeContext } from "./size.js";

/** The linear-Gaussian HMM of SPEC section 1, its model of size p from stream (seed, p, 0). */
export const gaussianWorld: World<SizeContext> = {
  name: "gaussian",
  prepareSize: (settings, p) => gaussianSize(settings, p, RandomStream.unchecked(settings.seed, p, 0)),
  runReplicate: gaussianReplicate,
  taskMemorySteps: gaussianMemorySteps,
  workerHeapBytes: gaussianHeapBytes,
};
