/**
 * The headtune command line: dispatches to a subcommand, turns Ctrl-C into a clean stop, and maps failures to
 * exit codes (exit-codes.ts). A user error prints one line on stderr; an internal fault prints its stack and
 * asks for a report.
 */
import { HeadtuneError } from "../errors.js";
import { run as fitRun } from "./commands/fit.js";
import { run as modelRun } from "./commands/model.js";
import { run as theoryRun } from "./commands/theory.js";
import type { CommandContext } from "./context.js";
import { EXIT, exitCodeOf, isFileError } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { mapCommand } from "./map.js";
import { mergeCommand } from "./merge.js";
import type { ProgressStream } from "./progress.js";
import { sweepCommand } from "./sweep.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

type Command = (argv: string[], context: CommandContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  sweep: { run: sweepCommand, summary: "run a grid of model sizes x replicates in parallel; write the results" },
  map: { run: mapCommand, summary: "a theory map over g and a second setting: heatmap, best size, verdict" },
  merge: { run: mergeCommand, summary: "combine the outputs of a sharded sweep or simulated map into one result" },
  model: { run: (argv, { io }) => modelRun(argv, io), summary: "draw the pre-trained model of one size and print it" },
  theory: { run: (argv, { io }) => theoryRun(argv, io), summary: "the min-norm head's risk theory (noise, bias, variance) for one model" },
  fit: { run: (argv, { io }) => fitRun(argv, io), summary: "fit the min-norm head on one sample; print its risk, bias and variance" },
};

const MAIN_HELP = `headtune ${VERSION}: head tuning on a frozen linear-Gaussian HMM, double descent in model size
beside its exact theory.

Usage: headtune <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(8)} ${summary}`)
  .join("\n")}

"headtune <command> --help" shows a command's options; "headtune --version" the version.

Exit codes: 0 done; ${EXIT.USAGE} bad command line or configuration; ${EXIT.NUMERICAL} numerical failure (not positive
definite, no convergence, non-finite values); ${EXIT.TOO_LARGE} too large for WebAssembly memory, or for this machine's memory with these workers; ${EXIT.ENGINE} this engine lacks
WebAssembly SIMD; ${EXIT.FILE} a file could not be read or written; ${EXIT.INTERNAL} internal error (a bug: please report it);
${EXIT.INTERRUPTED} interrupted by Ctrl-C, ${EXIT.TERMINATED} by SIGTERM (a sweep or a simulated map keeps its checkpoint: rerun with --resume).
`;

export interface MainStreams {
  io: CliIo;
  stderr: ProgressStream;
  /** Aborted to stop the running command (bin.ts aborts it on SIGINT and SIGTERM). */
  signal: AbortSignal;
}

/**
 * Runs the headtune command line.
 * @param argv the arguments after the program name
 * @param streams output, files and the stop signal
 * @returns the exit code; never throws
 * @example process.exitCode = await main(process.argv.slice(2), { io: processIo, stderr: process.stderr, signal })
 */
export async function main(argv: string[], { io, stderr, signal }: MainStreams): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(MAIN_HELP);
      return name === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${VERSION}\n`);
      return EXIT.OK;
    }
    const command = COMMANDS[name];
    if (!command) {
      throw new UsageError(`unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(", ")} (see "headtune --help").`);
    }
    return await command.run(rest, { io, stderr, signal });
  } catch (err) {
    const code = exitCodeOf(err);
    if (code === EXIT.INTERRUPTED) return code;
    if (code === undefined) {
      stderr.write(`${stacks(err)}\n`);
      stderr.write(`headtune: internal error. This is a bug in headtune ${VERSION}: please report it with the command you ran and the output above.\n`);
      return EXIT.INTERNAL;
    }
    stderr.write(`headtune: error: ${describe(err)}\n`);
    return code;
  }
}

/** An internal fault's stack, then its causes' (a task that failed twice carries its worker's error as cause). */
function stacks(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 8; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
  }
  return parts.join("\nCaused by: ");
}

/** The one line a user error prints: its message, with the task that failed when a sweep or map task did. */
function describe(err: unknown): string {
  if (err instanceof HeadtuneError) {
    const task = err.details.task as { p: number; replicate: number; axis?: string; value?: number } | undefined;
    const at = task?.axis !== undefined ? `${task.axis} = ${task.value}, ` : "";
    return task ? `${err.message} (${at}model size p = ${task.p}, replicate ${task.replicate})` : err.message;
  }
  if (isFileError(err)) return err.message;
  return String(err);
}
