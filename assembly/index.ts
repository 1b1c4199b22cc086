// The export list of the WebAssembly core, nothing else. See src/wasm/exports.ts for the ABI.
export { heapBase } from "./memory";
export { dgemm } from "./linalg/dgemm";
export { gemmBlock, gemmIssued, gemmSelect } from "./linalg/gemmcore";
export { dsyrk, dsyrkWeighted } from "./linalg/dsyrk";
export { dpotrf } from "./linalg/dpotrf";
export { dtrsm } from "./linalg/dtrsm";
export { dsyev, dsyevWorkSize } from "./linalg/dsyev";
export { ddgmm } from "./linalg/ddgmm";
export { dlacpy, dsqdiff } from "./linalg/blocks";
export { dot as ddot } from "./linalg/vector";
export { philox4x32, rngInit, rngUniform, rngNormal } from "./rng/stream";
export { rngChi } from "./rng/chi";
export { dsterf } from "./linalg/dsterf";
export { aliasBuild } from "./hmm/alias";
export { hmmSample } from "./hmm/sample";
export { hmmForward } from "./hmm/forward";
export { rngDirichlet } from "./hmm/dirichlet";
