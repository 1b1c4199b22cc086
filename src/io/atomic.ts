/**
 * Atomic file writes: the data goes to a temporary file in the same folder, is flushed to disk (fsync), then
 * renamed over the target. A reader sees the old file or the new one, never a half-written one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { makeFolder } from "./folder.js";

/** The temporary files of writeFileAtomic: ".<target name>.<pid>.<8 hex digits>.tmp". */
const TEMPORARY = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Replaces (or creates) the file at `path` with `data`, atomically; creates the folder if needed.
 * @param path the target file
 * @param data its whole new content (UTF-8 for a string)
 * @throws the file system's error (ENOSPC, EACCES, ...); the target is then unchanged and no temporary file is left
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  makeFolder(dir);
  // Named as TEMPORARY says, so that removeTemporaries finds it after a crash.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dir);
}

/**
 * Deletes the temporary files writeFileAtomic left in dir for the given targets when its process was killed
 * mid-write (SIGKILL, power loss). Only for a folder with one writer at a time: another process's write in
 * progress into dir would lose its temporary file.
 * @param dir the folder (nothing happens when it does not exist)
 * @param names the targets' file names
 * @returns the temporary files deleted (names)
 * @throws the file system's error when dir cannot be listed or a file cannot be deleted
 */
export function removeTemporaries(dir: string, names: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  const stale = readdirSync(dir).filter((entry) => names.includes(TEMPORARY.exec(entry)?.[1] ?? ""));
  for (const entry of stale) rmSync(join(dir, entry), { force: true });
  return stale;
}

/** Writes all of `data` at the file's current position (writeSync may write less than asked). */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

/** Flushes a folder's entries (the rename) to disk, where the platform allows it. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename itself is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
