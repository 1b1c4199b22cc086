import type { BuildOptions } from "esbuild";

/** The esbuild options every headtune bundle shares (ESM, dependencies inlined, node:* external, es2022). */
export const BUILD_OPTIONS: BuildOptions;

/**
 * Builds index.js, index.browser.js, worker.node.js, worker.browser.js, elements.js and cli.js into outDir (default "dist", relative to the
 * package root, or absolute); resolves with the paths written.
 */
export function bundle(outDir?: string): Promise<string[]>;
