/**
 * CSV records (RFC 4180): writing one line with the needed quoting, and reading a whole text back.
 * Lines end in "\n"; the reader takes "\n" or "\r\n", a leading byte-order mark, and skips empty lines.
 */
import { ArgumentError } from "../errors.js";

/** A field as written: quoted, with inner quotes doubled, when it holds a comma, a quote or a line break. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * One CSV line: the fields joined by commas, quoted where needed, ended by "\n".
 * @param fields the fields, already text
 * @example csvLine(["a,b", "c"]) === "\"a,b\",c\n"
 */
export function csvLine(fields: string[]): string {
  return `${fields.map(quote).join(",")}\n`;
}

/**
 * The records of a CSV text, each an array of its fields (quotes removed, doubled quotes undone).
 * @param text CSV text
 * @throws {ArgumentError} on a quote inside an unquoted field, text after a closing quote, or an unclosed quote
 * @example parseCsv("a,\"b,c\"\n1,2\n") deep-equals [["a", "b,c"], ["1", "2"]]
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  let i = 0;
  const fail = (what: string) => {
    throw new ArgumentError(`CSV text line ${line}: ${what}.`, { line });
  };
  for (;;) {
    let field = "";
    let quoted = false;
    if (src[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= src.length) fail("a quoted field is not closed");
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
    } else {
      const start = i;
      while (i < src.length && src[i] !== "," && src[i] !== "\n" && src[i] !== "\r") {
        if (src[i] === '"') fail("a quote inside an unquoted field");
        i++;
      }
      field = src.slice(start, i);
    }
    record.push(field);
    if (i >= src.length) {
      if (record.length > 1 || quoted || field !== "") records.push(record);
      return records;
    }
    const c = src[i]!;
    if (c === ",") {
      i++;
      continue;
    }
    if (c === "\r" && src[i + 1] === "\n") i++;
    else if (c !== "\n") fail(`unexpected ${JSON.stringify(c)} after a field`);
    i++;
    line++;
    if (record.length > 1 || quoted || field !== "") records.push(record);
    record = [];
  }
}
