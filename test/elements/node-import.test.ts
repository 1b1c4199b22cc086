/**
 * headtune/elements under Node (a server-side render, a test runner): the module loads and defines nothing
 * (there is no customElements registry), so importing it never throws.
 */
import { describe, expect, it } from "vitest";

describe("headtune/elements under Node", () => {
  it("loads without a DOM and exports both element classes", async () => {
    expect(globalThis.customElements).toBeUndefined();
    const elements = await import("../../src/elements/index.js");
    expect(Object.keys(elements.ELEMENTS)).toEqual(["headtune-sweep", "headtune-map"]);
    expect(elements.ELEMENTS["headtune-sweep"]).toBe(elements.HeadtuneSweep);
  });
});
