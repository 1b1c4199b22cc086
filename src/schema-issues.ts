/**
 * The zod side of validation, shared by the experiment's settings and the sweep configuration: a number schema
 * that follows a NumberRule, and a failed parse as one ConfigError line that names the field and shows the value.
 */
import * as z from "zod";
import { ConfigError } from "./errors.js";
import { ruleText, type NumberRule } from "./validate.js";

/**
 * The zod schema of a number that follows rule (an integer when it asks for one, within its bounds).
 * @param rule the allowed values
 * @example numberSchema({ integer: true, min: 1 }).parse(3) // 3
 */
export function numberSchema(rule: NumberRule) {
  let schema = rule.integer ? z.number().int() : z.number();
  schema = rule.above ? schema.gt(rule.min) : schema.min(rule.min);
  return rule.max === undefined ? schema : schema.max(rule.max);
}

/** What a schema's messages may name: the rule of each numeric field (list entries as "[]") and the known fields. */
export interface SchemaWords {
  /** The rule of each numeric field: every message about a bad value says "must be <ruleText>". */
  rules: Readonly<Record<string, NumberRule>>;
  /** The top-level fields, listed when an unknown one is met. */
  fields: readonly string[];
  /** Per numeric field, a hint appended to the message for a bad value ("" for none). */
  hints?: Readonly<Record<string, (value: unknown) => string>>;
}

/** One problem zod found. */
export type Issue = z.core.$ZodIssue;

/**
 * The first issue of a failed parse as a ConfigError: "<source>: field "<path>" <what is wrong>. Value: <v>."
 * @param issues the parse's issues (at least one)
 * @param source what to call the input ("config", "settings")
 * @param words the rules and fields the messages name
 */
export function issuesError(issues: Issue[], source: string, words: SchemaWords): ConfigError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  const { field, text, value } = describe(first, words);
  const where = field === "" ? `${source}` : `${source}: field "${field}"`;
  return new ConfigError(`${where} ${text}${more}`, field, value);
}

function describe(issue: Issue, words: SchemaWords): { field: string; text: string; value: unknown } {
  const field = fieldPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const key = ruleKey(issue.path);
  const rule = words.rules[key];
  if (rule && input !== undefined && ["invalid_type", "too_small", "too_big"].includes(issue.code)) {
    const hint = words.hints?.[key]?.(input) ?? "";
    return { field, text: `must be ${ruleText(rule)}${hint}. Value: ${show(input)}.`, value: input };
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0]!;
      const value = isRecord(input) ? input[key] : undefined;
      const known = issue.path.length === 0 ? ` Known fields: ${words.fields.join(", ")}.` : "";
      return { field: joinPath(field, key), text: `is not a known field. Value: ${show(value)}.${known}`, value };
    }
    case "invalid_type":
      if (input === undefined) return { field, text: "is missing.", value: input };
      return { field, text: `must be ${expectedKind(issue.expected)}. Value: ${show(input)}.`, value: input };
    case "too_small":
      return { field, text: `must ${bound(issue.origin, issue.minimum, issue.inclusive, ">")}. Value: ${show(input)}.`, value: input };
    case "too_big":
      return { field, text: `must ${bound(issue.origin, issue.maximum, issue.inclusive, "<")}. Value: ${show(input)}.`, value: input };
    case "invalid_value":
      return { field, text: `must be one of ${issue.values.map(show).join(", ")}. Value: ${show(input)}.`, value: input };
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator !== undefined && options !== undefined) {
        const value = isRecord(input) ? input[discriminator] : input;
        return { field, text: `must be one of ${options.map(show).join(", ")}. Value: ${show(value)}.`, value };
      }
      return { field, text: `is not valid: ${issue.message}. Value: ${show(input)}.`, value: input };
    }
    case "custom":
      return { field, text: `${issue.message}. Value: ${show(input)}.`, value: input };
    default:
      return { field, text: `is not valid: ${issue.message}. Value: ${show(input)}.`, value: input };
  }
}

/** The key of the field at path in SchemaWords.rules: list indices as "[]" ("heads[].lambda"). */
function ruleKey(path: PropertyKey[]): string {
  return fieldPath(path.map((part) => (typeof part === "number" ? "[]" : part))).replace(/\.\[\]/g, "[]");
}

function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : joinPath(acc, String(key))), "");
}

function joinPath(base: string, key: string): string {
  return base === "" ? key : `${base}.${key}`;
}

function expectedKind(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "an object";
    default:
      return `of type ${expected}`;
  }
}

function bound(origin: string, limit: number | bigint, inclusive: boolean | undefined, side: ">" | "<"): string {
  if (origin === "array") {
    const n = Number(limit);
    return side === ">" ? `have at least ${n} entr${n === 1 ? "y" : "ies"}` : `have at most ${n} entries`;
  }
  return `be ${side}${inclusive ? "=" : ""} ${String(limit)}`;
}

function show(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A configuration built in code may hold what JSON cannot: a cycle, a BigInt deep inside.
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
