/** The error for a sweep configuration that cannot be used: it names the field and shows the value. */
import { ArgumentError } from "../errors.js";

export class ConfigError extends ArgumentError {
  /** The offending field as a path ("heads[0].lambda"), or "" for the configuration as a whole. */
  readonly field: string;

  constructor(message: string, field = "", value?: unknown) {
    super(message, { field, value });
    this.field = field;
  }
}
