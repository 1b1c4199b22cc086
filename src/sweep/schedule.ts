/**
 * Hands tasks to workers. Tasks of one size are kept together so that a worker prepares each size once
 * (its cache holds one size); sizes go out largest work first, and a worker with no size left to start
 * joins the size with the most tasks remaining, so that all workers finish close together.
 * The order never changes results: each task is a pure function of the configuration and its (p, r).
 */
import type { Task } from "./tasks.js";

export class Scheduler {
  private readonly groups: Task[][];
  private nextGroup = 0;
  private readonly current = new Map<number, Task[]>();

  /**
   * @param tasks the tasks to hand out
   * @param work estimated work of a task of size p (only the order of the values matters)
   */
  constructor(tasks: readonly Task[], work: (p: number) => number) {
    const byP = new Map<number, Task[]>();
    for (const task of tasks) {
      const group = byP.get(task.p);
      if (group) group.push(task);
      else byP.set(task.p, [task]);
    }
    this.groups = [...byP.values()].sort((a, b) => work(b[0]!.p) - work(a[0]!.p) || b[0]!.p - a[0]!.p);
  }

  /** The next task for worker `slot`, or undefined when every task has been handed out. */
  next(slot: number): Task | undefined {
    const mine = this.current.get(slot);
    if (mine && mine.length > 0) return mine.shift();
    if (this.nextGroup < this.groups.length) {
      const group = this.groups[this.nextGroup++]!;
      this.current.set(slot, group);
      return group.shift();
    }
    let fullest: Task[] | undefined;
    for (const group of this.groups) if (group.length > (fullest?.length ?? 0)) fullest = group;
    if (!fullest) return undefined;
    this.current.set(slot, fullest);
    return fullest.shift();
  }
}
