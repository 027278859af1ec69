/**
 * User rules in the engine: every selector kind with every action on synthetic datasets, the
 * precedence table, the keep warning, private creators kept with their elements.
 */
import { describe, expect, it } from '@jest/globals';
import {
  createPseudonymizer,
  createTextPhiDetector,
  type Finding,
  type ProfileOption,
} from '@medimagecleaner/core';
import { ActionRecorder } from '../src/actions.js';
import type { DcmjsDataset, DcmjsElement } from '../src/dcmjs-io.js';
import { shiftDate } from '../src/dates.js';
import { applyProfile, type EngineEnv } from '../src/engine.js';
import { createIdentifierMatcher } from '../src/identifiers.js';
import { compileDicomRules, jitterDays, type DicomRule } from '../src/rules/index.js';
import { KEY, policy } from './helpers.js';

const SUBJECT = 'SUBJECT-KEY-1';
const KNOWN = ['ZAWADZKI^PHILOMENA', 'ZAWADZKI', 'PHILOMENA', 'MRN-4471-2093'];

function envFor(
  rules: readonly DicomRule[],
  options: Partial<Record<ProfileOption, boolean>> = {},
): EngineEnv {
  const p = policy(options);
  return {
    options: p.options,
    pseudonyms: createPseudonymizer(KEY, { dateShiftDays: p.dateShiftDays }),
    text: createTextPhiDetector(),
    subjectKey: SUBJECT,
    knownIdentifiers: KNOWN,
    matcher: createIdentifierMatcher(KNOWN),
    recorder: new ActionRecorder(),
    findings: [] as Finding[],
    rules: compileDicomRules(rules),
  };
}

function run(
  dataset: DcmjsDataset,
  rules: readonly DicomRule[],
  options: Partial<Record<ProfileOption, boolean>> = {},
): { dataset: DcmjsDataset; env: EngineEnv } {
  const env = envFor(rules, options);
  applyProfile(dataset, env);
  return { dataset, env };
}

function first(element: DcmjsElement | undefined): unknown {
  const v = element?.Value?.[0];
  if (v && typeof v === 'object' && 'Alphabetic' in v) return (v as { Alphabetic: string }).Alphabetic;
  return v;
}

const el = (vr: string, value: unknown): DcmjsElement => ({ vr, Value: [value] });

/** The action cases: the attribute each acts on, its value, the rule's extra fields, the expected result. */
interface ActionCase {
  action: DicomRule['action'];
  /** Public target: tag key, keyword, VR. */
  key: string;
  keyword: string;
  vr: string;
  value: string;
  extra?: Partial<DicomRule>;
  options?: Partial<Record<ProfileOption, boolean>>;
  /** Checks the element after the run (undefined when removed). */
  expect(element: DcmjsElement | undefined, env: EngineEnv, original: string): void;
}

