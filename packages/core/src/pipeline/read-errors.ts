/** The typed errors of reading an input, shared by the promise-based and the blocking readers. */
import { ErrorCodes, InputAccessError } from '../errors.js';

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}

/** The input `id` could not be opened. */
export function openFailed(error: unknown, id: string): InputAccessError {
  return new InputAccessError(ErrorCodes.READ_FAILED, `cannot open the file (${errnoOf(error)})`, {
    file: id,
    cause: error,
  });
}

/** The input `id` is a folder, FIFO, device or socket. */
export function notARegularFile(id: string): InputAccessError {
  return new InputAccessError(ErrorCodes.READ_FAILED, 'not a regular file', { file: id });
}

/** Reading the input `id` failed: a typed error as it is, anything else as `E_READ_FAILED`. */
export function readFailed(error: unknown, id: string): InputAccessError {
  if (error instanceof InputAccessError) return error;
  return new InputAccessError(ErrorCodes.READ_FAILED, `cannot read the file (${errnoOf(error)})`, {
    file: id,
    cause: error,
  });
}
