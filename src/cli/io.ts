/** What a CLI command may touch: its output and the files it reads. The dispatcher passes the real ones. */
import { readFileSync } from "node:fs";

export interface CliIo {
  /** Writes text to standard output as given (the caller includes the "\n"). */
  stdout(text: string): void;
  /** The UTF-8 text of a file (synchronous; awaiting the result works too). */
  readFile(path: string): string;
}

/** The process's standard output and file system. */
export const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  readFile: (path) => readFileSync(path, "utf8"),
};