const ACTIONS: ActionCase[] = [
  {
    action: 'keep',
    key: '00081030',
    keyword: 'StudyDescription',
    vr: 'LO',
    value: 'CT CHEST WITH CONTRAST',
    expect: (e, _env, v) => expect(first(e)).toBe(v),
  },
  {
    action: 'remove',
    key: '00080070',
    keyword: 'Manufacturer',
    vr: 'LO',
    value: 'ACME MEDICAL',
    expect: (e) => expect(e).toBeUndefined(),
  },
  {
    action: 'empty',
    key: '00180015',
    keyword: 'BodyPartExamined',
    vr: 'CS',
    value: 'CHEST',
    expect: (e) => {
      expect(e).toBeDefined();
      expect(e!.Value ?? []).toEqual([]);
    },
  },
  {
    action: 'replace',
    key: '00081010',
    keyword: 'StationName',
    vr: 'SH',
    value: 'CT-ROOM-4',
    extra: { value: 'SCANNER-1' },
    expect: (e) => expect(first(e)).toBe('SCANNER-1'),
  },
  {
    action: 'hash',
    key: '00080050',
    keyword: 'AccessionNumber',
    vr: 'SH',
    value: 'ACC12345',
    expect: (e, env, v) => {
      expect(first(e)).toBe(env.pseudonyms.hash('dicom-rule', v, 16));
      expect(String(first(e))).toHaveLength(16);
    },
  },
  {
    action: 'uid',
    key: '00080016',
    keyword: 'SOPClassUID',
    vr: 'UI',
    value: '1.2.826.0.1.3680043.8.498.77',
    expect: (e, env, v) => expect(first(e)).toBe(env.pseudonyms.uid(v)),
  },
  {
    action: 'shift',
    key: '00080020',
    keyword: 'StudyDate',
    vr: 'DA',
    value: '20240315',
    expect: (e, env, v) => expect(first(e)).toBe(shiftDate(v, env.pseudonyms.dateOffsetDays(SUBJECT))),
  },
  {
    action: 'jitter',
    key: '00080022',
    keyword: 'AcquisitionDate',
    vr: 'DA',
    value: '20240316',
    extra: { days: 30 },
    expect: (e, env, v) => {
      const days = jitterDays(30, env);
      expect(Math.abs(days)).toBeGreaterThanOrEqual(1);
      expect(Math.abs(days)).toBeLessThanOrEqual(30);
      expect(first(e)).toBe(shiftDate(v, days));
    },
  },
  {
    action: 'clean',
    key: '00204000',
    keyword: 'ImageComments',
    vr: 'LT',
    value: 'Reviewed with Philomena Zawadzki, lesion stable',
    expect: (e) => {
      const out = String(first(e));
      expect(out.toLowerCase()).not.toMatch(/zawadzki|philomena/);
      expect(out).toContain('lesion stable');
    },
  },
  {
    action: 'regex-replace',
    key: '00081030',
    keyword: 'StudyDescription',
    vr: 'LO',
    value: 'CT CHEST WITH CONTRAST',
    extra: { pattern: 'CHEST', replacement: 'THORAX' },
    expect: (e) => expect(first(e)).toBe('CT THORAX WITH CONTRAST'),
  },
];

const punctuated = (key: string) => `(${key.slice(0, 4)},${key.slice(4)})`;

/** Selector kinds on a public attribute (the dataset holds only the target, so patterns and VRs hit it alone). */
const PUBLIC_SELECTORS: Array<[string, (c: ActionCase) => Partial<DicomRule>]> = [
  ['keyword', (c) => ({ keyword: c.keyword })],
  ['tag (GGGG,EEEE)', (c) => ({ tag: punctuated(c.key) })],
  ['tag GGGGEEEE', (c) => ({ tag: c.key })],
  ['tag pattern', (c) => ({ tag: `(${c.key.slice(0, 4)},${c.key.slice(4, 6)}xx)` })],
  ['vr', (c) => ({ vr: c.vr })],
];

