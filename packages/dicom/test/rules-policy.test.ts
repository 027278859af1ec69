/**
 * User rules in policies: the JSON Schema checks at load, the semantic checks (dictionary, regular
 * expressions, values against the VR, protected attributes) with their messages, `extends` order.
 */
import { describe, expect, it } from '@jest/globals';
import { PolicyError, resolvePolicyDocument, type ResolvedPolicy } from '@medimagecleaner/core';
import { createHandler, validateDicomPolicy } from '../src/index.js';
import { checkDicomRules, compileDicomRules, type DicomRule } from '../src/rules/index.js';

const handlers = [createHandler()];

function load(rules: unknown, extra: Record<string, unknown> = {}): ResolvedPolicy {
  return resolvePolicyDocument(
    { name: 'rules-test', extends: 'basic', formats: { dicom: { rules, ...extra } } },
    { handlers },
  );
}

/** The message of the PolicyError `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe('E_POLICY_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected a PolicyError');
}

/** Loads the policy (schema) then validates it (semantics): the whole load step. */
const loadAndValidate = (rules: unknown) => validateDicomPolicy(load(rules));

describe('valid rules load', () => {
  it('accepts every selector kind and action', () => {
    const rules: DicomRule[] = [
      { keyword: 'PatientSex', action: 'keep' },
      { tag: '(0009,xx10)', action: 'remove' },
      { tag: '00191010', action: 'empty' },
      { tag: '(50xx,xxxx)', action: 'remove' },
      { privateCreator: 'SIEMENS CSA HEADER', element: '0x10', action: 'remove' },
      { privateCreator: 'GEMS_ACQU_01', element: '10', group: '0019', action: 'keep' },
      { vr: 'PN', action: 'hash' },
      { keyword: 'StationName', action: 'replace', value: 'SCANNER-1' },
      { keyword: 'Rows', action: 'replace', value: 512 },
      { keyword: 'StudyInstanceUID', action: 'uid' },
      { keyword: 'StudyDate', action: 'shift' },
      { keyword: 'StudyDate', action: 'jitter', days: 30 },
      { keyword: 'ImageComments', action: 'clean' },
      {
        keyword: 'StudyDescription',
        action: 'regex-replace',
        pattern: '\\bDR\\.? [A-Z]+',
        flags: 'i',
        replacement: '[DOCTOR]',
      },
      { keyword: 'PatientName', inSequence: 'OtherPatientIDsSequence', action: 'replace', value: 'ANON' },
      { keyword: 'OverlayDescription', action: 'keep' },
    ];
    expect(() => loadAndValidate(rules)).not.toThrow();
    expect(compileDicomRules(rules).size).toBe(rules.length);
  });
});

describe('the JSON Schema at load', () => {
  it.each([
    [
      [{ keyword: 'PatientSex', action: 'keep', comment: 'x' }],
      "/formats/dicom/rules/0: unknown key 'comment'",
    ],
    [
      [{ keyword: 'PatientSex', action: 'preserve' }],
      '/formats/dicom/rules/0/action: must be one of keep, remove, empty',
    ],
    [[{ action: 'keep' }], "must have required property 'keyword'"],
    [
      [{ keyword: 'PatientSex', vr: 'CS', action: 'keep' }],
      '/formats/dicom/rules/0: must be one of keyword, inSequence, action',
    ],
    [
      [{ keyword: 'StationName', action: 'replace' }],
      "/formats/dicom/rules/0: must have required property 'value'",
    ],
    [[{ keyword: 'StudyDate', action: 'jitter' }], "must have required property 'days'"],
    [[{ keyword: 'StudyDate', action: 'jitter', days: 0 }], '/formats/dicom/rules/0/days: must be >= 1'],
    [
      [{ keyword: 'StationName', action: 'keep', value: 'X' }],
      '/formats/dicom/rules/0/action: must be one of replace',
    ],
    [[{ tag: '(0010,001G)', action: 'remove' }], '/formats/dicom/rules/0/tag: must match pattern'],
    [[{ tag: '(0010,0010', action: 'remove' }], '/formats/dicom/rules/0/tag: must match pattern'],
    [
      [{ privateCreator: 'ACME', action: 'remove' }],
      'must have property element when property privateCreator is present',
    ],
    [[{ vr: 'XX', action: 'remove' }], '/formats/dicom/rules/0/vr: must be one of AE, AS'],
    [[{ keyword: 'Patient Sex', action: 'keep' }], '/formats/dicom/rules/0/keyword: must match pattern'],
    [{ keyword: 'PatientSex' }, '/formats/dicom/rules: must be array'],
  ])('%j -> %s', (rules, message) => {
    expect(errorOf(() => load(rules))).toContain(message);
  });
});

