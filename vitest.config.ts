import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The other engines and the bundlers need Debian packages and the npm registry: npm run test:browsers.
    exclude: [...configDefaults.exclude, "test/engines/**"],
    // Bundles the workers, library and CLI once per run into test-artifacts/ (the pool and CLI tests run them).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
