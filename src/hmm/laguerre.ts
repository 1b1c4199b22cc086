// TEMPORARY stand-in until the Laguerre kernel lands: eigenvalues of W W^T from a dense W.
import { symmetricEigen } from "../linalg/eigen.js";
import { gram } from "../linalg/gram.js";
import type { RandomStream } from "../rng/stream.js";

export function gaussianSingularValuesSquared(d: number, p: number, stream: RandomStream): Float64Array {
  const W = stream.normalMatrix(d, p, 1 / Math.sqrt(d));
  const G = gram(W, d <= p ? "XXt" : "XtX");
  return symmetricEigen(G).values.map((v) => Math.max(v, 0)).reverse();
}
