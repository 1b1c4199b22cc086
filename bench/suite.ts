/**
 * The shape of a benchmark: a suite per kernel, a case per size, and for each case the implementations to
 * time. An implementation is prepared once per case (inputs built and copied where they belong, untimed)
 * and returns a Trial whose run() is the timed call; reset() restores inputs a call overwrites, untimed.
 */

/** One timed operation: run() is timed, reset() (if any) runs untimed before each run(). */
export interface Trial {
  run(): void;
  reset?(): void;
}

/** Builds a Trial; called inside an arena scope that is released after the case's measurement. */
export type Prepare = () => Trial;

/** The JavaScript peers timed in the same process. */
export type JsPeer = "ref" | "ml-matrix";
export const JS_PEERS: readonly JsPeer[] = ["ref", "ml-matrix"];

/** One operation for the numpy peer (bench/peers/numpy_peer.py), keyed by op name with its sizes. */
export interface NumpyTask {
  op: "syrk_t" | "syrk_n" | "gemm" | "potrf" | "syev" | "normal" | "minnorm" | "forward" | `task_${string}`;
  dims: number[];
}

export interface BenchCase {
  /** The size as shown, e.g. "512×512 XᵀX". */
  size: string;
  /** Flops (or normals) of one call, for the rate column and to predict slow peers (an estimate where rate is "time"). */
  work: number;
  /** Cases of one family take the same algorithm path: a slow peer is predicted from the last case of its family. */
  family?: string;
  /** The kernel on data in WebAssembly memory; absent for composite operations (ratios then use friendly). */
  pointer?: Prepare;
  friendly: Prepare;
  /** JS peers that implement this operation; a missing one is shown as not applicable. */
  js: Partial<Record<JsPeer, Prepare>>;
  numpy: NumpyTask;
  /** Cases of one series (e.g. "n=200, k=p") form a growth table: the growth exponent of time in x between successive cases. */
  scaling?: { series: string; x: number };
}

export interface Suite {
  name: string;
  /** Unit of the rate column: flops give GFLOP/s, normals give M normals/s, "time" shows no rate. */
  rate: "flops" | "normals" | "time";
  /** What work counts, for the header. */
  workNote: string;
  /** Cases in ascending size (so slower peers can be predicted from the previous size). */
  cases(quick: boolean): BenchCase[];
}
