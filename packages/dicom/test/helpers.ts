/**
 * Test helpers: synthetic DICOM objects written with dcmjs, contexts built with the core's real
 * pseudonymizer, policy resolver and text detector.
 */
import dcmjs from 'dcmjs';
import {
  createMemoryInputItem,
  createPseudonymizer,
  createTextPhiDetector,
  resolvePolicyDocument,
  type DeidContext,
  type InspectContext,
  type ProfileOption,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import type { DcmjsDataset } from 'dcmjs';
import { createHandler } from '../src/index.js';

export const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
export const OTHER_KEY = new Uint8Array(32).map((_, i) => (i * 53 + 3) & 0xff);

export const handler = createHandler();

export const UIDS = {
  study: '1.2.826.0.1.3680043.8.498.11',
  series: '1.2.826.0.1.3680043.8.498.12',
  instance: '1.2.826.0.1.3680043.8.498.13',
  frame: '1.2.826.0.1.3680043.8.498.14',
  CT: '1.2.840.10008.5.1.4.1.1.2',
};

/** A policy with the given options on (and an optional dicom section). */
export function policy(
  options: Partial<Record<ProfileOption, boolean>> = {},
  dicom?: Record<string, unknown>,
): ResolvedPolicy {
  return resolvePolicyDocument({
    name: 'test',
    extends: 'basic',
    options,
    ...(dicom ? { formats: { dicom } } : {}),
  });
}

/** A de-identification context with the real pseudonymizer and text detector. */
export function context(p: ResolvedPolicy = policy(), key: Uint8Array = KEY): DeidContext {
  return {
    policy: p,
    pseudonyms: createPseudonymizer(key, { dateShiftDays: p.dateShiftDays }),
    text: createTextPhiDetector(),
    audit: { record() {} },
    signal: new AbortController().signal,
  };
}

/** The inspect context matching a de-identification. */
export function inspectContext(ctx: DeidContext, knownIdentifiers: readonly string[]): InspectContext {
  return { policy: ctx.policy, text: ctx.text, knownIdentifiers, signal: ctx.signal };
}

/** A minimal CT dataset with patient, study and series attributes; `extra` is merged in. */
export function baseDataset(extra: DcmjsDataset = {}): DcmjsDataset {
  return {
    '00080005': { vr: 'CS', Value: ['ISO_IR 100'] },
    '00080016': { vr: 'UI', Value: [UIDS.CT] },
    '00080018': { vr: 'UI', Value: [UIDS.instance] },
    '00080020': { vr: 'DA', Value: ['20240315'] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE^Q' }] },
    '00100020': { vr: 'LO', Value: ['MRN0012345'] },
    '00100030': { vr: 'DA', Value: ['19800102'] },
    '0020000D': { vr: 'UI', Value: [UIDS.study] },
    '0020000E': { vr: 'UI', Value: [UIDS.series] },
    '00280010': { vr: 'US', Value: [2] },
    '00280011': { vr: 'US', Value: [2] },
    '00280100': { vr: 'US', Value: [16] },
    '7FE00010': { vr: 'OW', Value: [new Uint16Array([1, 2, 3, 4]).buffer] },
    ...extra,
  };
}

/** Writes a dataset as a Part 10 file with dcmjs (explicit VR little endian unless `ts` says otherwise). */
export function writeDicom(dict: DcmjsDataset, ts = '1.2.840.10008.1.2.1'): Uint8Array {
  const sopClass = (dict['00080016']?.Value?.[0] as string | undefined) ?? UIDS.CT;
  const sopInstance = (dict['00080018']?.Value?.[0] as string | undefined) ?? UIDS.instance;
  const meta: DcmjsDataset = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClass] },
    '00020003': { vr: 'UI', Value: [sopInstance] },
    '00020010': { vr: 'UI', Value: [ts] },
    '00020012': { vr: 'UI', Value: ['1.2.3.4'] },
    '00020016': { vr: 'AE', Value: ['SRC_AE'] },
  };
  const out = new dcmjs.data.DicomDict(meta);
  out.dict = structuredClone(dict);
  return new Uint8Array(out.write({ allowInvalidVRLength: true }));
}

/** Reads a file with dcmjs. */
export function readDicom(bytes: Uint8Array): { meta: DcmjsDataset; dict: DcmjsDataset } {
  const parsed = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return { meta: parsed.meta, dict: parsed.dict };
}

/** Runs deidentify on bytes. */
export async function deid(bytes: Uint8Array, ctx: DeidContext = context(), id = 'item-1') {
  return handler.deidentify(createMemoryInputItem(id, bytes), ctx);
}

/** The first value of an element as text ('' when absent or empty). */
export function text(dict: DcmjsDataset, key: string): string {
  const v = dict[key]?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && v !== null && 'Alphabetic' in v)
    return String((v as { Alphabetic?: string }).Alphabetic ?? '');
  return String(v);
}
