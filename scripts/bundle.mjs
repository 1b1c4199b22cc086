// Bundles the TypeScript sources into dist/ with esbuild (every dependency inlined, the WebAssembly core
// embedded): the library, the Node and browser workers, and the CLI. Each file is replaced atomically
// (temporary file + rename), so a test or a worker never loads a half-written bundle.
//   dist/index.js           the library (ESM, platform neutral; Node modules are imported lazily, only under Node)
//   dist/index.browser.js   the library for browsers and web bundlers (the "browser" export condition): no Node module
//   dist/worker.node.js     the worker thread of the Node pool
//   dist/worker.browser.js  the module Web Worker of the browser pool
//   dist/elements.js        the custom elements <headtune-sweep> and <headtune-map> (headtune/elements)
//   dist/cli.js             the headtune command (Node, with a #!/usr/bin/env node line)
import { build } from "esbuild";
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The esbuild options every headtune bundle shares (these, the explorer's, the benchmark's, the tests'): one
 * ES module per entry with every dependency inlined, and Node's modules left as imports (the library imports
 * them lazily, only under Node). Paths are relative to the package root.
 */
export const BUILD_OPTIONS = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  target: "es2022",
  mainFields: ["module", "main"],
  external: ["node:*"],
  legalComments: "none",
  logLevel: "silent",
};

/**
 * For the browser bundles: Node's modules and the Node worker pool (which the library imports lazily, only under
 * Node) replaced by a module that throws if it is ever loaded, so that a web bundler (webpack, Vite) meets no
 * "node:" import and no file address it would try to resolve.
 */
const BROWSER_ONLY = {
  name: "headtune-browser-only",
  setup(build) {
    build.onResolve({ filter: /^node:|\/node-workers\.js$/ }, (args) => ({ path: args.path, namespace: "node-only" }));
    build.onLoad({ filter: /.*/, namespace: "node-only" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`headtune: ${args.path} is loaded under Node only`)});`,
      loader: "js",
    }));
  },
};

const TARGETS = [
  { entry: "src/index.ts", out: "index.js", platform: "neutral" },
  { entry: "src/index.ts", out: "index.browser.js", platform: "browser" },
  { entry: "src/worker/worker.node.ts", out: "worker.node.js", platform: "node" },
  { entry: "src/worker/worker.browser.ts", out: "worker.browser.js", platform: "browser" },
  { entry: "src/elements/index.ts", out: "elements.js", platform: "browser" },
  { entry: "src/cli/bin.ts", out: "cli.js", platform: "node", banner: "#!/usr/bin/env node", executable: true },
];

/**
 * Builds every bundle into outDir (relative to the package root, or absolute); resolves with the paths written.
 * The bundles find each other by relative URL, so any folder works (the tests build a private one).
 */
export async function bundle(outDir = "dist") {
  const written = [];
  for (const target of TARGETS) {
    const result = await build({
      ...BUILD_OPTIONS,
      entryPoints: [target.entry],
      outfile: join(outDir, target.out),
      platform: target.platform,
      plugins: target.platform === "browser" ? [BROWSER_ONLY] : [],
      banner: target.banner ? { js: target.banner } : undefined,
      write: false,
    });
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`);
      writeFileSync(temp, file.contents, { mode: target.executable ? 0o755 : 0o644 });
      renameSync(temp, file.path);
      if (target.executable) chmodSync(file.path, 0o755);
      written.push(file.path);
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = await bundle();
  console.log(`bundled ${written.map((path) => relative(root, path)).join(", ")}`);
}
