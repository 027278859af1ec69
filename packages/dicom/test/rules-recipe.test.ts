/**
 * The text recipe: every statement of the grammar, errors with line numbers (never a skipped line),
 * round trip through formatDicomRecipe, and the same validation as the JSON form.
 */
import { describe, expect, it } from '@jest/globals';
import { PolicyError, resolvePolicyDocument } from '@medimagecleaner/core';
import {
  createHandler,
  formatDicomRecipe,
  parseDicomRecipe,
  readDicomRecipe,
  validateDicomPolicy,
} from '../src/index.js';

const RECIPE = String.raw`# Site recipe, reviewed by the ethics board
FORMAT dicom

%header
KEEP PatientSex
keep PatientAge            # actions in any case
REMOVE (0009,xx10)
REMOVE 00191010
BLANK SeriesDescription    # deid's word for EMPTY
EMPTY (0019,10xx)
REMOVE (50xx,xxxx)
REMOVE (xxxx,"SIEMENS CSA HEADER",10)
KEEP (0019,"GEMS_ACQU_01",0x0A)
REPLACE StationName "SCANNER-1"
REPLACE InstitutionName "A \"quoted\" name \\ with a backslash"
REPLACE Rows 512
HASH VR:PN
HASH PatientID IN OtherPatientIDsSequence
UID StudyInstanceUID
SHIFT StudyDate
JITTER AcquisitionDate 30
CLEAN ImageComments
REGEX StudyDescription /\bDR\.? [A-Z]+\/x #1/i "[DOCTOR] $1"
`;

describe('parseDicomRecipe', () => {
  it('reads every statement of the grammar into rules', () => {
    expect(parseDicomRecipe(RECIPE)).toEqual([
      { keyword: 'PatientSex', action: 'keep' },
      { keyword: 'PatientAge', action: 'keep' },
      { tag: '(0009,xx10)', action: 'remove' },
      { tag: '00191010', action: 'remove' },
      { keyword: 'SeriesDescription', action: 'empty' },
      { tag: '(0019,10xx)', action: 'empty' },
      { tag: '(50xx,xxxx)', action: 'remove' },
      { privateCreator: 'SIEMENS CSA HEADER', element: '0x10', action: 'remove' },
      { privateCreator: 'GEMS_ACQU_01', element: '0x0A', group: '0019', action: 'keep' },
      { keyword: 'StationName', action: 'replace', value: 'SCANNER-1' },
      { keyword: 'InstitutionName', action: 'replace', value: 'A "quoted" name \\ with a backslash' },
      { keyword: 'Rows', action: 'replace', value: 512 },
      { vr: 'PN', action: 'hash' },
      { keyword: 'PatientID', inSequence: 'OtherPatientIDsSequence', action: 'hash' },
      { keyword: 'StudyInstanceUID', action: 'uid' },
      { keyword: 'StudyDate', action: 'shift' },
      { keyword: 'AcquisitionDate', action: 'jitter', days: 30 },
      { keyword: 'ImageComments', action: 'clean' },
      {
        keyword: 'StudyDescription',
        action: 'regex-replace',
        pattern: String.raw`\bDR\.? [A-Z]+/x #1`,
        flags: 'i',
        replacement: '[DOCTOR] $1',
      },
    ]);
  });

  it('compiles to a policy section the schema and the semantic checks accept', () => {
    const rules = parseDicomRecipe(RECIPE);
    const policy = resolvePolicyDocument(
      { name: 'recipe', extends: 'basic', formats: { dicom: { rules } } },
      { handlers: [createHandler()] },
    );
    expect(() => validateDicomPolicy(policy)).not.toThrow();
  });

  it('round-trips through formatDicomRecipe', () => {
    const rules = parseDicomRecipe(RECIPE);
    const text = formatDicomRecipe(rules);
    expect(text.startsWith('FORMAT dicom\n%header\n')).toBe(true);
    expect(parseDicomRecipe(text)).toEqual(rules);
  });

  it('reads CRLF line ends, a byte order mark, and an empty %header', () => {
    expect(parseDicomRecipe('\uFEFFFORMAT dicom\r\n%header\r\nKEEP PatientSex\r\n')).toEqual([
      { keyword: 'PatientSex', action: 'keep' },
    ]);
    expect(parseDicomRecipe('FORMAT dicom\n%header\n')).toEqual([]);
  });
});

