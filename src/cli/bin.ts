/**
 * The executable (bundled as dist/cli.js): runs main with the process's streams. The first Ctrl-C (SIGINT) or
 * SIGTERM (a scheduler's stop) aborts the running command, which stops its workers and keeps its checkpoint,
 * flushed to disk; a second one exits at once, after flushing the checkpoint.
 */
import { syncOpenAppenders } from "../io/records-file.js";
import { EXIT } from "./exit-codes.js";
import { processIo } from "./io.js";
import { main } from "./main.js";

/** The exit code of a command stopped by each signal: 128 + its number, as a shell reports. */
const STOPPED = { SIGINT: EXIT.INTERRUPTED, SIGTERM: EXIT.TERMINATED } as const;

const stop = new AbortController();
let stoppedBy: keyof typeof STOPPED | undefined;
const onSignal = (signal: keyof typeof STOPPED) => {
  if (stop.signal.aborted) process.exit(STOPPED[signal]);
  stoppedBy = signal;
  stop.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
// Whatever the way out (a second signal included), the checkpoint's last lines reach the disk first.
process.on("exit", syncOpenAppenders);
const code = await main(process.argv.slice(2), { io: processIo, stderr: process.stderr, signal: stop.signal });
process.exitCode = code === EXIT.INTERRUPTED && stoppedBy !== undefined ? STOPPED[stoppedBy] : code;
// The command is over: a signal while output drains ends the process at once, as by default.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
