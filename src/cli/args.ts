/** Command-line flags: node's parseArgs with strict checking, its errors turned into one UsageError line. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Shard } from "../sweep/tasks.js";
import { followsRule, ruleText, type NumberRule } from "../validate.js";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The values and positionals of argv for a command with these options (plus -h/--help).
 * @throws UsageError naming the unknown option or the one missing its value
 */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O, positionals = false) {
  try {
    return parseArgs({
      args: attachDashValues(argv, options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: positionals,
    });
  } catch (err) {
    const message = (err as Error).message.split(/\. |\n/)[0]!.replace(/\.$/, "");
    throw new UsageError(`${message}. Run "headtune ${command} --help" for the options.`);
  }
}

/**
 * "--name -5" as "--name=-5" when --name takes a value: parseArgs refuses a value that starts with a dash as
 * ambiguous, and a negative number must get the same message as any other bad value.
 */
function attachDashValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const takesValue = arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && NEGATIVE.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** What a negative number looks like on a command line ("-5", "-0.5", "-.5", "-1e3", "-Infinity"). */
const NEGATIVE = /^-(\d|\.\d|inf)/i;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a flag's text gives, when the rule allows it (integers in decimal digits; numbers also with a
 * fraction and an exponent).
 * @param flag the flag's name without dashes
 * @param text the value as typed
 * @param rule the allowed values
 * @throws UsageError "--flag must be <rule>. Value: "<text>"." for anything else (negative, fractional, not a number)
 * @example numberFlag("workers", "4", { integer: true, min: 0 }) // 4
 */
export function numberFlag(flag: string, text: string, rule: NumberRule): number {
  const value = (rule.integer ? INTEGER : DECIMAL).test(text.trim()) ? Number(text) : NaN;
  if (!followsRule(rule, value)) {
    throw new UsageError(`--${flag} must be ${ruleText(rule)}. Value: "${text}".`, { name: flag, value: text });
  }
  return value;
}

/**
 * "I/N" as a shard: share I (0-based) of N.
 * @throws UsageError unless 0 <= I < N are integers
 */
export function shardFlag(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index >= shard.count) {
    throw new UsageError(`--shard must be I/N with 0 <= I < N (shards are numbered from 0). Value: "${text}".`, { name: "shard", value: text });
  }
  return shard;
}
