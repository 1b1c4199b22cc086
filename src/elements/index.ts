/**
 * headtune/elements: the custom elements <headtune-sweep> and <headtune-map>, defined on import (once; a
 * second copy of the module leaves the first definitions in place). Their Web Workers run worker.browser.js,
 * found beside this module (new URL(..., import.meta.url)), so one <script type="module"> from a static folder
 * works, and bundlers (Vite, webpack) emit the worker file with the page.
 */
import { HeadtuneMap } from "./map.js";
import { HeadtuneSweep } from "./sweep.js";

export { HeadtuneMap } from "./map.js";
export { HeadtuneSweep, plotTitle } from "./sweep.js";
export { parseHeads } from "./attributes.js";
export type { ElementExport, ElementState, ProgressDetail } from "./base.js";

/** The tag names and their classes. */
export const ELEMENTS = { "headtune-sweep": HeadtuneSweep, "headtune-map": HeadtuneMap } as const;

if (globalThis.customElements) {
  for (const [tag, element] of Object.entries(ELEMENTS)) if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    "headtune-sweep": HeadtuneSweep;
    "headtune-map": HeadtuneMap;
  }
}