describe('each selector kind with each action', () => {
  for (const [kind, selector] of PUBLIC_SELECTORS) {
    for (const c of ACTIONS) {
      it(`${kind} x ${c.action}`, () => {
        const dataset: DcmjsDataset = { [c.key]: el(c.vr, c.value) };
        const rule = { ...selector(c), action: c.action, ...c.extra } as DicomRule;
        const { env } = run(dataset, [rule], c.options);
        c.expect(dataset[c.key], env, c.value);
        expect(env.recorder.toRecords().some((r) => r.selector.startsWith('rules[0] '))).toBe(true);
      });
    }
  }

  // Private attributes: (0029,1010) in the block ACME 1.0 reserved at (0029,0010).
  const privateCase = (c: ActionCase): DcmjsDataset => ({
    '00290010': el('LO', 'ACME 1.0'),
    '00291010': el(c.vr, c.value),
    '00291011': el('LO', 'OTHER PRIVATE VALUE'),
  });
  const PRIVATE_SELECTORS: Array<[string, Partial<DicomRule>]> = [
    ['privateCreator', { privateCreator: 'ACME 1.0', element: '0x10' }],
    ['privateCreator with group', { privateCreator: 'ACME 1.0', element: '10', group: '0029' }],
    ['private tag', { tag: '(0029,1010)' }],
    ['private tag pattern', { tag: '(0029,xx10)' }],
  ];
  for (const [kind, selector] of PRIVATE_SELECTORS) {
    for (const c of ACTIONS) {
      it(`${kind} x ${c.action}`, () => {
        const dataset = privateCase(c);
        const rule = { ...selector, action: c.action, ...c.extra } as DicomRule;
        const { env } = run(dataset, [rule], c.options);
        c.expect(dataset['00291010'], env, c.value);
        // The other private element of the block goes; the creator stays exactly when its element does.
        expect(dataset['00291011']).toBeUndefined();
        if (c.action === 'remove') expect(dataset['00290010']).toBeUndefined();
        else if (kind !== 'private tag pattern') expect(first(dataset['00290010'])).toBe('ACME 1.0');
      });
    }
  }

  it('inSequence restricts a rule to the items of a sequence, at any depth', () => {
    const dataset: DcmjsDataset = {
      '00081030': el('LO', 'TOP LEVEL DESCRIPTION'),
      '00400275': {
        vr: 'SQ',
        Value: [
          {
            '00081030': el('LO', 'NESTED DESCRIPTION'),
            '00081110': { vr: 'SQ', Value: [{ '00081030': el('LO', 'DEEPER DESCRIPTION') }] },
          },
        ],
      },
    };
    run(dataset, [
      { keyword: 'RequestAttributesSequence', action: 'keep' }, // the profile removes the sequence (X)
      { keyword: 'ReferencedStudySequence', action: 'keep' },
      {
        keyword: 'StudyDescription',
        inSequence: 'RequestAttributesSequence',
        action: 'replace',
        value: 'NESTED',
      },
    ]);
    expect(dataset['00081030']).toBeUndefined(); // the profile (X) at the top level
    const item = dataset['00400275']!.Value![0] as DcmjsDataset;
    expect(first(item['00081030'])).toBe('NESTED');
    expect(first((item['00081110']!.Value![0] as DcmjsDataset)['00081030'])).toBe('NESTED');
  });

  it('inSequence by tag, and a rule on a nested PatientName', () => {
    const dataset: DcmjsDataset = {
      '00100010': el('PN', { Alphabetic: 'ZAWADZKI^PHILOMENA' }),
      '00101002': {
        vr: 'SQ',
        Value: [{ '00100020': el('LO', 'ALT-ID-1'), '00100010': el('PN', { Alphabetic: 'ZAWADZKI^P' }) }],
      },
    };
    run(dataset, [
      { keyword: 'OtherPatientIDsSequence', action: 'keep' },
      { keyword: 'PatientID', inSequence: '(0010,1002)', action: 'hash' },
      {
        keyword: 'PatientName',
        inSequence: 'OtherPatientIDsSequence',
        action: 'replace',
        value: 'ANON^NESTED',
      },
    ]);
    const item = dataset['00101002']!.Value![0] as DcmjsDataset;
    expect(String(first(item['00100020']))).toMatch(/^[0-9a-f]{64}$/);
    expect(first(item['00100010'])).toBe('ANON^NESTED');
    expect(first(dataset['00100010'])).not.toBe('ANON^NESTED'); // the subject's pseudonym
  });

  it('keep on a sequence keeps it and processes its items with the rules and the profile', () => {
    const dataset: DcmjsDataset = {
      '00081110': {
        vr: 'SQ',
        Value: [{ '00081155': el('UI', '1.2.826.0.1.3680043.8.498.5'), '00081030': el('LO', 'REF DESC') }],
      },
    };
    const { env } = run(dataset, [{ keyword: 'ReferencedStudySequence', action: 'keep' }]);
    const item = dataset['00081110']!.Value![0] as DcmjsDataset;
    expect(first(item['00081155'])).toBe(env.pseudonyms.uid('1.2.826.0.1.3680043.8.498.5'));
    expect(item['00081030']).toBeUndefined();
  });

  it('a repeating-group keyword selects its attribute in every overlay group; a pattern selects curves', () => {
    const dataset: DcmjsDataset = {
      '60000022': el('LO', 'FIRST OVERLAY'),
      '60020022': el('LO', 'SECOND OVERLAY'),
      '60023000': { vr: 'OW', Value: [new Uint8Array([1, 2]).buffer] },
      '50002500': el('LO', 'CURVE'),
    };
    const { env } = run(dataset, [
      { keyword: 'OverlayDescription', action: 'replace', value: 'OVERLAY' },
      { tag: '(50xx,xxxx)', action: 'empty' },
    ]);
    expect(first(dataset['60000022'])).toBe('OVERLAY');
    expect(first(dataset['60020022'])).toBe('OVERLAY');
    expect(dataset['60023000']).toBeUndefined(); // the profile: overlays go whole
    expect(dataset['50002500']!.Value).toEqual([]);
    expect(env.findings).toEqual([]);
  });

  it('replace writes numbers for binary VRs and several values split on backslash', () => {
    const dataset: DcmjsDataset = {
      '00280030': { vr: 'DS', Value: [0.5, 0.5] },
      '00280010': el('US', 512),
    };
    run(dataset, [
      { keyword: 'PixelSpacing', action: 'replace', value: '0.7\\0.7' },
      { keyword: 'Rows', action: 'replace', value: 256 },
    ]);
    expect(dataset['00280030']!.Value).toEqual(['0.7', '0.7']);
    expect(dataset['00280010']!.Value).toEqual([256]);
  });

  it('hash writes upper-case hex in a CS and a hex name in a PN; empty values stay empty', () => {
    const dataset: DcmjsDataset = {
      '00180015': el('CS', 'CHEST'),
      '00081050': { vr: 'PN', Value: [{ Alphabetic: 'WHO^EVER' }, { Alphabetic: '' }] },
    };
    run(dataset, [
      { keyword: 'BodyPartExamined', action: 'hash' },
      { keyword: 'PerformingPhysicianName', action: 'hash' },
    ]);
    expect(String(first(dataset['00180015']))).toMatch(/^[0-9A-F]{16}$/);
    expect(String(first(dataset['00081050']))).toMatch(/^[0-9a-f]{64}$/);
    expect((dataset['00081050']!.Value![1] as { Alphabetic: string }).Alphabetic).toBe('');
  });

  it('shift and jitter keep a DT precision and empty an unparseable date with an info finding', () => {
    const dataset: DcmjsDataset = {
      '0008002A': el('DT', '20240315101530.25+0100'),
      '00080021': el('DA', 'not a date'),
    };
    const { env } = run(dataset, [
      { keyword: 'AcquisitionDateTime', action: 'jitter', days: 10 },
      { keyword: 'SeriesDate', action: 'shift' },
    ]);
    expect(String(first(dataset['0008002A']))).toMatch(/^\d{8}101530\.25\+0100$/);
    expect(dataset['00080021']!.Value).toEqual([]);
    expect(env.findings.map((f) => f.rule)).toContain('dicom/unparseable-date');
  });

  it('one jitter per subject and range: every jittered date of a subject moves by the same days', () => {
    const dataset: DcmjsDataset = { '00080020': el('DA', '20240315'), '00080021': el('DA', '20240320') };
    const { env } = run(dataset, [{ vr: 'DA', action: 'jitter', days: 365 }]);
    const d = jitterDays(365, env);
    expect(first(dataset['00080020'])).toBe(shiftDate('20240315', d));
    expect(first(dataset['00080021'])).toBe(shiftDate('20240320', d));
    const other = { ...env, subjectKey: 'ANOTHER-SUBJECT' };
    const offsets = new Set(
      ['A', 'B', 'C', 'D', 'E'].map((s) => jitterDays(365, { ...other, subjectKey: s })),
    );
    expect(offsets.size).toBeGreaterThan(1);
  });

  it('regex-replace works on a PN and cuts to the VR length', () => {
    const dataset: DcmjsDataset = {
      '00081050': el('PN', { Alphabetic: 'DOCTOR^WHO' }),
      '00081010': el('SH', 'ROOM1'),
    };
    run(dataset, [
      {
        keyword: 'PerformingPhysicianName',
        action: 'regex-replace',
        pattern: '^[^^]+',
        replacement: 'STAFF',
      },
      {
        keyword: 'StationName',
        action: 'regex-replace',
        pattern: 'ROOM',
        replacement: 'A-VERY-LONG-ROOM-NAME-',
      },
    ]);
    expect(first(dataset['00081050'])).toBe('STAFF^WHO');
    expect(String(first(dataset['00081010']))).toHaveLength(16);
  });
});

