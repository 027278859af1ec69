import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  EXIT_CODES,
  ErrorCodes,
  InputAccessError,
  MedImageCleanerError,
  createTextEngine,
  type PhiSpan,
} from '@medimagecleaner/core';
import { decodeTextFile } from '@medimagecleaner/text';
import { cliHandlers } from '../handlers.js';
import type { CliIo } from '../io.js';
import { policyFromOptions } from '../policy-option.js';

/** Options of `text scan`. */
export interface TextScanOptions {
  profile?: string;
  config?: string;
}

/** One line of `text scan` output: the spans of a file (offsets only, never values), or its error. */
export type TextScanLine =
  | { file: string; spans: Array<Pick<PhiSpan, 'start' | 'end' | 'type' | 'confidence'>> }
  | { file: string; error: { code: string; message: string } };

/**
 * `text scan FILE...`: prints one JSON line per file with the spans the policy's full text engine finds
 * (UTF-16 offsets into the decoded text, type, confidence; never the text). A file that cannot be read
 * or decoded gets an `error` line and the exit code is 1 once every file was scanned; 0 otherwise.
 */
export async function textScanCommand(files: string[], opts: TextScanOptions, io: CliIo): Promise<number> {
  const policy = policyFromOptions(opts, await cliHandlers(), io);
  const engine = createTextEngine(policy);
  let failed = false;
  for (const file of files) {
    const line = await scanFile(file, io, (text) => engine.detect(text));
    if ('error' in line) failed = true;
    io.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? EXIT_CODES.PARTIAL : EXIT_CODES.OK;
}

async function scanFile(file: string, io: CliIo, detect: (text: string) => PhiSpan[]): Promise<TextScanLine> {
  try {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(resolve(io.cwd, file)));
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'unknown';
      throw new InputAccessError(ErrorCodes.READ_FAILED, `cannot read the file (${errno})`, { cause: error });
    }
    const { text } = decodeTextFile(bytes);
    const spans = detect(text).map(({ start, end, type, confidence }) => ({ start, end, type, confidence }));
    return { file, spans };
  } catch (error) {
    if (!(error instanceof MedImageCleanerError)) throw error;
    return { file, error: { code: error.code, message: error.reason } };
  }
}
