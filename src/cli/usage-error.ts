/** A command line that cannot be run: unknown option, missing or malformed value. */
import { ArgumentError } from "../errors.js";

export class UsageError extends ArgumentError {}
