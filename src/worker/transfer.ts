/**
 * Comlink's "throw" transfer handler, replaced so that errors keep their class across the trip from a worker:
 * a HeadtuneError arrives as the same subclass with its code, message, details and stack (Comlink alone keeps
 * only name, message and stack of a plain Error).
 */
import { transferHandlers, type TransferHandler } from "comlink";
import * as errors from "../errors.js";

type Thrown =
  | { kind: "headtune"; name: string; message: string; stack?: string; fields: Record<string, unknown> }
  | { kind: "error"; name: string; message: string; stack?: string }
  | { kind: "value"; value: unknown };

const CLASSES: Record<string, abstract new (...args: never[]) => errors.HeadtuneError> = Object.fromEntries(
  Object.values(errors)
    .filter((value): value is typeof errors.HeadtuneError => typeof value === "function" && value.prototype instanceof Error)
    .map((cls) => [cls.name, cls]),
);

/** Installs the handler (both sides of the channel need it). Calling it again changes nothing. */
export function registerErrorTransfer(): void {
  const builtin = transferHandlers.get("throw")!;
  if ((builtin as { headtune?: true }).headtune) return;
  const handler: TransferHandler<{ value: unknown }, Thrown> & { headtune: true } = {
    headtune: true,
    canHandle: builtin.canHandle as (value: unknown) => value is { value: unknown },
    serialize: ({ value }) => [toWire(value), []],
    deserialize: (wire) => {
      throw fromWire(wire);
    },
  };
  transferHandlers.set("throw", handler);
}

function toWire(value: unknown): Thrown {
  if (value instanceof errors.HeadtuneError) {
    const fields = cloneable({ ...value }) ?? { name: value.name, code: value.code, details: {} };
    return { kind: "headtune", name: value.name, message: value.message, stack: value.stack, fields };
  }
  if (value instanceof Error) return { kind: "error", name: value.name, message: value.message, stack: value.stack };
  return { kind: "value", value: cloneable(value) ?? String(value) };
}

function fromWire(wire: Thrown): unknown {
  if (wire.kind === "value") return wire.value;
  const cls = wire.kind === "headtune" ? (CLASSES[wire.name] ?? errors.HeadtuneError) : Error;
  const error = Object.create(cls.prototype) as Error;
  if (wire.kind === "headtune") Object.assign(error, wire.fields);
  else error.name = wire.name;
  Object.defineProperty(error, "message", { value: wire.message, writable: true, configurable: true });
  Object.defineProperty(error, "stack", { value: wire.stack, writable: true, configurable: true });
  return error;
}

function cloneable<T>(value: T): T | undefined {
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}
