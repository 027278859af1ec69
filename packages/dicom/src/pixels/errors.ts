/**
 * Typed errors of the pixel layer. Each one carries a core {@link ErrorCodes} code (so callers map it
 * to a quarantine reason like any other failure) and a finer, stable {@link PixelErrorKind} naming the
 * item that failed. Messages name frames, fragments and transfer syntaxes, never pixel or header values.
 */
import { ErrorCodes, MedImageCleanerError } from '@medimagecleaner/core';

/** Stable kinds of pixel failures. Never rename one: reports and scripts depend on them. */
export const PixelErrorKinds = {
  /** The transfer syntax has no decoder (or encoder) here, or the codec cannot handle this bit depth. */
  UNSUPPORTED_TRANSFER_SYNTAX: 'UNSUPPORTED_TRANSFER_SYNTAX',
  /** The pixel description (Rows, Columns, BitsAllocated ...) is missing, inconsistent or unsupported. */
  INVALID_DESCRIPTION: 'INVALID_DESCRIPTION',
  /** Native Pixel Data is shorter than the frames it must hold. */
  TRUNCATED_PIXEL_DATA: 'TRUNCATED_PIXEL_DATA',
  /** Encapsulated Pixel Data is malformed (bad item tag, length past the end, no delimiter). */
  BAD_ENCAPSULATION: 'BAD_ENCAPSULATION',
  /** The fragments cannot be assigned to the frames (too few, offset table inconsistent). */
  FRAGMENT_COUNT: 'FRAGMENT_COUNT',
  /** A frame's compressed bitstream does not decode, or decodes to another geometry. */
  FRAME_DECODE_FAILED: 'FRAME_DECODE_FAILED',
  /** A changed frame cannot be encoded (wrong geometry, codec failure). */
  FRAME_ENCODE_FAILED: 'FRAME_ENCODE_FAILED',
  /** A redaction box is not a finite rectangle, or the method is unknown. */
  INVALID_REGION: 'INVALID_REGION',
} as const;

/** One of the stable pixel error kinds. */
export type PixelErrorKind = (typeof PixelErrorKinds)[keyof typeof PixelErrorKinds];

/** Core code used for each kind: unsupported input, or input that does not parse. */
function coreCodeOf(
  kind: PixelErrorKind,
): typeof ErrorCodes.UNSUPPORTED_FORMAT | typeof ErrorCodes.PARSE_FAILED {
  return kind === PixelErrorKinds.UNSUPPORTED_TRANSFER_SYNTAX
    ? ErrorCodes.UNSUPPORTED_FORMAT
    : ErrorCodes.PARSE_FAILED;
}

/**
 * A pixel decode or encode failure. `code` is the core code (`E_UNSUPPORTED_FORMAT` for an unsupported
 * transfer syntax or bit depth, `E_PARSE_FAILED` otherwise); `kind` is the stable pixel kind; `frame`
 * and `fragment` name the item concerned when there is one.
 */
export class PixelDataError extends MedImageCleanerError {
  /** Stable, finer-grained kind. */
  readonly kind: PixelErrorKind;
  /** Index (0-based) of the frame concerned, if any. */
  readonly frame: number | undefined;
  /** Index (0-based, the basic offset table excluded) of the fragment concerned, if any. */
  readonly fragment: number | undefined;

  constructor(
    kind: PixelErrorKind,
    reason: string,
    where: { frame?: number; fragment?: number; cause?: unknown } = {},
  ) {
    const item = [
      where.frame !== undefined ? `frame ${where.frame}` : '',
      where.fragment !== undefined ? `fragment ${where.fragment}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(coreCodeOf(kind), `${kind}: ${reason}${item ? ` (${item})` : ''}`, { cause: where.cause });
    this.name = 'PixelDataError';
    this.kind = kind;
    this.frame = where.frame;
    this.fragment = where.fragment;
  }
}
