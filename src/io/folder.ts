/**
 * Making a results folder, and checking before any work that files can be written there. Node's recursive
 * mkdirSync never returns on some paths (under /proc it retries forever), so folders are made one level at
 * a time.
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";

/**
 * Creates the folder `dir` and any missing parents (mkdir -p).
 * @param dir the folder
 * @throws the file system's error (ENOENT, ENOTDIR, EACCES, EROFS, ...) for the first level that cannot be made
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let path = resolve(dir); !isFolder(path); path = dirname(path)) {
    missing.push(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !isFolder(path)) throw err;
    }
  }
}

/**
 * Creates `dir` (with its parents) and writes and deletes a small file in it, so that a folder that cannot
 * hold results fails at once instead of after the work.
 * @param dir the folder
 * @param what what to call it in the message ("results folder")
 * @throws a file-system error (it keeps the cause's code and syscall) whose message names dir and the cause
 * @example probeFolder("results/paper-1", "results folder")
 */
export function probeFolder(dir: string, what: string): void {
  const probe = join(dir, `.headtune-probe.${process.pid}.${randomBytes(4).toString("hex")}`);
  try {
    makeFolder(dir);
    closeSync(openSync(probe, "wx"));
    rmSync(probe);
  } catch (err) {
    const cause = err as NodeJS.ErrnoException;
    throw Object.assign(new Error(`the ${what} ${dir} cannot be created or written: ${cause.message}.`, { cause }), {
      code: cause.code ?? "EIO",
      syscall: cause.syscall ?? "open",
      path: dir,
    });
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
