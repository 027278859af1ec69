/**
 * User rules through the handler: written files in, written files out.
 */
import { describe, expect, it } from '@jest/globals';
import { dicomRulesOf, parseDicomRecipe, type DicomRule } from '../src/index.js';
import { jitterDays } from '../src/rules/index.js';
import { shiftDate } from '../src/dates.js';
import { baseDataset, context, deid, policy, readDicom, text, writeDicom } from './helpers.js';

const withRules = (rules: readonly DicomRule[], options = {}) => policy(options, { rules });

describe('user rules in deidentify', () => {
  it('a user keep of StudyDescription under basic keeps the value and reports a warning finding', async () => {
    const input = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['CT CHEST WITH CONTRAST'] } }));
    const outcome = await deid(input, context(withRules([{ keyword: 'StudyDescription', action: 'keep' }])));
    expect(text(readDicom(outcome.output.data).dict, '00081030')).toBe('CT CHEST WITH CONTRAST');
    const warning = outcome.findings.find((f) => f.rule === 'dicom/user-rule-keeps');
    expect(warning).toMatchObject({ severity: 'warning', location: '(0008,1030)' });
    expect(JSON.stringify(outcome.findings)).not.toContain('CHEST');
    expect(outcome.actions).toContainEqual({
      selector: 'rules[0] (0008,1030) StudyDescription',
      action: 'keep',
      count: 1,
    });
    // Without the rule, the profile removes it.
    const plain = await deid(input, context(policy()));
    expect(readDicom(plain.output.data).dict['00081030']).toBeUndefined();
  });

  it('the identifier sweep still cleans a kept value that holds the subject name', async () => {
    const input = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['CT CHEST FOR JANE DOE'] } }));
    const outcome = await deid(input, context(withRules([{ keyword: 'StudyDescription', action: 'keep' }])));
    const out = text(readDicom(outcome.output.data).dict, '00081030');
    expect(out).toContain('CT CHEST FOR');
    expect(out.toLowerCase()).not.toMatch(/jane|doe/);
  });

  it('keeps a top-level private element selected by its creator, with its creator, and removes the rest', async () => {
    const input = writeDicom(
      baseDataset({
        '00290010': { vr: 'LO', Value: ['SIEMENS CSA HEADER'] },
        '00290011': { vr: 'LO', Value: ['OTHER CREATOR'] },
        '00291008': { vr: 'CS', Value: ['IMAGE NUM 4'] },
        '00291010': { vr: 'LO', Value: ['KEEP ME'] },
        '00291110': { vr: 'LO', Value: ['NOT THIS CREATOR'] },
        '00091001': { vr: 'LO', Value: ['DOE JANE'] },
      }),
    );
    const outcome = await deid(
      input,
      context(withRules([{ privateCreator: 'SIEMENS CSA HEADER', element: '0x10', action: 'keep' }])),
    );
    const dict = readDicom(outcome.output.data).dict;
    expect(text(dict, '00290010')).toBe('SIEMENS CSA HEADER');
    expect(text(dict, '00291010')).toBe('KEEP ME');
    for (const gone of ['00290011', '00291008', '00291110', '00091001']) expect(dict[gone]).toBeUndefined();
    expect(
      outcome.findings.some((f) => f.rule === 'dicom/user-rule-keeps' && f.location === '(0029,1010)'),
    ).toBe(true);
  });

  it('replaces a top-level private element selected by a tag pattern; remove on a pattern needs no creator', async () => {
    const input = writeDicom(
      baseDataset({
        '00190010': { vr: 'LO', Value: ['GEMS_ACQU_01'] },
        '00191010': { vr: 'LO', Value: ['SCANNER ROOM 4'] },
        '00191011': { vr: 'LO', Value: ['DOE JANE'] },
      }),
    );
    const outcome = await deid(
      input,
      context(withRules([{ tag: '(0019,xx10)', action: 'replace', value: 'ROOM' }])),
    );
    const dict = readDicom(outcome.output.data).dict;
    expect(text(dict, '00191010')).toBe('ROOM');
    expect(text(dict, '00190010')).toBe('GEMS_ACQU_01');
    expect(dict['00191011']).toBeUndefined();
  });

  it('applies a recipe: replace, jitter, regex, hash in a sequence', async () => {
    const rules = parseDicomRecipe(String.raw`FORMAT dicom
%header
REPLACE StationName "SCANNER-1"
JITTER StudyDate 30
REGEX SeriesDescription /\s*FOR\s.*$/ ""
KEEP OtherPatientIDsSequence
HASH PatientID IN OtherPatientIDsSequence
`);
    const input = writeDicom(
      baseDataset({
        '00081010': { vr: 'SH', Value: ['CT-ROOM-4'] },
        '0008103E': { vr: 'LO', Value: ['AXIAL 5MM FOR DR SMITH'] },
        '00101002': { vr: 'SQ', Value: [{ '00100020': { vr: 'LO', Value: ['ALT-778899'] } }] },
      }),
    );
    const ctx = context(withRules(rules));
    const outcome = await deid(input, ctx);
    const dict = readDicom(outcome.output.data).dict;
    expect(text(dict, '00081010')).toBe('SCANNER-1');
    expect(text(dict, '0008103E')).toBe('AXIAL 5MM');
    const subjectKey = 'MRN0012345';
    expect(text(dict, '00080020')).toBe(
      shiftDate('20240315', jitterDays(30, { pseudonyms: ctx.pseudonyms, subjectKey })),
    );
    const item = dict['00101002']!.Value![0] as Record<string, { Value?: unknown[] }>;
    expect(item['00100020']!.Value![0]).toBe(ctx.pseudonyms.hash('dicom-rule', 'ALT-778899', 64));
    expect(Buffer.from(outcome.output.data).toString('latin1')).not.toContain('ALT-778899');
  });

  it('compiles the rules of a policy once', () => {
    const p = withRules([{ keyword: 'PatientSex', action: 'keep' }]);
    expect(dicomRulesOf(p)).toBe(dicomRulesOf(p));
    expect(dicomRulesOf(policy()).size).toBe(0);
  });
});

describe('the verifier honours user rules', () => {
  it('releases an attribute a user rule keeps on purpose, but still refuses the subject identifiers in it', async () => {
    const { context, policy, deid, writeDicom, baseDataset, inspectContext, handler } =
      await import('./helpers.js');
    const keep = policy(
      {},
      {
        rules: [
          { keyword: 'StudyDescription', action: 'keep' },
          { keyword: 'StudyDate', action: 'keep' },
        ],
      },
    );
    const clean = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['CT CHEST W CONTRAST'] } }));
    const ctx = context(keep);
    const outcome = await deid(clean, ctx);
    const errors = (
      await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers))
    ).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);

    const leaky = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['CT CHEST f/u MRN0012345'] } }));
    const leakyOutcome = await deid(leaky, ctx);
    // the sweep cleans the subject's identifier out of the kept text, and the verifier agrees
    const leakyErrors = (
      await handler.inspect(leakyOutcome.output.data, inspectContext(ctx, leakyOutcome.knownIdentifiers))
    ).filter((f) => f.severity === 'error');
    expect(leakyErrors).toEqual([]);
    expect(Buffer.from(leakyOutcome.output.data).toString('latin1')).not.toContain('MRN0012345');
    // without the rule, the same kept value would be an error: the verifier is not blind
    const basicCtx = context(policy());
    const planted = await handler.inspect(
      outcome.output.data,
      inspectContext(basicCtx, outcome.knownIdentifiers),
    );
    expect(planted.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain(
      'dicom/removed-attribute-present',
    );
  });
});
