// Static scratch of the symmetric eigensolver, shared by its phases, which never overlap in time: the blocked
// basis formation (tridiagBasis: the n x k product Z U and the k x k factor T) and then the QL rotations
// (tridiagRotate: the packed strip and the rotation log). Kernels never allocate, so scratch is fixed.

/** Bytes of the scratch: 512 KiB, half of the 1 MiB L2 of the machines we measure on. */
export const SCRATCH_BYTES: usize = 524288;
/** Its first byte, 16-byte aligned. */
export const scratch: usize = memory.data(<i32>SCRATCH_BYTES, 16);
