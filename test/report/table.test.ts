import { describe, expect, it } from "vitest";
import { summaryTable } from "../../src/report/table.js";
import { makeRow, widthRows } from "./fixtures.js";

describe("summaryTable", () => {
  const rows = [
    makeRow({ head: "ridge(0.5)", p: 10, k: 10, noise: 1, bias: 0.01, variance: 0.02, se: 0.001 }),
    makeRow({ p: 400, k: 400, noise: 1, bias: 0.3, variance: 1, se: 0.05 }),
    makeRow({ p: 200, k: 200, noise: 1, bias: 0, variance: 61.5, se: 2.5, theoryVariance: Infinity }),
    makeRow({ p: 10, k: 10, noise: 1, bias: 0, variance: 0.0526, se: 0.0021 }),
  ];

  it("prints a fixed-width table: min-norm first, sorted by p, per-output values, max and min marked", () => {
    expect(summaryTable(rows)).toBe(
      [
        // th. (n): the finite-n theory, e.g. p = 10: 1 * 10 / (200 - 10 - 1) = 0.05291 per output; p = 400: the
        // limit's variance 1 * (400 - 200) / (400 - 200 - 1) = 1.005 plus bias 0.3; ridge: its limit.
        "head          p     g    k  excess/out  ± se      th. excess (n)  risk/out  ± se      th. risk (n)  risk total",
        "--------------------------------------------------------------------------------------------------------------",
        "minnorm      10  0.05   10     0.05260  ± 0.0021         0.05291     1.053  ± 0.0021         1.053       10.53  <- min",
        "minnorm     200     1  200       61.50  ± 2.5                inf     62.50  ± 2.5              inf     1.250e4  <- max",
        "minnorm     400     2  400       1.300  ± 0.050            1.305     2.300  ± 0.050          2.305       920.0",
        "ridge(0.5)   10  0.05   10     0.03000  ± 0.0010         0.03000     1.030  ± 0.0010         1.030       10.30",
      ].join("\n"),
    );
  });

  it("is the same for any order of the rows, and every line has the header's columns", () => {
    expect(summaryTable([...rows].reverse())).toBe(summaryTable(rows));
    const lines = summaryTable(widthRows()).split("\n");
    expect(lines.length).toBe(widthRows().length + 2);
    const header = lines[0]!;
    // columns line up: every line is as long as the header, plus "  <- max" or "  <- min" on two of them
    expect(lines.map((l) => l.length - header.length).sort()).toEqual(
      [...Array(lines.length - 2).fill(0), 8, 8].sort(),
    );
  });

  it("heads the token world's theory columns as the Gaussian-equivalent approximation and says so under the table", () => {
    const gaussian = summaryTable(widthRows()).split("\n");
    const tokens = summaryTable(widthRows(), "tokens").split("\n");
    expect(summaryTable(widthRows(), "gaussian")).toBe(gaussian.join("\n"));
    expect(tokens[0]).toMatch(/G-eq\. excess \(n\) .* G-eq\. risk \(n\)/);
    expect(tokens[0]).not.toContain("th. ");
    expect(tokens.at(-1)).toBe("G-eq.: the Gaussian-equivalent theory (approximation), SPEC 10d");
    expect(tokens.length).toBe(gaussian.length + 1);
  });

  it("says so when there are no rows", () => {
    expect(summaryTable([])).toBe("(no rows)");
  });
});
