/**
 * Independent verification of a released note: the output bytes are decoded again and scanned with the
 * text engine. A span of the subject's own identifiers, or a span at or above the policy's residual
 * confidence that is not one of our placeholders, blocks the release.
 *
 * With `surrogate` replacement the released text holds realistic fake names, dates and places that
 * the engine rightly sees as names, dates and places, and which surrogate each span became cannot be
 * known here (the verifier runs without the de-identification's state, possibly in another thread).
 * So in surrogate mode only the subject's own identifiers and the high-confidence types that surrogates
 * never produce (e-mail, URL, IP, address, place, UID, age, deny-listed words) are checked; see {@link SURROGATE_TYPES}.
 */
import type { Finding, InspectContext, PhiSpan, PhiType } from '@medimagecleaner/core';

/** The rule ids of the verifier's findings. */
export const TEXT_INSPECT_RULES = {
  unreadable: 'text/unreadable-output',
  residual: 'text/residual-phi',
} as const;

/** The residual confidence when the policy has none. */
export const DEFAULT_RESIDUAL_CONFIDENCE = 0.9;

/**
 * The types whose surrogates look like the real thing (keyed fake names, shifted dates, keyed digits in
 * the original layout): not checked in surrogate mode. Every other type is replaced by its placeholder
 * in both modes, so it is checked in both.
 */
export const SURROGATE_TYPES: ReadonlySet<PhiType> = new Set<PhiType>([
  'name',
  'date',
  'phone',
  'fax',
  'id',
  'mrn',
  'accession',
  'ssn',
  'zip',
]);

/** A typed placeholder of the engine, such as `[NAME]` or `[SUBJECT-IDENTIFIER]`. */
const PLACEHOLDER = /\[[A-Z][A-Z_-]*\]/g;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The `[start, end)` ranges of the placeholders in `text`. */
export function placeholderRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
}

/** True when `span` lies inside one of `ranges`. */
function insideAny(span: PhiSpan, ranges: ReadonlyArray<[number, number]>): boolean {
  return ranges.some(([s, e]) => span.start >= s && span.end <= e);
}

/**
 * The spans of `text` that are residual PHI under the policy: subject identifiers always; others at or
 * above `residualConfidence`, outside placeholders, and (in surrogate mode) not of a surrogate type.
 */
export function residualSpans(
  text: string,
  ctx: Pick<InspectContext, 'policy' | 'text' | 'knownIdentifiers'>,
): PhiSpan[] {
  const textPolicy = ctx.policy.text as Partial<typeof ctx.policy.text> | undefined;
  const threshold = textPolicy?.residualConfidence ?? DEFAULT_RESIDUAL_CONFIDENCE;
  const surrogate = textPolicy?.replacement === 'surrogate';
  const placeholders = placeholderRanges(text);
  return ctx.text.detect(text, { knownIdentifiers: ctx.knownIdentifiers }).filter((span) => {
    if (span.type === 'subject-identifier') return true;
    if (span.confidence < threshold || insideAny(span, placeholders)) return false;
    return !(surrogate && SURROGATE_TYPES.has(span.type));
  });
}

/** Verifies `output` (a released note, UTF-8). Findings name an offset and a type, never the value. */
export async function inspectText(output: Uint8Array, ctx: InspectContext): Promise<Finding[]> {
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
  let text: string;
  try {
    text = utf8.decode(output);
  } catch {
    return [
      {
        rule: TEXT_INSPECT_RULES.unreadable,
        severity: 'error',
        location: 'file',
        message: 'the output is not valid UTF-8 text',
      },
    ];
  }
  return residualSpans(text, ctx).map((span) => ({
    rule: TEXT_INSPECT_RULES.residual,
    severity: 'error',
    location: `offset ${span.start}`,
    message:
      span.type === 'subject-identifier'
        ? "the text contains one of the subject's identifiers"
        : 'the text still contains a high-confidence PHI span',
    phiType: span.type,
  }));
}