describe('precedence', () => {
  const privateSet = (): DcmjsDataset => ({
    '00290010': el('LO', 'ACME 1.0'),
    '00291010': el('LO', 'ORIGINAL'),
  });
  const exact: DicomRule = { tag: '(0029,1010)', action: 'replace', value: 'EXACT' };
  const creator: DicomRule = {
    privateCreator: 'ACME 1.0',
    element: '10',
    action: 'replace',
    value: 'CREATOR',
  };
  const pattern: DicomRule = { tag: '(0029,xx10)', action: 'replace', value: 'PATTERN' };

  it('(1) an exact tag beats (2) a private creator element beats (3) a pattern', () => {
    for (const order of [
      [exact, creator, pattern],
      [pattern, creator, exact],
      [creator, exact, pattern],
    ]) {
      const dataset = privateSet();
      run(dataset, order);
      expect(first(dataset['00291010'])).toBe('EXACT');
    }
    const dataset = privateSet();
    run(dataset, [creator, pattern]);
    expect(first(dataset['00291010'])).toBe('CREATOR');
    const d2 = privateSet();
    run(d2, [pattern]);
    expect(first(d2['00291010'])).toBe('PATTERN');
  });

  it('(3) a pattern beats (4) a VR rule, which beats (5) the options and (6) the Basic Profile', () => {
    const d1: DcmjsDataset = { '00081030': el('LO', 'DESC') };
    run(d1, [
      { vr: 'LO', action: 'replace', value: 'BY VR' },
      { tag: '(0008,103x)', action: 'replace', value: 'BY PATTERN' },
    ]);
    expect(first(d1['00081030'])).toBe('BY PATTERN');
    const d2: DcmjsDataset = { '00081030': el('LO', 'DESC') };
    run(d2, [{ vr: 'LO', action: 'replace', value: 'BY VR' }], { cleanDescriptors: true });
    expect(first(d2['00081030'])).toBe('BY VR');
    // (5) over (6): Clean Descriptors cleans what Basic removes.
    const d3: DcmjsDataset = { '00081030': el('LO', 'DESC') };
    run(d3, [], { cleanDescriptors: true });
    expect(first(d3['00081030'])).toBe('DESC');
    const d4: DcmjsDataset = { '00081030': el('LO', 'DESC') };
    run(d4, []);
    expect(d4['00081030']).toBeUndefined();
  });

  it('among rules of one rank the later one wins', () => {
    const d: DcmjsDataset = { '00081010': el('SH', 'ROOM') };
    run(d, [
      { keyword: 'StationName', action: 'replace', value: 'FIRST' },
      { tag: '(0008,1010)', action: 'replace', value: 'SECOND' },
    ]);
    expect(first(d['00081010'])).toBe('SECOND');
    const d2: DcmjsDataset = { '00081010': el('SH', 'ROOM') };
    run(d2, [
      { tag: '(0008,1010)', action: 'replace', value: 'SECOND' },
      { keyword: 'StationName', action: 'remove' },
    ]);
    expect(d2['00081010']).toBeUndefined();
  });

  it('inSequence does not change the rank: the later rule of a rank wins inside the sequence too', () => {
    const d: DcmjsDataset = {
      '00400275': { vr: 'SQ', Value: [{ '00081030': el('LO', 'NESTED') }] },
    };
    run(d, [
      { keyword: 'RequestAttributesSequence', action: 'keep' },
      {
        keyword: 'StudyDescription',
        inSequence: 'RequestAttributesSequence',
        action: 'replace',
        value: 'IN SEQ',
      },
      { keyword: 'StudyDescription', action: 'replace', value: 'EVERYWHERE' },
    ]);
    expect(first((d['00400275']!.Value![0] as DcmjsDataset)['00081030'])).toBe('EVERYWHERE');
  });

  it('a rule whose action does not fit the VR met at run time falls to the next rule, with an info finding', () => {
    const d: DcmjsDataset = { '00080020': el('DA', '20240315'), '00080070': el('LO', 'ACME') };
    const { env } = run(d, [
      { vr: 'DA', action: 'shift' },
      { tag: '(0008,00xx)', action: 'hash' },
    ]);
    expect(first(d['00080020'])).toBe(shiftDate('20240315', env.pseudonyms.dateOffsetDays(SUBJECT)));
    expect(String(first(d['00080070']))).toMatch(/^[0-9a-f]{64}$/);
    expect(
      env.findings.some((f) => f.rule === 'dicom/user-rule-not-applicable' && f.severity === 'info'),
    ).toBe(true);
  });

  it('patterns and VR rules never act on protected attributes (character set, method attributes)', () => {
    const d: DcmjsDataset = { '00080005': el('CS', 'ISO_IR 100'), '00120062': el('CS', 'NO') };
    run(d, [
      { vr: 'CS', action: 'remove' },
      { tag: '(0012,xxxx)', action: 'remove' },
      { tag: '(0008,000x)', action: 'remove' },
    ]);
    expect(first(d['00080005'])).toBe('ISO_IR 100');
    expect(first(d['00120062'])).toBe('NO');
  });

  it('VR rules do not act on private attributes', () => {
    const d: DcmjsDataset = { '00290010': el('LO', 'ACME 1.0'), '00291010': el('LO', 'X') };
    run(d, [{ vr: 'LO', action: 'keep' }]);
    expect(d['00291010']).toBeUndefined();
    expect(d['00290010']).toBeUndefined();
  });
});

