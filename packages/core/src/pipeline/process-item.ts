import { chooseHandler } from './choose-handler.js';
import {
  ErrorCodes,
  InputFormatError,
  MedImageCleanerError,
  toMedImageCleanerError,
  type SerializedError,
} from '../errors.js';
import type {
  ActionRecord,
  DeidContext,
  FormatHandler,
  Finding,
  InputItem,
  OutputCollisionMode,
  SubjectRef,
} from '../types.js';

/** How many leading bytes are handed to `sniff`. */
export const SNIFF_BYTES = 4096;

/** The result of one item, free of PHI: safe to send across threads, journal and report. */
export type ItemResult = ReleasedItem | QuarantinedItem | DroppedItem;

/** An item the policy says not to release at all (nothing written, nothing quarantined). */
export interface DroppedItem {
  status: 'dropped';
  id: string;
  format?: string;
  reason: string;
}

/** An item whose output passed verification. */
export interface ReleasedItem {
  status: 'released';
  id: string;
  format: string;
  relativePath: string;
  /** What to do when another input's output takes the same path (default `quarantine`). */
  onCollision?: OutputCollisionMode;
  /** The de-identified bytes, until {@link stageRelease} has written them to a staging file. */
  data?: Uint8Array;
  /** SHA-256 (hex) of the bytes, set by {@link stageRelease}. */
  sha256?: string;
  /** Size of the bytes. */
  size: number;
  /** The staging file holding the bytes (same file system as the output; renamed into place). */
  stagedPath?: string;
  subject: SubjectRef;
  actions: ActionRecord[];
  findings: Finding[];
  confidence: number;
}

/** An item that may not be released, with the reason. */
export interface QuarantinedItem {
  status: 'quarantined';
  id: string;
  format?: string;
  error: SerializedError;
  findings: Finding[];
}

/**
 * Runs one item through sniff, de-identification and independent verification. Never throws: every
 * failure becomes a quarantined result with a typed error. The subject's original identifiers stay
 * inside this function.
 */
export async function processItem(
  item: InputItem,
  handlers: readonly FormatHandler[],
  ctx: DeidContext,
): Promise<ItemResult> {
  let format: string | undefined;
  try {
    const bytes = await item.read();
    if (bytes.length === 0)
      throw new InputFormatError(ErrorCodes.EMPTY_FILE, 'the file is empty', { file: item.id });
    const head = bytes.subarray(0, SNIFF_BYTES);
    const handler = chooseHandler(handlers, head, item.path);
    if (!handler) {
      throw new InputFormatError(
        ErrorCodes.UNSUPPORTED_FORMAT,
        'no registered format handler recognises this file',
        {
          file: item.id,
        },
      );
    }
    format = handler.format;
    const memoryItem: InputItem = {
      id: item.id,
      path: item.path,
      size: bytes.length,
      read: async () => bytes,
      ...(item.headroom !== undefined ? { headroom: item.headroom } : {}),
      ...(item.learned !== undefined ? { learned: item.learned } : {}),
    };
    const outcome = await handler.deidentify(memoryItem, ctx);
    assertSafeRelativePath(outcome.output.relativePath, item.id);
    const verification = await handler.inspect(outcome.output.data, {
      policy: ctx.policy,
      text: ctx.text,
      knownIdentifiers: outcome.knownIdentifiers,
      signal: ctx.signal,
    });
    const findings = [...outcome.findings, ...verification];
    const blocking = findings.filter((f) => f.severity === 'error');
    if (blocking.length > 0) {
      return {
        status: 'quarantined',
        id: item.id,
        format,
        error: {
          code: ErrorCodes.VERIFICATION_FAILED,
          reason: `verification found ${blocking.length} problem(s) in the de-identified output`,
          file: item.id,
        },
        findings,
      };
    }
    return {
      status: 'released',
      id: item.id,
      format,
      relativePath: outcome.output.relativePath,
      ...(outcome.output.onCollision ? { onCollision: outcome.output.onCollision } : {}),
      data: outcome.output.data,
      size: outcome.output.data.length,
      subject: outcome.subject,
      actions: outcome.actions,
      findings,
      confidence: outcome.confidence,
    };
  } catch (error) {
    const typed = toMedImageCleanerError(error, ErrorCodes.DEID_FAILED, item.id);
    if (typed.code === ErrorCodes.DROPPED) {
      return { status: 'dropped', id: item.id, ...(format ? { format } : {}), reason: typed.reason };
    }
    return {
      status: 'quarantined',
      id: item.id,
      ...(format ? { format } : {}),
      error: { ...typed.toJSON(), file: item.id },
      findings: [],
    };
  }
}

/** Output names must stay inside the output folder: relative, `/`-separated, no `..`, no empty parts. */
export function assertSafeRelativePath(relativePath: string, id: string): void {
  const parts = relativePath.split('/');
  const bad =
    relativePath.length === 0 ||
    relativePath.length > 1024 ||
    relativePath.includes('\\') ||
    relativePath.includes('\0') ||
    parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'));
  if (bad) {
    throw new MedImageCleanerError(ErrorCodes.DEID_FAILED, 'the handler proposed an unsafe output name', {
      file: id,
    });
  }
}
