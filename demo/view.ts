/** What the page shows of a sweep beside its plot: the summary table and the status line. */
import { formatSig } from "../src/report/format.js";
import { headLabel } from "../src/report/rows.js";
import type { SummaryRow } from "../src/sweep/aggregate.js";

export type RunState = "loading" | "ready" | "running" | "done" | "cancelled" | "error";

function cell(x: number): string {
  return Number.isNaN(x) ? "—" : formatSig(x, 4);
}

/**
 * Fills the table body with one line per row, values per output (total / k) to 4 significant digits.
 * @param body the table's <tbody>
 * @param rows summary rows (totals over k)
 */
export function renderTable(body: HTMLTableSectionElement, rows: SummaryRow[]): void {
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement("tr");
      const per = (x: number) => cell(x / row.k);
      const risk = Number.isNaN(row.risk_se) ? per(row.risk_mean) : `${per(row.risk_mean)} ± ${per(row.risk_se)}`;
      const cells = [
        headLabel(row.head),
        String(row.p),
        formatSig(row.gamma, 3),
        String(row.replicates),
        risk,
        per(row.theory_risk),
        per(row.bias_mean),
        per(row.variance_mean),
      ];
      for (const text of cells) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

/**
 * Sets the status line's text and state (data-state, which the tests and the style read).
 * @param status the status element
 * @param state what the page is doing
 * @param text what to say
 */
export function showStatus(status: HTMLElement, state: RunState, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}