describe('the keep warning', () => {
  it('keeping what the profile removes is allowed and reported as a warning', () => {
    const d: DcmjsDataset = { '00081030': el('LO', 'CT CHEST') };
    const { env } = run(d, [{ keyword: 'StudyDescription', action: 'keep' }]);
    expect(first(d['00081030'])).toBe('CT CHEST');
    const warning = env.findings.find((f) => f.rule === 'dicom/user-rule-keeps');
    expect(warning).toMatchObject({ severity: 'warning', location: '(0008,1030)' });
    expect(warning!.message).not.toContain('CT CHEST');
  });

  it('no warning when the profile in force keeps the attribute anyway', () => {
    const d: DcmjsDataset = { '00080070': el('LO', 'ACME'), '00081010': el('SH', 'ROOM') };
    const { env } = run(
      d,
      [
        { keyword: 'Manufacturer', action: 'keep' },
        { keyword: 'StationName', action: 'keep' },
      ],
      {
        retainDeviceIdentity: true,
      },
    );
    expect(env.findings).toEqual([]);
  });

  it('keeping a private attribute is reported, with the sequence path', () => {
    const d: DcmjsDataset = {
      '00400275': { vr: 'SQ', Value: [{ '00290010': el('LO', 'ACME 1.0'), '00291010': el('LO', 'X') }] },
    };
    const { env } = run(d, [
      { keyword: 'RequestAttributesSequence', action: 'keep' },
      { privateCreator: 'ACME 1.0', element: '10', action: 'keep' },
    ]);
    const item = d['00400275']!.Value![0] as DcmjsDataset;
    expect(first(item['00291010'])).toBe('X');
    expect(first(item['00290010'])).toBe('ACME 1.0');
    const locations = env.findings.filter((f) => f.rule === 'dicom/user-rule-keeps').map((f) => f.location);
    expect(locations).toEqual(['(0040,0275)', '(0040,0275)[*](0029,1010)']);
  });

  it('the identifier sweep still runs after the rules (a kept value holding the subject name is cleaned by the handler)', () => {
    // The engine keeps it; sweepResidualIdentifiers (run by the handler after applyProfile) cleans it.
    const d: DcmjsDataset = { '00081030': el('LO', 'CT for ZAWADZKI') };
    run(d, [{ keyword: 'StudyDescription', action: 'keep' }]);
    expect(first(d['00081030'])).toBe('CT for ZAWADZKI');
  });
});
