/**
 * The Gram matrix on the WebAssembly dsyrk kernel (friendly tier: copy in, run, copy out): gram validates X,
 * gramUnchecked takes a checked or computed X.
 */
import { ArgumentError } from "../errors.js";
import { assertMatrix } from "../validate.js";
import { getCore } from "../wasm/core.js";
import type { Matrix } from "./matrix.js";

/**
 * G = X^T X (form "XtX", p x p) or G = X X^T (form "XXt", n x n); G is exactly symmetric (bitwise).
 * @param X n x p, row-major
 * @param form "XtX" (default) or "XXt"
 * @returns G, a fresh Matrix
 * @throws {ArgumentError} when X is not a Matrix or form is not "XtX" or "XXt"
 * @throws {ShapeError} when X.data's length disagrees with rows x cols
 * @throws {NonFiniteError} when X holds NaN or Infinity
 * @throws {TooLargeError} when X and G do not fit in WebAssembly memory
 * @example gram(X, "XXt") // the n x n kernel matrix of the rows of X
 */
export function gram(X: Matrix, form: "XtX" | "XXt" = "XtX"): Matrix {
  assertMatrix("X", X);
  if (form !== "XtX" && form !== "XXt") {
    throw new ArgumentError(`form must be "XtX" or "XXt". Value: ${String(form)}.`, { name: "form", value: form });
  }
  return gramUnchecked(X, form);
}

/**
 * G = X^T X or X X^T for a checked or computed X (gram without its validation).
 * @param X n x p, row-major
 * @param form "XtX" (default) or "XXt"
 * @throws {TooLargeError} when X and G do not fit in WebAssembly memory
 * @example gramUnchecked(train.X) // X^T X
 */
export function gramUnchecked(X: Matrix, form: "XtX" | "XXt" = "XtX"): Matrix {
  const size = form === "XtX" ? X.cols : X.rows;
  const inner = form === "XtX" ? X.rows : X.cols;
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const x = arena.allocFrom(X.data, "X");
    const g = arena.alloc(size * size, "G");
    exports.dsyrk(form === "XtX" ? 1 : 0, size, inner, 1, x, Math.max(1, X.cols), 0, g, Math.max(1, size));
    return { rows: size, cols: size, data: arena.read(g, size * size) };
  });
}
