/**
 * Checks a de-identified output against a synthetic case's answer key: no injected identifier may be
 * left (searched in the bytes as Latin-1 and as UTF-8, case-insensitively, so nothing escapes by being
 * in an unexpected element, VR or depth), and every must-keep value must be unchanged (read back
 * with dcmjs).
 */
import { createHash } from 'node:crypto';
import { readPart10, type DcmjsDataset } from '../dcmjs-io.js';
import { stringValues } from '../values.js';
import type { CaseVerification, MustKeepAttribute, SyntheticAnswerKey } from './types.js';

/**
 * Verifies `outputBytes` (a de-identified file) against `answerKey`. `leaked` lists the injected
 * identifiers still present (the synthetic values: meant for test reports, not for logs of real data);
 * `changed` the keywords of must-keep attributes that changed or went (`PixelData` for the pixels;
 * `unreadable` when the output cannot be read at all).
 */
export function verifyCase(outputBytes: Uint8Array, answerKey: SyntheticAnswerKey): CaseVerification {
  const haystacks = [
    new TextDecoder('latin1').decode(outputBytes).toLowerCase(),
    new TextDecoder('utf-8', { fatal: false }).decode(outputBytes).toLowerCase(),
  ];
  const leaked = [...new Set(answerKey.identifiers.map((i) => i.value))].filter((value) =>
    haystacks.some((text) => text.includes(value.toLowerCase())),
  );

  let dict: DcmjsDataset;
  try {
    dict = readPart10(outputBytes).dict;
  } catch {
    return { leaked, changed: ['unreadable'] };
  }
  const changed = answerKey.mustKeep.filter((m) => !sameValue(dict, m)).map((m) => m.keyword);
  if (pixelHash(dict) !== answerKey.pixelDataSha256) changed.push('PixelData');
  return { leaked, changed };
}

function sameValue(dict: DcmjsDataset, expected: MustKeepAttribute): boolean {
  const element = dict[expected.tag];
  if (!element) return false;
  const actual = stringValues(element).map((v) => v.replace(/[\0 ]+$/, '').trim());
  if (actual.length !== expected.value.length) return false;
  return expected.value.every((want, i) => {
    const got = actual[i]!;
    if (typeof want === 'number')
      return got !== '' && Math.abs(Number(got) - want) <= 1e-9 * Math.max(1, Math.abs(want));
    return got === want;
  });
}

function pixelHash(dict: DcmjsDataset): string | undefined {
  const element = dict['7FE00010'];
  if (!element || !Array.isArray(element.Value)) return undefined;
  const hash = createHash('sha256');
  for (const part of element.Value) {
    if (part instanceof ArrayBuffer) hash.update(new Uint8Array(part));
    else if (ArrayBuffer.isView(part))
      hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return hash.digest('hex');
}
