/**
 * A token world's model of one size as JSON (the model file of `headtune model` for world "tokens"):
 * {"world": "tokens", "H", "V", "T", "k", "p", "sU", "sY", "P": H x H, "E": H x V, "pi": H, "Vlab": H x k,
 *  "W": H x p, "mPop", "seed", "key"}, matrices as lists of rows. mPop, seed and key say how S_alpha is obtained
 * (M sequences of the stream (seed, key, population), or exact when V^T <= 10^6), so that reading the file back
 * gives the theory a sweep with the same configuration and seed computes for that size.
 */
import * as z from "zod";
import { assertContextLength, filterStep } from "../context-length.js";
import { ArgumentError, TooLargeError } from "../errors.js";
import { fromRows, toRows } from "../linalg/matrix.js";
import { matmul } from "../linalg/matmul.js";
import type { Representation } from "./representation.js";
import { EXACT_ENUMERATION_LIMIT } from "./salpha.js";
import { S_ALPHA_WORK_LIMIT, sampledSAlphaWork } from "./size.js";
import type { TokenWorld } from "./world.js";

/** What a token model file holds: the world, the size's representation, and how S_alpha is obtained. */
export interface TokenModel {
  world: TokenWorld;
  rep: Representation;
  mPop: number;
  seed: number;
  key: number;
}

/** A row of a stochastic matrix (or pi) may miss 1 by this much: files print numbers exactly, hand-written ones round. */
const STOCHASTIC_TOL = 1e-9;

const rows = z.array(z.array(z.number()));

const schema = z
  .object({
    world: z.literal("tokens"),
    H: z.int().min(2),
    V: z.int().min(2),
    T: z.int().min(1),
    k: z.int().min(1),
    p: z.int().min(1),
    sU: z.number().nonnegative(),
    sY: z.number().nonnegative(),
    P: rows,
    E: rows,
    pi: z.array(z.number().nonnegative()),
    Vlab: rows,
    W: rows,
    mPop: z.int().min(2),
    seed: z.int().min(0),
    key: z.int().min(0).max(4294967295),
  })
  .strict()
  .superRefine((m, ctx) => {
    const shapes = { P: [m.H, m.H, "H"], E: [m.H, m.V, "V"], Vlab: [m.H, m.k, "k"], W: [m.H, m.p, "p"] } as const;
    for (const [name, [r, c, what]] of Object.entries(shapes)) {
      const value = m[name as keyof typeof shapes];
      if (value.length !== r) return void ctx.addIssue({ code: "custom", path: [name], message: `must have ${r} rows (H); it has ${value.length}` });
      const bad = value.findIndex((row) => row.length !== c);
      if (bad >= 0) return void ctx.addIssue({ code: "custom", path: [name, bad], message: `must have ${c} entries (${what}); it has ${value[bad]!.length}` });
    }
    if (m.pi.length !== m.H) return void ctx.addIssue({ code: "custom", path: ["pi"], message: `must have ${m.H} entries (H); it has ${m.pi.length}` });
    for (const name of ["P", "E"] as const) {
      const bad = m[name].findIndex((row) => row.some((v) => v < 0) || Math.abs(row.reduce((a, b) => a + b, 0) - 1) > STOCHASTIC_TOL);
      if (bad >= 0) return void ctx.addIssue({ code: "custom", path: [name, bad], message: "must be a probability row (entries >= 0 summing to 1)" });
    }
    if (Math.abs(m.pi.reduce((a, b) => a + b, 0) - 1) > STOCHASTIC_TOL) ctx.addIssue({ code: "custom", path: ["pi"], message: "must sum to 1" });
  });

/**
 * The model file's JSON text (numbers printed exactly, so they read back identical).
 * @param model the world, the representation (W undefined: x = alpha_T, written as I_H) and S_alpha's source
 * @example writeFileSync("model.json", tokenModelToJson({ world, rep, mPop: 2500, seed: 1, key: 0 }));
 */
export function tokenModelToJson(model: TokenModel): string {
  const { world, rep, mPop, seed, key } = model;
  const { H, V, T, k, sY } = world.spec;
  const W = rep.W ?? fromRows(Array.from({ length: H }, (_, i) => Array.from({ length: H }, (_, j) => (i === j ? 1 : 0))));
  return JSON.stringify({
    world: "tokens", H, V, T, k, p: rep.p, sU: rep.sU, sY,
    P: toRows(world.P), E: toRows(world.E), pi: Array.from(world.pi), Vlab: toRows(world.Vlab), W: toRows(W), mPop, seed, key,
  });
}

/**
 * The token model in JSON text, checked: sizes, shapes, probability rows of P and E, pi on the simplex (within
 * 1e-9), finite numbers, no other field.
 * @param text JSON text
 * @param source the file's name in messages
 * @throws {ArgumentError} the text is not JSON or a field is missing, of the wrong kind or shape (the first is named)
 * @throws {TooLargeError} S_alpha from mPop sequences of T tokens (V^T > 10^6) is past its work limit: T past
 *   the context limit (context-length.ts), or mPop (2 T H^2 + H^2) > S_ALPHA_WORK_LIMIT
 * @example const { world, rep } = tokenModelFromJson(readFileSync("model.json", "utf8"), "model.json");
 */
export function tokenModelFromJson(text: string, source = "model file"): TokenModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ArgumentError(`${source} is not valid JSON (${(err as Error).message}).`, { name: source });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".");
    throw new ArgumentError(`${source}: ${path === "" ? "the model" : path} ${issue.message}.`, { name: path === "" ? source : path });
  }
  const m = parsed.data;
  assertSAlphaWork(m, source);
  const P = fromRows(m.P);
  const Vlab = fromRows(m.Vlab);
  const world: TokenWorld = {
    spec: { H: m.H, V: m.V, T: m.T, k: m.k, sY: m.sY },
    P,
    E: fromRows(m.E),
    pi: Float64Array.from(m.pi),
    Vlab,
    G: matmul(P, Vlab),
  };
  return { world, rep: { p: m.p, W: fromRows(m.W), sU: m.sU }, mPop: m.mPop, seed: m.seed, key: m.key };
}

/** Refuses a file whose S_alpha (estimated from mPop sequences when V^T > 10^6) would run past the work limit of a sweep's. */
function assertSAlphaWork(m: { H: number; V: number; T: number; mPop: number }, source: string): void {
  const { H, V, T, mPop } = m;
  if (V ** T <= EXACT_ENUMERATION_LIMIT) return;
  assertContextLength(T, filterStep(mPop, H));
  const work = sampledSAlphaWork(mPop, T, H);
  if (work > S_ALPHA_WORK_LIMIT) {
    throw new TooLargeError(
      `${source}: mPop = ${mPop} sequences of T = ${T} tokens cost ${work.toPrecision(3)} flops for S_alpha, past the limit of ${S_ALPHA_WORK_LIMIT}: use a smaller mPop. Value: ${mPop}.`,
      { name: "mPop", value: mPop, work },
    );
  }
}
