/**
 * Generic generators for fuzzing parsers: any JavaScript value, the bad values every field is tried with
 * (wrong type, out of range, huge, tiny, NaN, -0, long strings, deep nesting), and mutations of a valid
 * input (a field replaced by such a value, removed, or an unknown one added, at any depth).
 */
import fc from "fast-check";

/** Any value, including what JSON cannot hold (boxed values, Maps, null prototypes, sparse arrays, ...). */
export const anyValue = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withBigInt: true,
});

/** v wrapped `depth` times in a one-key object or a one-entry list. */
function nested(v: unknown, depth: number, inList: boolean): unknown {
  let out = v;
  for (let i = 0; i < depth; i++) out = inList ? [out] : { a: out };
  return out;
}

/** Values a numeric, string or structured field is tried with: each kind of wrong the issue lists. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, -0, 0, -1, 0.5, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 1e-320, 1e-300, 1e300, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53)),
  fc.constantFrom("1", "", " ", "NaN", "Infinity", "0x10", "1e3", "true", "null", "paper", "minnorm", "\u0000", "\ud800"),
  fc.constantFrom(null, true, false, [], {}, [1], { kind: "minnorm" }, { p: [4] }, { gamma: [0.5] }),
  fc.double(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double({ min: 2 ** -60, max: 2 ** 60, noNaN: true }),
  fc.string({ minLength: 1000, maxLength: 20_000 }),
  fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.boolean(), fc.constantFrom<unknown>(1, "x", null)).map(([depth, inList, leaf]) => nested(leaf, depth, inList)),
  anyValue,
  fc.jsonValue(),
);

/** root (changed in place) with the value at path replaced by value, or removed when remove is true. */
function mutate(root: Record<string | number, unknown>, path: (string | number)[], value: unknown, remove: boolean): unknown {
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") return root;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  // Reflect, not delete and =: a typed array's index or a frozen value cannot change, and the edit is then skipped.
  if (remove) Reflect.deleteProperty(node, last);
  else Reflect.set(node, last, value);
  return root;
}

/** Every path (keys from the root) to a value inside v, the root excluded. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((key) => [[...prefix, key], ...paths((v as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/**
 * Mutations of valid inputs: one to three times, pick a path (or a new key: an unknown field, at the top or
 * one level down) and replace its value by one of values, or delete it.
 */
export function mutations(valid: fc.Arbitrary<object>, values: fc.Arbitrary<unknown> = badValue): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    const all = [...paths(v), ["extraField"], ["grid", "extra"], ["heads", 0, "extra"], ["__proto__"], ["constructor"]];
    const one = fc.record({ path: fc.constantFrom(...all), value: values, remove: fc.boolean() });
    // One copy, then edits in place: a deeply nested value (3,000 levels) is not cloned again.
    return fc.array(one, { minLength: 1, maxLength: 3 }).map((edits) => {
      const root = structuredClone(v) as Record<string | number, unknown>;
      for (const e of edits) mutate(root, e.path, e.value, e.remove);
      return root;
    });
  });
}

/** The JSON text of a value, or a broken text ("{") for one JSON cannot write (a BigInt, a cycle). */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "{";
  }
}

/** The text with its i-th number (mod their count) replaced by token: a non-finite or odd value in a valid file. */
export function replaceNumber(text: string, i: number, token: string): string {
  const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[-+]?\d+)?/g)];
  const m = numbers[i % numbers.length]!;
  return text.slice(0, m.index) + token + text.slice(m.index! + m[0].length);
}
