/** Command-line flags: node's parseArgs with strict checking, its errors turned into one UsageError line. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Shard } from "../sweep/tasks.js";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The values and positionals of argv for a command with these options (plus -h/--help).
 * @throws UsageError naming the unknown option or the one missing its value
 */
export function parseFlags<O extends Options>(command: string, argv: string[], options: O, positionals = false) {
  try {
    return parseArgs({
      args: argv,
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
 * An integer flag value >= min.
 * @throws UsageError naming the flag and showing the value
 */
export function intFlag(flag: string, text: string, min: number): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${flag} must be an integer >= ${min}. Value: "${text}".`, { name: flag, value: text });
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
