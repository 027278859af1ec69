/**
 * Typed errors with stable codes. Every failure the toolkit reports is one of these, so callers (CLI,
 * server, pipeline) can map it to an exit code, an HTTP status or a quarantine reason in one place.
 *
 * Messages never carry PHI: they name the file by an opaque item id or by a path the caller chose to
 * show, and describe the reason without quoting values from the data.
 */

/** Stable error codes. Never renumber or rename one: reports and scripts depend on them. */
export const ErrorCodes = {
  /** The bytes are not a format any registered handler recognises. */
  UNSUPPORTED_FORMAT: 'E_UNSUPPORTED_FORMAT',
  /** The file is empty. */
  EMPTY_FILE: 'E_EMPTY_FILE',
  /** The file claims a format but cannot be parsed (truncated, corrupt). */
  PARSE_FAILED: 'E_PARSE_FAILED',
  /** The file could not be read (permissions, vanished, not a regular file). */
  READ_FAILED: 'E_READ_FAILED',
  /** A directory walk found a symbolic link loop. */
  SYMLINK_LOOP: 'E_SYMLINK_LOOP',
  /** An input path or pattern matched nothing. */
  INPUT_NOT_FOUND: 'E_INPUT_NOT_FOUND',
  /** The output folder is inside an input folder (or the other way round). */
  OUTPUT_INSIDE_INPUT: 'E_OUTPUT_INSIDE_INPUT',
  /** The output folder holds a previous run and neither resume nor overwrite was asked for. */
  OUTPUT_NOT_EMPTY: 'E_OUTPUT_NOT_EMPTY',
  /** The output (or quarantine) folder cannot be created or written (a parent is a file, no permission). */
  OUTPUT_UNWRITABLE: 'E_OUTPUT_UNWRITABLE',
  /** Two different inputs would be written to the same output name. */
  OUTPUT_COLLISION: 'E_OUTPUT_COLLISION',
  /** The policy document is invalid (schema, unknown key, unknown action or selector). */
  POLICY_INVALID: 'E_POLICY_INVALID',
  /** A named profile or an `extends` target does not exist. */
  POLICY_NOT_FOUND: 'E_POLICY_NOT_FOUND',
  /** `extends` forms a cycle. */
  POLICY_CYCLE: 'E_POLICY_CYCLE',
  /** The project key is missing, malformed or unreadable. */
  KEY_INVALID: 'E_KEY_INVALID',
  /** The policy does not allow releasing this object as it is (e.g. burned-in annotation). */
  POLICY_REJECTED: 'E_POLICY_REJECTED',
  /** Independent verification still found identifying data in the output. */
  VERIFICATION_FAILED: 'E_VERIFICATION_FAILED',
  /** A de-identification step failed unexpectedly. */
  DEID_FAILED: 'E_DEID_FAILED',
  /** Writing the output failed. */
  WRITE_FAILED: 'E_WRITE_FAILED',
  /** A worker thread died. */
  WORKER_FAILED: 'E_WORKER_FAILED',
  /** Bad command-line usage or options. */
  USAGE: 'E_USAGE',
  /** The journal of a previous run cannot be read. */
  JOURNAL_INVALID: 'E_JOURNAL_INVALID',
  /** The policy says this object is not released at all (e.g. a DICOMDIR): dropped, not an error. */
  DROPPED: 'E_DROPPED',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Options of {@link MedImageCleanerError}. */
export interface MedImageCleanerErrorOptions {
  /** The file the error is about, as the caller may show it (an item id or a chosen path). */
  file?: string;
  /** The underlying error, kept for debugging; its message is not shown to users by default. */
  cause?: unknown;
}

/** Base class of every error the toolkit throws on purpose. */
export class MedImageCleanerError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** The file concerned, if any. */
  readonly file: string | undefined;
  /** Human-readable reason, free of PHI. */
  readonly reason: string;

  constructor(code: ErrorCode, reason: string, options: MedImageCleanerErrorOptions = {}) {
    super(options.file ? `${code}: ${reason} (${options.file})` : `${code}: ${reason}`, {
      cause: options.cause,
    });
    this.name = 'MedImageCleanerError';
    this.code = code;
    this.file = options.file;
    this.reason = reason;
  }

  /** A plain, serialisable form (for reports, journals and worker messages). */
  toJSON(): SerializedError {
    return { code: this.code, reason: this.reason, ...(this.file ? { file: this.file } : {}) };
  }
}

