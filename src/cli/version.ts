/** The package version, read from package.json (bundled into dist/). */
import pkg from "../../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
