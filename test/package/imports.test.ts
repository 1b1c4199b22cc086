// Arrows one way: no circle of imports among the project's modules (type-only imports count: a type-only
// circle still ties two layers together). The reader of the graph is checked first on a small folder whose
// graph is known (multi-line and type-only imports, re-exports, a side-effect import, an import in a comment).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importCircles, importGraph, sourceFiles } from "../helpers/import-graph.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the import graph reader", () => {
  const dir = mkdtempSync(join(tmpdir(), "headtune-imports-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "low"));
  const files: Record<string, string> = {
    "a.ts": 'import {\n  one,\n  two,\n} from "./b.js";\nimport type { T } from "./low/c.js";\n',
    "b.ts": 'export { d } from "./low/d.js";\n/**\n * @example import { a } from "./a.js";\n */\n',
    "low/c.ts": 'import "../a.js";\nimport { z } from "zod";\n',
    "low/d.ts": "export const d = 1;\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const graph = importGraph(sourceFiles(dir));
  const edges = (name: string) => graph.get(join(dir, name))!.map((f) => f.slice(dir.length + 1)).sort();

  it("follows multi-line, type-only, re-export and side-effect imports, and not comments or packages", () => {
    expect(edges("a.ts")).toEqual(["b.ts", "low/c.ts"]);
    expect(edges("b.ts")).toEqual(["low/d.ts"]);
    expect(edges("low/c.ts")).toEqual(["a.ts"]);
    expect(edges("low/d.ts")).toEqual([]);
  });

  it("finds the circle a -> low/c -> a and nothing else", () => {
    expect(importCircles(graph, dir)).toEqual([["a.ts", "low/c.ts", "a.ts"]]);
  });

  it("closes a longer circle through every file on it", () => {
    const g = new Map([
      ["x", ["y"]],
      ["y", ["z"]],
      ["z", ["x", "w"]],
      ["w", []],
      ["v", ["v"]],
    ]);
    expect(importCircles(g, "")).toEqual([["x", "y", "z", "x"], ["v", "v"]]);
  });
});

describe.each(["src", "bench", "demo", "test"])("%s/", (folder) => {
  it("has no circle of imports", () => {
    const graph = importGraph(sourceFiles(join(root, folder)));
    expect(graph.size).toBeGreaterThan(5);
    expect(importCircles(graph, root)).toEqual([]);
  });
});
