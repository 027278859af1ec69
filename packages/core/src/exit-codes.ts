import { ErrorCodes, type ErrorCode } from './errors.js';

/** Process exit codes, documented in the CLI README. The one place where outcomes map to them. */
export const EXIT_CODES = {
  /** Every file released (or already done). */
  OK: 0,
  /** The run finished, but some files were quarantined or some inputs could not be read. */
  PARTIAL: 1,
  /** Usage, configuration, key or policy error: nothing was processed. */
  CONFIG: 2,
  /** An unexpected internal error. */
  INTERNAL: 70,
} as const;

const CONFIG_CODES = new Set<ErrorCode>([
  ErrorCodes.USAGE,
  ErrorCodes.KEY_INVALID,
  ErrorCodes.POLICY_INVALID,
  ErrorCodes.POLICY_NOT_FOUND,
  ErrorCodes.POLICY_CYCLE,
  ErrorCodes.OUTPUT_INSIDE_INPUT,
  ErrorCodes.OUTPUT_NOT_EMPTY,
  ErrorCodes.OUTPUT_UNWRITABLE,
  ErrorCodes.JOURNAL_INVALID,
  ErrorCodes.INPUT_NOT_FOUND,
]);

/** The exit code for an error that stopped a command. */
export function exitCodeFor(code: ErrorCode | undefined): number {
  if (code === undefined) return EXIT_CODES.INTERNAL;
  return CONFIG_CODES.has(code) ? EXIT_CODES.CONFIG : EXIT_CODES.PARTIAL;
}
