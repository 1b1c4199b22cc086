import { describe, expect, it } from "vitest";
import {
  parseReplicatesCsv,
  parseSummaryCsv,
  replicatesCsv,
  REPLICATE_COLUMNS,
  replicateColumns,
  summaryColumns,
  summaryCsv,
  SUMMARY_COLUMNS,
} from "../../src/report/csv.js";
import { parseCsv } from "../../src/report/csvcodec.js";
import { formatExact, parseExact } from "../../src/report/format.js";
import type { ReplicateResult, SummaryRow } from "../../src/report/types.js";
import { ArgumentError } from "../../src/errors.js";
import { featuresRows, widthRows } from "./fixtures.js";

/** Numbers whose decimal form is hard to get back exactly. */
const HARD = [
  0.1 + 0.2,
  1 / 3,
  5e-324,
  2.2250738585072014e-308,
  1.7976931348623157e308,
  -0,
  123456789012345680000,
  1e21,
  Math.PI * 1e-7,
];

/** Equality that tells -0 from 0 and NaN from everything but NaN: bit for bit for f64. */
function sameBits(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      ka.join() === kb.join() &&
      ka.every((k) => sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

function hardRows(): SummaryRow[] {
  const rows = widthRows();
  rows.forEach((r, i) => {
    r.risk_mean = HARD[i % HARD.length]!;
    r.bias_se = NaN;
    r.variance_mean = i % 2 ? -Infinity : Infinity;
  });
  rows[0]!.head = 'ridge("odd", head)\nname';
  rows[1]!.k = 3;
  return rows;
}

function record(i: number): ReplicateResult {
  return {
    head: i % 2 ? "ridge(0.1)" : "minnorm",
    p: 10 + i,
    replicate: i,
    k: 7,
    path: ["primal-cholesky", "dual-cholesky", "eigen"][i % 3]!,
    oracleRisk: HARD[i % HARD.length]!,
    testRisk: 1 / (i + 3),
    excess: -0,
    biasX: i % 2 ? NaN : 0.25,
    varX: i % 2 ? NaN : Math.E,
    noise: 2,
    theoryBias: i % 2 ? NaN : 0,
    theoryVariance: i % 2 ? NaN : 1 / 7,
    theoryExcess: Infinity,
    theoryRisk: -Infinity,
    theoryRiskSe: i % 2 ? 0 : 1 / 9,
    gramMin: i % 2 ? NaN : 3e-7,
    gaussianGramMin: i % 2 ? NaN : 0.06,
    statesNeverTop: i % 2 ? NaN : i,
    lambda: 0.1,
  };
}

/** A two-record CSV text with column col of its second record replaced by f of its value (exact form). */
function tamperRecord2(text: string, col: number, f: (v: number) => number): string {
  const lines = text.split("\n");
  const fields = lines[2]!.split(",");
  fields[col] = formatExact(f(Number(fields[col])));
  return [lines[0], lines[1], fields.join(","), ""].join("\n");
}

describe("formatExact / parseExact", () => {
  it("round-trips every f64 kind bit for bit, non-finite as inf / -inf / nan", () => {
    for (const x of [...HARD, 0, -1.5, Infinity, -Infinity, NaN, Number.MAX_SAFE_INTEGER, -Number.MIN_VALUE]) {
      expect(Object.is(parseExact(formatExact(x), "x"), x)).toBe(true);
    }
    expect([Infinity, -Infinity, NaN, -0].map(formatExact)).toEqual(["inf", "-inf", "nan", "-0"]);
    expect([parseExact("INF", "x"), parseExact("+inf", "x"), parseExact("NaN", "x")]).toEqual([
      Infinity,
      Infinity,
      NaN,
    ]);
  });

  it("refuses text that is not a plain decimal number, naming the field", () => {
    for (const bad of ["", " 1", "1 ", "0x10", "1e", "Infinity", "1,5", "--1", "."]) {
      expect(() => parseExact(bad, "record 2, column p")).toThrow(ArgumentError);
    }
    expect(() => parseExact("0x10", "record 2, column p")).toThrow(
      'record 2, column p must be a number. Value: "0x10".',
    );
  });
});

describe("summaryCsv", () => {
  it("has the promised columns: unit first, per-output values, then totals", () => {
    const header = summaryCsv([]).trimEnd().split(",");
    expect(header).toEqual([...SUMMARY_COLUMNS]);
    const need = [
      "unit",
      "head",
      "p",
      "gamma",
      "replicates",
      "k",
      "excess_mean",
      "excess_se",
      "theory_excess",
      "risk_mean",
      "risk_se",
      "theory_risk",
      "bias_mean",
      "variance_mean",
      "theory_bias",
      "theory_variance",
      "test_risk_mean",
      "test_risk_se",
      "noise",
      "risk_total_mean",
      "risk_total_se",
      "theory_risk_total",
      "excess_total_mean",
      "noise_total",
      "theory_finite_bias",
      "theory_finite_variance",
      "theory_finite_excess",
      "theory_finite_risk",
      "theory_finite_risk_total",
      "theory_finite_excess_total",
    ];
    for (const c of need) expect(header).toContain(c);
    expect(new Set(header).size).toBe(header.length);
    expect(parseSummaryCsv(summaryCsv([]))).toEqual([]);
  });

  it("writes per-output columns as total / k and totals as given, exactly", () => {
    const rows = featuresRows();
    const [header, ...body] = parseCsv(summaryCsv(rows));
    body.forEach((fields, i) => {
      const rec = Object.fromEntries(header!.map((h, j) => [h, fields[j]!]));
      const r = rows[i]!;
      expect(rec.unit).toBe("per_output");
      expect(rec.risk_mean).toBe(formatExact(r.risk_mean / r.k));
      expect(rec.theory_risk).toBe(formatExact(r.theory_risk / r.k));
      expect(rec.noise).toBe(formatExact(r.noise / r.k));
      expect(rec.risk_total_mean).toBe(formatExact(r.risk_mean));
      expect(rec.theory_risk_total).toBe(formatExact(r.theory_risk));
      expect(rec.gamma).toBe(formatExact(r.gamma));
    });
  });

  it("round-trips through parseSummaryCsv bit for bit, with inf, nan, -0 and a head needing quotes", () => {
    const rows = hardRows();
    const text = summaryCsv(rows);
    expect(text).toContain(",inf,");
    expect(text).toContain(",-inf,");
    expect(text).toContain(",nan,");
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(text.startsWith("unit,head,")).toBe(true);
    expect(text).toContain('per_output,"ridge(""odd"", head)\nname",');
    const back = parseSummaryCsv(text);
    expect(back.length).toBe(rows.length);
    back.forEach((r, i) => expect(sameBits(r, rows[i])).toBe(true));
    expect(summaryCsv(back)).toBe(text);
  });

  it("reads CRLF line ends, a byte-order mark and a trailing blank line", () => {
    const rows = widthRows().slice(0, 4);
    const text = `\uFEFF${summaryCsv(rows).replaceAll("\n", "\r\n")}\r\n`;
    parseSummaryCsv(text).forEach((r, i) => expect(sameBits(r, rows[i])).toBe(true));
  });

  it("refuses a per-output value that is not its total / k, a bad header and a short record", () => {
    const text = summaryCsv(widthRows().slice(0, 2));
    const lines = text.split("\n");
    const tampered = tamperRecord2(text, SUMMARY_COLUMNS.indexOf("risk_mean"), (v) => v * (1 + 2 ** -52));
    expect(() => parseSummaryCsv(tampered)).toThrow(/record 2, column risk_mean must equal risk_total_mean \/ k/);
    expect(() => parseSummaryCsv(text.replace("unit,head", "unit,heads"))).toThrow(
      /summary CSV header must be unit,head,/,
    );
    // unit, 6 keys, 3 token-world diagnostics, 21 values per output and in total
    expect(() => parseSummaryCsv(`${lines[0]}\nper_output,minnorm,10\n`)).toThrow(/record 1 has 3 fields, expected 52/);
    expect(() => parseSummaryCsv("")).toThrow(/Value: \(empty\)/);
    expect(() => parseSummaryCsv(text.replace("per_output,minnorm,10,", "per_output,minnorm,0,"))).toThrow(
      "summary CSV record 1.p must be a positive integer. Value: 0.",
    );
  });

  it("names the token world's theory columns gaussian_theory_*, and reads both worlds' files back bit for bit", () => {
    const rows = hardRows();
    const gaussian = summaryCsv(rows);
    expect(summaryCsv(rows, "gaussian")).toBe(gaussian);
    const tokens = summaryCsv(rows, "tokens");
    const header = parseCsv(tokens)[0]!;
    // Only the header differs: every theory_* column (limit, finite-n, its Monte Carlo se; per output and total) is renamed.
    expect(tokens.slice(tokens.indexOf("\n"))).toBe(gaussian.slice(gaussian.indexOf("\n")));
    expect(header).toEqual(SUMMARY_COLUMNS.map((c) => (c.startsWith("theory_") ? `gaussian_${c}` : c)));
    expect(header).toEqual([...summaryColumns("tokens")]);
    // 9 theory fields (limit: bias, variance, excess, risk; finite-n: the same four; the risk's se), per output and total
    expect(header.filter((c) => c.includes("theory"))).toHaveLength(2 * 9);
    expect(header.filter((c) => c.includes("theory") && !c.startsWith("gaussian_theory_"))).toEqual([]);
    expect(header).toContain("gaussian_theory_finite_risk_total");
    parseSummaryCsv(tokens).forEach((r, i) => expect(sameBits(r, rows[i])).toBe(true));
    // A message names the column as the file spells it.
    const tampered = tamperRecord2(summaryCsv(widthRows().slice(0, 2), "tokens"), header.indexOf("gaussian_theory_risk"), (v) => v * 2);
    expect(() => parseSummaryCsv(tampered)).toThrow(
      /record 2, column gaussian_theory_risk must equal gaussian_theory_risk_total \/ k/,
    );
  });

  it("validates its rows, naming the bad field", () => {
    const rows = widthRows();
    rows[3]!.k = 0;
    expect(() => summaryCsv(rows)).toThrow("rows[3].k must be a positive integer. Value: 0.");
    const r2 = widthRows();
    (r2[1] as unknown as Record<string, unknown>).risk_se = "0.1";
    expect(() => summaryCsv(r2)).toThrow("rows[1].risk_se must be a number. Value: 0.1.");
  });
});

describe("replicatesCsv", () => {
  it("is long format: one line per record, totals named _total", () => {
    const recs = [0, 1, 2, 3, 4].map(record);
    const [header, ...body] = parseCsv(replicatesCsv(recs));
    expect(header).toEqual([...REPLICATE_COLUMNS]);
    expect(header).toEqual([
      "head",
      "p",
      "replicate",
      "k",
      "path",
      "oracle_risk_total",
      "test_risk_total",
      "excess_total",
      "bias_x_total",
      "var_x_total",
      "noise_total",
      "theory_bias_total",
      "theory_variance_total",
      "theory_excess_total",
      "theory_risk_total",
      "theory_risk_se_total",
      "gram_min",
      "gaussian_gram_min",
      "states_never_top",
      "lambda",
    ]);
    expect(body.length).toBe(5);
    expect(body[1]!.slice(0, 5)).toEqual(["ridge(0.1)", "11", "1", "7", "dual-cholesky"]);
    expect(body[1]![header!.indexOf("bias_x_total")]).toBe("nan");
  });

  it("round-trips through parseReplicatesCsv bit for bit", () => {
    const recs = Array.from({ length: 12 }, (_, i) => record(i));
    const text = replicatesCsv(recs);
    const back = parseReplicatesCsv(text);
    back.forEach((r, i) => expect(sameBits(r, recs[i])).toBe(true));
    expect(replicatesCsv(back)).toBe(text);
  });

  it("names the token world's theory columns gaussian_theory_*_total and reads them back", () => {
    const recs = Array.from({ length: 4 }, (_, i) => record(i));
    const text = replicatesCsv(recs, "tokens");
    const header = parseCsv(text)[0]!;
    expect(header).toEqual([...replicateColumns("tokens")]);
    expect(header.filter((c) => c.includes("theory"))).toEqual([
      "gaussian_theory_bias_total",
      "gaussian_theory_variance_total",
      "gaussian_theory_excess_total",
      "gaussian_theory_risk_total",
      "gaussian_theory_risk_se_total",
    ]);
    expect(replicatesCsv(recs, "gaussian")).toBe(replicatesCsv(recs));
    parseReplicatesCsv(text).forEach((r, i) => expect(sameBits(r, recs[i])).toBe(true));
  });

  it("validates its records, naming the bad field", () => {
    const recs = [record(0), record(1)];
    (recs[1] as unknown as Record<string, unknown>).path = "";
    expect(() => replicatesCsv(recs)).toThrow("records[1].path must be a non-empty string. Value: .");
    const text = replicatesCsv([record(0)]).replace("minnorm,10,0,7", "minnorm,10,-1,7");
    expect(() => parseReplicatesCsv(text)).toThrow(
      "replicates CSV record 1.replicate must be a non-negative integer. Value: -1.",
    );
  });
});

describe("parseCsv", () => {
  it("undoes quoting and refuses malformed quoting", () => {
    expect(parseCsv('a,"b,c","d""e"\n"x\ny",,z\n')).toEqual([
      ["a", "b,c", 'd"e'],
      ["x\ny", "", "z"],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(() => parseCsv('a,"b\n')).toThrow(/not closed/);
    expect(() => parseCsv('a,b"c\n')).toThrow(/quote inside an unquoted field/);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/line 1: unexpected "b" after a field/);
  });
});
