/**
 * The error of a task that failed twice in a pool of workers for a reason of the pool's own: its worker died
 * (exited, crashed) or threw an internal error, not a HeadtuneError. The pool retries such a task once on a
 * fresh worker; this error is what it throws when the retry fails too. It is an internal fault, not a user error.
 */
export class TaskFailedError extends Error {
  /** The task that failed. */
  readonly task: { p: number; replicate: number };

  /**
   * @param task the task's model size p and replicate
   * @param first the error of the first attempt
   * @param second the error of the retry (kept as `cause`)
   */
  constructor(task: { p: number; replicate: number }, first: unknown, second: unknown) {
    const why = describe(second);
    const before = describe(first);
    super(
      `task (p = ${task.p}, replicate ${task.replicate}) failed twice, the second time on a fresh worker: ${why}${before === why ? "" : ` (first attempt: ${before})`}.`,
      { cause: second },
    );
    this.name = "TaskFailedError";
    this.task = { p: task.p, replicate: task.replicate };
  }
}

/** "message" for a plain Error, "Name: message" for another class, the value's text otherwise. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.name === "Error" ? err.message : `${err.name}: ${err.message}`;
}
