/**
 * The static import graph of the project's TypeScript sources, type-only imports and re-exports included (a
 * type-only circle still ties two modules' layers together), and its circles. Imports are read off the
 * statements that open a line (`import ... from "./x.js"`, `export ... from "./x.js"`), so examples in doc
 * comments (which open with " *") are not imports; only relative specifiers are followed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** A statement at the start of a line that imports or re-exports from a relative module, over several lines. */
const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s*"(\.{1,2}\/[^"]+)"/gms;
/** A side-effect import: import "./x.js". */
const BARE_IMPORT = /^import\s*"(\.{1,2}\/[^"]+)"/gm;

/** Every .ts file (not .d.ts) under dir, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The file a relative specifier names (TypeScript's ".js" for ".ts"), or undefined (a generated or .d.ts file). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** For each file, the files among `files` it imports. */
export function importGraph(files: string[]): Map<string, string[]> {
  const inside = new Set(files);
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, "utf8");
      const specifiers = [...text.matchAll(IMPORT), ...text.matchAll(BARE_IMPORT)].map((m) => m[1]!);
      const targets = specifiers.flatMap((s) => resolveSpecifier(file, s) ?? []).filter((t) => inside.has(t));
      return [file, [...new Set(targets)]];
    }),
  );
}

/**
 * The circles of a graph: each strongly connected component of more than one file (or a file importing itself)
 * as one closed path through it, paths relative to root (Tarjan's algorithm, iterative).
 */
export function importCircles(graph: Map<string, string[]>, root: string): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((component) => closedPath(graph, new Set(component)).map((f) => relative(root, f)));
}

/** A closed path through a strongly connected set, from its first file in sorted order: a breadth-first walk back to it. */
function closedPath(graph: Map<string, string[]>, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!parent.has(target)) {
        parent.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