describe('semantic checks (validateDicomPolicy at load, or the first deidentify)', () => {
  it.each([
    [{ keyword: 'PatientSexx', action: 'keep' }, "unknown keyword 'PatientSexx' (did you mean PatientSex?)"],
    [{ keyword: 'StudyDescriptoin', action: 'keep' }, 'did you mean StudyDescription?'],
    [
      { keyword: 'StudyDescription', action: 'regex-replace', pattern: '(unclosed', replacement: '' },
      "'pattern' is not a valid regular expression",
    ],
    [
      { keyword: 'StudyDate', action: 'replace', value: '2024-03-15' },
      "'value' is not a date (YYYYMMDD) for VR DA",
    ],
    [{ keyword: 'StudyDate', action: 'replace', value: '20240230' }, 'not a date (YYYYMMDD)'],
    [
      { keyword: 'StationName', action: 'replace', value: 'A STATION NAME LONGER THAN 16' },
      'longer than 16 characters for VR SH',
    ],
    [{ keyword: 'Rows', action: 'replace', value: -1 }, 'not an integer in 0..65535 for VR US'],
    [{ keyword: 'PatientSex', action: 'replace', value: 'male' }, 'not a code string'],
    [{ keyword: 'PatientAge', action: 'replace', value: '45' }, 'not an age'],
    [{ keyword: 'StudyInstanceUID', action: 'replace', value: '1.2.3.abc' }, 'not a UID'],
    [
      { keyword: 'PixelSpacing', action: 'replace', value: '0.5\\abc' },
      'value 2 is not a decimal string for VR DS',
    ],
    [{ keyword: 'StudyDescription', action: 'shift' }, "'shift' needs VR DA or DT, not LO"],
    [{ keyword: 'StationName', action: 'uid' }, "'uid' needs VR UI, not SH"],
    [{ keyword: 'StudyDate', action: 'hash' }, "'hash' needs a text VR"],
    [{ vr: 'UI', action: 'clean' }, "'clean' needs a free-text VR"],
    [
      { keyword: 'PatientIdentityRemoved', action: 'replace', value: 'NO' },
      'PatientIdentityRemoved cannot be targeted',
    ],
    [{ tag: '(0012,0063)', action: 'remove' }, '(0012,0063) cannot be targeted: De-identification Method'],
    [{ keyword: 'TransferSyntaxUID', action: 'keep' }, 'file meta information (group 0002)'],
    [{ tag: '(0002,xxxx)', action: 'keep' }, '(0002,xxxx) cannot be targeted: file meta information'],
    [{ keyword: 'PixelData', action: 'remove' }, 'pixel data is copied byte for byte'],
    [{ keyword: 'DigitalSignaturesSequence', action: 'keep' }, 'always removed'],
    [{ keyword: 'PatientName', action: 'keep' }, "always holds the subject's keyed pseudonym"],
    [{ keyword: 'PatientID', action: 'replace', value: 'X' }, "add 'inSequence'"],
    [
      { keyword: 'StudyDescription', inSequence: 'StudyDate', action: 'keep' },
      "'inSequence' StudyDate is not a sequence",
    ],
    [
      { keyword: 'StudyDescription', inSequence: 'NoSuchSequence', action: 'keep' },
      "'inSequence': unknown keyword 'NoSuchSequence'",
    ],
    [
      { privateCreator: 'ACME', element: '10', group: '0010', action: 'keep' },
      "'group' must be an odd private group",
    ],
  ])('%j -> %s', (rule, message) => {
    const text = errorOf(() => loadAndValidate([{ keyword: 'PatientSex', action: 'keep' }, rule]));
    expect(text).toContain('rules[1] (');
    expect(text).toContain(message);
  });

  it('reports every problem at once, each with its rule', () => {
    const problems = checkDicomRules([
      { keyword: 'PatientSexx', action: 'keep' },
      { keyword: 'PatientSex', action: 'keep' },
      { tag: 'zz', action: 'remove', value: 'x' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([0, 2, 2]);
    expect(problems[1]!.message).toBe("'value' is only used with action replace");
  });

  it('the first deidentify refuses a policy whose rules were never validated', async () => {
    const { context, deid, writeDicom, baseDataset } = await import('./helpers.js');
    const doc = {
      name: 'rules-test',
      extends: 'basic',
      formats: { dicom: { rules: [{ keyword: 'PatientSexx', action: 'keep' }] } },
    };
    // With the handlers, the policy is refused at load (the handler's validatePolicy runs).
    expect(() => resolvePolicyDocument(doc, { handlers })).toThrow(PolicyError);
    // Resolved without them (a caller that skipped validation), the first file refuses it.
    const policy = resolvePolicyDocument(doc);
    await expect(deid(writeDicom(baseDataset()), context(policy))).rejects.toMatchObject({
      code: 'E_POLICY_INVALID',
    });
  });
});

describe('extends', () => {
  it('concatenates rules base first, so the child policy wins among rules of one rank', () => {
    const base = {
      name: 'site-base',
      extends: 'basic',
      formats: { dicom: { rules: [{ keyword: 'StationName', action: 'replace', value: 'BASE' }] } },
    };
    const policy = resolvePolicyDocument(
      {
        name: 'child',
        extends: 'site-base',
        formats: { dicom: { rules: [{ keyword: 'StationName', action: 'replace', value: 'CHILD' }] } },
      },
      { handlers, resolveReference: () => ({ doc: base, source: 'site-base.json' }) },
    );
    validateDicomPolicy(policy);
    const rules = policy.formats['dicom']!['rules'] as DicomRule[];
    expect(rules.map((r) => r.value)).toEqual(['BASE', 'CHILD']);
    const compiled = compileDicomRules(rules);
    const best = compiled.candidates(0x00081010, 'SH', [], () => undefined)[0]!;
    expect(best.value).toBe('CHILD');
  });
});
