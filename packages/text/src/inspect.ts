/**
 * Independent verification of a released note: the output bytes are decoded again and scanned with the
 * text engine. A span of the subject's own identifiers, or a span at or above the policy's residual
 * confidence that is not one of our placeholders, blocks the release.
 *
 * With `surrogate` replacement the released text holds realistic fake names, dates and places that
 * the engine rightly sees as names, dates and places, and which surrogate each span became cannot be
 * known here (the verifier runs without the de-identification's state, possibly in another thread).
 * So in surrogate mode only the subject's own identifiers and the high-confidence types that surrogates
 * never produce (e-mail, URL, IP, address, place, UID, age, deny-listed words) are checked: core's
 * `residualSpans` and `SURROGATE_TYPES`, the one definition every format's verifier uses.
 */
import { residualSpans, type Finding, type InspectContext } from '@medimagecleaner/core';

/** The rule ids of the verifier's findings. */
export const TEXT_INSPECT_RULES = {
  unreadable: 'text/unreadable-output',
  residual: 'text/residual-phi',
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  return residualSpans(text, ctx.text, ctx.policy.text, ctx.knownIdentifiers).map((span) => ({
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
