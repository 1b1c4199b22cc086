/** What the dispatcher hands to its own commands: the CLI io, stderr (for progress and notes) and a signal. */
import type { CliIo } from "./io.js";
import type { ProgressStream } from "./progress.js";

export interface CommandContext {
  io: CliIo;
  stderr: ProgressStream;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
}
