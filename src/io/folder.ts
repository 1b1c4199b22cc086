/**
 * Making a results folder, and checking before any work that files can be written there. Node's recursive
 * mkdirSync never returns on some paths (under /proc it retries forever), so folders are made one level at
 * a time.
 */
import { closeSync, mkdirSync, openSync, rmdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";

/**
 * Creates the folder `dir` and any missing parents (mkdir -p).
 * @param dir the folder
 * @returns the folders this call created, outermost first
 * @throws the file system's error (ENOENT, ENOTDIR, EACCES, EROFS, ...) for the first level that cannot be made
 */
export function makeFolder(dir: string): string[] {
  const missing: string[] = [];
  for (let path = resolve(dir); !isFolder(path); path = dirname(path)) {
    missing.push(path);
    if (dirname(path) === path) break;
  }
  const created: string[] = [];
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
      created.push(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !isFolder(path)) throw err;
    }
  }
  return created;
}

/**
 * Removes the given folders that are empty, innermost first (what a refused run made and left unused); a
 * folder that holds anything, or cannot be removed, stays.
 * @param created folders, outermost first (makeFolder's or probeFolder's result)
 */
export function removeEmptyFolders(created: readonly string[]): void {
  for (const path of [...created].reverse()) {
    try {
      rmdirSync(path);
    } catch {
      return;
    }
  }
}

/**
 * Creates `dir` (with its parents) and writes and deletes a small file in it, so that a folder that cannot
 * hold results fails at once instead of after the work.
 * @param dir the folder
 * @param what what to call it in the message ("results folder")
 * @returns the folders it created, outermost first (for removeEmptyFolders when nothing is written after all)
 * @throws a file-system error (it keeps the cause's code and syscall) whose message names dir and the cause
 * @example probeFolder("results/paper-1", "results folder")
 */
export function probeFolder(dir: string, what: string): string[] {
  const probe = join(dir, `.headtune-probe.${process.pid}.${randomBytes(4).toString("hex")}`);
  try {
    const created = makeFolder(dir);
    closeSync(openSync(probe, "wx"));
    rmSync(probe);
    return created;
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
