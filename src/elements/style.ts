/**
 * The elements' shadow style. Themed from outside through custom properties (inherited into the shadow tree)
 * and ::part (toolbar, run, cancel, progress, count, elapsed, status, plot, footer, verdict, exports, hover).
 */
export const ELEMENT_STYLE = `
:host {
  --headtune-ink: #1d2430;
  --headtune-muted: #5b6472;
  --headtune-line: #dde2ea;
  --headtune-paper: #ffffff;
  --headtune-accent: #0072b2;
  --headtune-error: #b3261e;
  --headtune-ok: #1a7f37;
  display: block;
  min-width: 0;
  color: var(--headtune-ink);
  font: var(--headtune-font, 0.94rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin-bottom: 6px; }
button {
  font: inherit; font-weight: 600; padding: 5px 16px; border-radius: 7px; cursor: pointer;
  border: 1px solid var(--headtune-line); background: var(--headtune-paper); color: var(--headtune-ink);
}
button.run { background: var(--headtune-accent); border-color: var(--headtune-accent); color: #fff; }
button:disabled { cursor: not-allowed; opacity: 0.45; }
button:focus-visible, a:focus-visible, input:focus-visible, .frame:focus-visible {
  outline: 2px solid var(--headtune-accent); outline-offset: 1px;
}
progress { width: 160px; height: 10px; accent-color: var(--headtune-accent); }
.count, .elapsed { font-variant-numeric: tabular-nums; color: var(--headtune-muted); font-size: 0.9em; }
label.check { display: inline-flex; align-items: center; gap: 4px; color: var(--headtune-muted); font-size: 0.9em; }
.status { margin: 0 0 6px; color: var(--headtune-muted); }
:host([state="error"]) .status { color: var(--headtune-error); }
:host([state="done"]) .status { color: var(--headtune-ok); }
.frame { position: relative; overflow-x: auto; max-width: 100%; }
.plot svg { display: block; width: 100%; height: auto; }
.sweep .plot svg { max-width: 980px; margin: 0 auto; }
/* A map narrower than this would make its labels unreadable: its frame scrolls instead. */
.map .plot svg { min-width: 960px; }
.verdict { margin: 8px 0; white-space: pre-line; }
.verdict:empty { display: none; }
.exports { display: flex; flex-wrap: wrap; gap: 8px; }
.exports a {
  padding: 3px 12px; border: 1px solid var(--headtune-accent); border-radius: 999px;
  color: var(--headtune-accent); text-decoration: none; font-size: 0.88em;
}
.exports a[aria-disabled="true"] { border-color: var(--headtune-line); color: var(--headtune-muted); pointer-events: none; }
.hover {
  position: absolute; pointer-events: none; z-index: 1; white-space: nowrap; font-size: 0.85em;
  background: rgba(29, 36, 48, 0.92); color: #fff; padding: 6px 9px; border-radius: 6px;
}
`;
