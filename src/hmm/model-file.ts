/**
 * A model as JSON: {"d","p","k","T","rho","sEps","sU","sY","A","W","V"}, matrices as arrays of rows.
 * Reading validates a hand-written file and names the first bad field.
 */
import * as z from "zod";
import { ArgumentError } from "../errors.js";
import { fromRows, toRows } from "../linalg/matrix.js";
import { showValue as show } from "../validate.js";
import type { Model } from "./model.js";

const rowsSchema = z.array(z.array(z.number()));

const modelSchema = z
  .object({
    d: z.int().min(1),
    p: z.int().min(1),
    k: z.int().min(1),
    T: z.int().min(1),
    rho: z.number().nonnegative(),
    sEps: z.number().nonnegative(),
    sU: z.number().nonnegative(),
    sY: z.number().nonnegative(),
    A: rowsSchema,
    W: rowsSchema,
    V: rowsSchema,
  })
  .strict()
  .superRefine((m, ctx) => {
    const shapes = { A: [m.d, m.d], W: [m.d, m.p], V: [m.d, m.k] } as const;
    for (const [name, [rows, cols]] of Object.entries(shapes)) {
      const value = m[name as keyof typeof shapes];
      if (value.length !== rows) {
        ctx.addIssue({ code: "custom", path: [name], message: `must have ${rows} rows (d); it has ${value.length}` });
        return;
      }
      const bad = value.findIndex((row) => row.length !== cols);
      if (bad >= 0) {
        ctx.addIssue({
          code: "custom",
          path: [name, bad],
          message: `must have ${cols} entries (${name === "A" ? "d" : name === "W" ? "p" : "k"}); it has ${value[bad]!.length}`,
        });
        return;
      }
    }
  });

/**
 * The model as compact JSON text, matrices as arrays of rows (numbers printed exactly: they read back identical).
 * @param model the model
 * @example writeFileSync("model.json", modelToJson(model));
 */
export function modelToJson(model: Model): string {
  const { d, p, k, T, rho, sEps, sU, sY } = model;
  return JSON.stringify({ d, p, k, T, rho, sEps, sU, sY, A: toRows(model.A), W: toRows(model.W), V: toRows(model.V) });
}

/**
 * The model described by JSON text: sizes d, p, k, T positive integers, rho, sEps, sU, sY finite and >= 0,
 * A d x d, W d x p, V d x k (arrays of rows of finite numbers), no other field.
 * @param text JSON text
 * @param source what the text is, for messages (e.g. the file name)
 * @throws {ArgumentError} the text is not JSON, or a field is missing, unknown, of the wrong kind, out of
 *   range or of the wrong shape; the message names the field (e.g. 'W[3]') and shows its value.
 * @example const model = modelFromJson(readFileSync("model.json", "utf8"), "model.json");
 */
export function modelFromJson(text: string, source = "model file"): Model {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ArgumentError(`${source} is not valid JSON: ${(err as Error).message}.`, { source });
  }
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length === 0 ? "(top level)" : fieldName(issue.path);
    const value = valueAt(raw, issue.path);
    throw new ArgumentError(`${source}: field ${field}: ${issue.message}. Value: ${show(value)}.`, {
      source,
      field,
      path: issue.path,
      value,
    });
  }
  const m = parsed.data;
  return {
    d: m.d,
    p: m.p,
    k: m.k,
    T: m.T,
    rho: m.rho,
    sEps: m.sEps,
    sU: m.sU,
    sY: m.sY,
    A: fromRows(m.A),
    W: fromRows(m.W),
    V: fromRows(m.V),
  };
}

/** ["W", 3, 1] -> "W[3][1]". */
function fieldName(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("");
}

/** The value at path inside raw (undefined where the path leaves it). */
function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