/** The serialisable form of an error. */
export interface SerializedError {
  code: ErrorCode;
  reason: string;
  file?: string;
}

/** A file's content could not be understood: unsupported, empty, truncated or corrupt. */
export class InputFormatError extends MedImageCleanerError {
  constructor(
    code:
      typeof ErrorCodes.UNSUPPORTED_FORMAT | typeof ErrorCodes.EMPTY_FILE | typeof ErrorCodes.PARSE_FAILED,
    reason: string,
    options?: MedImageCleanerErrorOptions,
  ) {
    super(code, reason, options);
    this.name = 'InputFormatError';
  }
}

/** A file or folder could not be read or walked. */
export class InputAccessError extends MedImageCleanerError {
  constructor(
    code: typeof ErrorCodes.READ_FAILED | typeof ErrorCodes.SYMLINK_LOOP | typeof ErrorCodes.INPUT_NOT_FOUND,
    reason: string,
    options?: MedImageCleanerErrorOptions,
  ) {
    super(code, reason, options);
    this.name = 'InputAccessError';
  }
}

/** A policy could not be loaded or resolved. */
export class PolicyError extends MedImageCleanerError {
  constructor(
    code:
      typeof ErrorCodes.POLICY_INVALID | typeof ErrorCodes.POLICY_NOT_FOUND | typeof ErrorCodes.POLICY_CYCLE,
    reason: string,
    options?: MedImageCleanerErrorOptions,
  ) {
    super(code, reason, options);
    this.name = 'PolicyError';
  }
}

/** The object was understood but may not be released under the policy. */
export class PolicyRejectedError extends MedImageCleanerError {
  constructor(reason: string, options?: MedImageCleanerErrorOptions) {
    super(ErrorCodes.POLICY_REJECTED, reason, options);
    this.name = 'PolicyRejectedError';
  }
}

/**
 * Thrown by a handler when the policy says an object is not to be released at all (a DICOMDIR, which
 * lists patients and describes the input layout): the pipeline records it as dropped, writes nothing,
 * copies nothing to quarantine, and does not count it as a failure.
 */
export class ItemDroppedError extends MedImageCleanerError {
  constructor(reason: string, options?: MedImageCleanerErrorOptions) {
    super(ErrorCodes.DROPPED, reason, options);
    this.name = 'ItemDroppedError';
  }
}

/** Errors about the run's configuration: usage, key, output folder. They stop the run (exit code 2). */
export class ConfigurationError extends MedImageCleanerError {
  constructor(
    code:
      | typeof ErrorCodes.USAGE
      | typeof ErrorCodes.KEY_INVALID
      | typeof ErrorCodes.OUTPUT_INSIDE_INPUT
      | typeof ErrorCodes.OUTPUT_NOT_EMPTY
      | typeof ErrorCodes.OUTPUT_UNWRITABLE
      | typeof ErrorCodes.JOURNAL_INVALID,
    reason: string,
    options?: MedImageCleanerErrorOptions,
  ) {
    super(code, reason, options);
    this.name = 'ConfigurationError';
  }
}

/**
 * Turns anything thrown into a {@link MedImageCleanerError}. Unknown errors become `fallback` with a
 * generic reason: their messages may quote data (libraries print values), so they are not shown.
 */
export function toMedImageCleanerError(
  error: unknown,
  fallback: ErrorCode = ErrorCodes.DEID_FAILED,
  file?: string,
): MedImageCleanerError {
  if (error instanceof MedImageCleanerError) return error;
  const kind = error instanceof Error ? error.name : typeof error;
  return new MedImageCleanerError(fallback, `unexpected ${kind} during processing`, { file, cause: error });
}