describe('recipe errors name their line and nothing is skipped', () => {
  /** The problems of a recipe made of the header and `body` (first body line is line 3). */
  const problems = (body: string) => readDicomRecipe(`FORMAT dicom\n%header\n${body}`).problems;

  it.each([
    ['PRESERVE PatientSex', 3, "unknown action 'PRESERVE'"],
    ['KEEP PatientSexx', 3, "unknown keyword 'PatientSexx' (did you mean PatientSex?)"],
    ['REMOVE (0010,001G)', 3, "'tag' must be (GGGG,EEEE) or GGGGEEEE in hex"],
    ['REMOVE (0009,xx10', 3, "'tag' must be (GGGG,EEEE)"],
    ['REGEX StudyDescription /(unclosed/ "x"', 3, "'pattern' is not a valid regular expression"],
    ['REGEX StudyDescription /abc "x"', 3, 'the regular expression has no closing slash'],
    ['REGEX StudyDescription /abc/g "x"', 3, "'flags' may hold i, m, s and u"],
    ['REGEX StudyDescription /abc/', 3, 'expected the replacement in double quotes'],
    ['REPLACE StudyDate "2024-03-15"', 3, "'value' is not a date (YYYYMMDD) for VR DA"],
    ['REPLACE StationName "unterminated', 3, 'the value: the closing double quote is missing'],
    ['REPLACE StationName SCANNER', 3, 'a value is "text" in double quotes, or a number'],
    ['REPLACE StationName', 3, 'expected a value'],
    ['JITTER StudyDate', 3, 'expected the number of days'],
    ['JITTER StudyDate thirty', 3, 'JITTER takes a whole number of days'],
    ['JITTER StudyDate 0', 3, "action jitter needs 'days', a whole number of days from 1 to 36500"],
    ['KEEP PatientSex please', 3, "unexpected 'please' after the rule"],
    ['KEEP', 3, 'expected a selector'],
    ['KEEP VR:XY', 3, "'vr' must be a VR of PS3.5"],
    ['REMOVE (0029,"ACME",1FF)', 3, 'a private selector is (gggg,"CREATOR",ee)'],
    ['KEEP PatientIdentityRemoved', 3, 'PatientIdentityRemoved cannot be targeted'],
    ['KEEP PatientName', 3, "always holds the subject's keyed pseudonym"],
    ['HASH PatientID IN StudyDate', 3, "'inSequence' StudyDate is not a sequence"],
    ['SHIFT StudyDescription', 3, "'shift' needs VR DA or DT, not LO"],
    ['%filter dangerouscookie', 3, "unsupported section '%filter'"],
    ['%header', 3, '%header is given twice'],
    ['FORMAT dicom', 3, 'FORMAT is given twice'],
  ])('%s -> line %i: %s', (body, line, message) => {
    const found = problems(body);
    expect(found).toContainEqual({ line, message: expect.stringContaining(message) });
  });

  it('needs FORMAT dicom first and %header before rules', () => {
    expect(readDicomRecipe('KEEP PatientSex\n').problems).toEqual([
      { line: 1, message: 'a recipe starts with FORMAT dicom' },
    ]);
    expect(readDicomRecipe('FORMAT nifti\n').problems[0]).toEqual({
      line: 1,
      message: "this recipe reader reads FORMAT dicom, not 'nifti'",
    });
    expect(readDicomRecipe('FORMAT dicom\nKEEP PatientSex\n').problems).toEqual([
      { line: 2, message: 'rules go in the %header section: add %header before them' },
    ]);
    expect(readDicomRecipe('').problems).toEqual([{ line: 1, message: 'a recipe starts with FORMAT dicom' }]);
  });

  it('reports every bad line, returns no rules, and throws a PolicyError listing them', () => {
    const text =
      'FORMAT dicom\n%header\nKEEP PatientSex\nKEEP PatientSexx\n\n# fine\nREMOVE (0010,001G)\nKEEP Modality\n';
    const read = readDicomRecipe(text);
    expect(read.rules).toEqual([]);
    expect(read.problems.map((p) => p.line)).toEqual([4, 7]);
    let thrown: unknown;
    try {
      parseDicomRecipe(text, 'site.recipe');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyError);
    expect((thrown as PolicyError).code).toBe('E_POLICY_INVALID');
    expect((thrown as PolicyError).file).toBe('site.recipe');
    expect((thrown as Error).message).toMatch(
      /recipe: line 4: unknown keyword 'PatientSexx'.*; line 7: 'tag' must be/,
    );
  });
});
