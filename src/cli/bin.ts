/**
 * The executable (bundled as dist/cli.js): runs main with the process's streams. The first Ctrl-C (SIGINT)
 * aborts the running command, which stops its workers and keeps its checkpoint; a second one exits at once.
 */
import { EXIT } from "./exit-codes.js";
import { processIo } from "./io.js";
import { main } from "./main.js";

const stop = new AbortController();
process.on("SIGINT", () => {
  if (stop.signal.aborted) process.exit(EXIT.INTERRUPTED);
  stop.abort();
});
process.exitCode = await main(process.argv.slice(2), { io: processIo, stderr: process.stderr, signal: stop.signal });
// The command is over: a Ctrl-C while output drains ends the process at once, as by default.
process.removeAllListeners("SIGINT");
