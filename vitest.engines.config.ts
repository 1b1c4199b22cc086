import { defineConfig } from "vitest/config";

// `npm run test:browsers` (test/engines/run.sh): the explorer, the embedding example and the custom elements in
// Chromium, Firefox ESR and WebKitGTK. Not part of `npm test` (it needs the Debian packages run.sh installs).
export default defineConfig({
  test: {
    include: ["test/engines/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // One engine at a time: each runs sweeps in two workers on a machine of a few cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
