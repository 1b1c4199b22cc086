/**
 * Where the browser tests get their Chromium (test/helpers/chromium.ts): the file HEADTUNE_CHROMIUM names, else
 * a system Chromium, else the build inside the npm package @sparticuz/chromium, which `npm ci` installs, so a
 * machine with Node alone runs the browser tests.
 */
import { existsSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveChromium } from "../helpers/chromium.js";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((path) => existsSync(path));

describe("the browser of the browser tests", () => {
  it("is the file HEADTUNE_CHROMIUM names, and a name that is no file is an error, not a silent fallback", async () => {
    expect(await resolveChromium({ HEADTUNE_CHROMIUM: process.execPath })).toEqual({ path: process.execPath, source: "HEADTUNE_CHROMIUM" });
    await expect(resolveChromium({ HEADTUNE_CHROMIUM: "/nowhere/chrome" })).rejects.toThrow(
      "HEADTUNE_CHROMIUM=/nowhere/chrome: no such file (unset it to use the bundled Chromium).",
    );
  });

  it("is a system Chromium when one is installed, else the packaged one", async () => {
    const found = await resolveChromium({});
    expect(found.source).toBe(SYSTEM ? "system" : "@sparticuz/chromium");
    if (SYSTEM) expect(found.path).toBe(SYSTEM);
  });

  it("is the packaged one with HEADTUNE_CHROMIUM=bundled: an executable unpacked from node_modules", async () => {
    const found = await resolveChromium({ HEADTUNE_CHROMIUM: "bundled" });
    expect(found.source).toBe("@sparticuz/chromium");
    expect(statSync(found.path).mode & 0o100).toBe(0o100);
  });
});
