/**
 * Damage to a records file (a checkpoint or a shard's records.jsonl): its task lines kept, dropped, repeated
 * and reordered; one line corrupted (a byte changed, cut, replaced by other JSON or by a task of another
 * shape); the header replaced (another configuration's, another kind or shard, garbage); the end torn.
 */
import fc from "fast-check";

export type LineEdit =
  | { kind: "byte"; line: number; at: number; char: string }
  | { kind: "cut"; line: number; at: number }
  | { kind: "replace"; line: number; text: string };

export interface LinesCase {
  /** Indices into the task lines: order, repeats and omissions. */
  order: number[];
  /** Which header: 0 the file's own, 1 another configuration's, then altered ones (see applyLines). */
  header: number;
  edit: LineEdit | null;
  /** Cut the file this many characters before its end (0: whole). */
  tear: number;
}

const strangeTask = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"p":3,"replicate":0,"records":[]}',
    '{"p":3,"replicate":0,"records":[{}]}',
    '{"p":3,"replicate":0,"records":[1,2]}',
    '{"p":3,"replicate":99,"records":[]}',
    '{"p":999,"replicate":0,"records":[]}',
    '{"p":-3,"replicate":0,"records":[]}',
    '{"p":3,"replicate":0,"step":0,"records":[]}',
    '{"p":3,"replicate":0,"records":null}',
    '{"p":3,"replicate":0,"records":[{"head":"minnorm","p":3,"replicate":0,"oracleRisk":{"$num":"NaN"}}]}',
    '{"$num":"1"}',
    "",
    "\u0000",
  ),
);

/** Cases of damage for a file with `tasks` task lines. */
export function linesCases(tasks: number): fc.Arbitrary<LinesCase> {
  const line = fc.integer({ min: 0, max: tasks });
  return fc.record({
    order: fc.oneof(
      { weight: 2, arbitrary: fc.shuffledSubarray([...Array(tasks).keys()], { minLength: 0 }) },
      { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: tasks - 1 }), { maxLength: tasks + 3 }) },
      { weight: 1, arbitrary: fc.constant([...Array(tasks).keys()]) },
    ),
    header: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 7 }) }),
    edit: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant("byte" as const), line, at: fc.nat(), char: fc.constantFrom("0", "9", "x", "}", '"', ",", " ", "\n", "é") }),
        fc.record({ kind: fc.constant("cut" as const), line, at: fc.nat() }),
        fc.record({ kind: fc.constant("replace" as const), line, text: strangeTask }),
      ),
      { freq: 2 },
    ),
    tear: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }) }),
  }).map((c): LinesCase => ({ ...c, order: [...c.order] }));
}

/** The headers a case may put first: own, another configuration's, then kinds, shards and garbage. */
function header(own: Record<string, unknown>, other: Record<string, unknown>, which: number): string {
  switch (which) {
    case 0:
      return JSON.stringify(own);
    case 1:
      return JSON.stringify(other);
    case 2:
      return JSON.stringify({ ...own, kind: own.kind === "shard" ? "checkpoint" : "shard" });
    case 3:
      return JSON.stringify({ ...own, shard: { index: 1, count: 3 } });
    case 4:
      return JSON.stringify({ ...own, version: 2 });
    case 5:
      return JSON.stringify({ ...own, tasks: -1 });
    case 6:
      return JSON.stringify({ ...own, configHash: 7 });
    default:
      return "not a header";
  }
}

/**
 * The damaged file's text, and whether every task line in it is one of the originals unchanged (then a run
 * that accepts it must give the undamaged run's result).
 * @param own the file's header, other another configuration's; lines the original task lines
 */
export function applyLines(own: Record<string, unknown>, other: Record<string, unknown>, lines: string[], c: LinesCase): { text: string; verbatim: boolean } {
  const body = [header(own, other, c.header), ...c.order.map((i) => lines[i]!)];
  let verbatim = true;
  if (c.edit) {
    const i = c.edit.line % body.length;
    const old = body[i]!;
    if (c.edit.kind === "byte") {
      const at = c.edit.at % Math.max(old.length, 1);
      body[i] = old.slice(0, at) + c.edit.char + old.slice(at + 1);
    } else if (c.edit.kind === "cut") body[i] = old.slice(0, c.edit.at % Math.max(old.length, 1));
    else body[i] = c.edit.text;
    if (i > 0 && body[i] !== old) verbatim = false;
  }
  const text = body.map((l) => `${l}\n`).join("");
  return { text: text.slice(0, text.length - Math.min(c.tear, text.length)), verbatim };
}
