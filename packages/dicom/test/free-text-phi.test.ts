/**
 * Free text under the `research` profile (Clean Descriptors, Clean Structured Content): names, phone
 * extensions, dates and relatives that nobody listed are removed by the policy's text engine wherever
 * the text sits, the clinical words around them stay, and the verifier quarantines a released text
 * value that still holds a high-confidence PHI span.
 */
import { describe, expect, it } from '@jest/globals';
import type { DcmjsDataset } from 'dcmjs';
import { createDeidContext, resolvePolicyDocument, type DeidContext } from '@medimagecleaner/core';
import { INSPECT_RULES } from '../src/index.js';
import { KEY, UIDS, baseDataset, deid, handler, inspectContext, readDicom, writeDicom } from './helpers.js';

const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';

/** A context as the pipeline builds it: the policy's full text engine in `ctx.text`. */
function researchContext(text?: Record<string, unknown>): DeidContext {
  const policy = resolvePolicyDocument({ name: 'test', extends: 'research', ...(text ? { text } : {}) });
  return createDeidContext({ policy, key: KEY });
}

const concept = (value: string, meaning: string): DcmjsDataset => ({
  '0040A043': {
    vr: 'SQ',
    Value: [
      {
        '00080100': { vr: 'SH', Value: [value] },
        '00080102': { vr: 'SH', Value: ['DCM'] },
        '00080104': { vr: 'LO', Value: [meaning] },
      },
    ],
  },
});

const textItem = (value: string): DcmjsDataset => ({
  '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
  '0040A040': { vr: 'CS', Value: ['TEXT'] },
  ...concept('121071', 'Finding'),
  '0040A160': { vr: 'UT', Value: [value] },
});

const container = (children: DcmjsDataset[]): DcmjsDataset => ({
  '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
  '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
  '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
  ...concept('121070', 'Findings'),
  '0040A730': { vr: 'SQ', Value: children },
});

/** An SR whose TEXT item sits `depth` Content Sequences deep. */
function nestedSr(depth: number, value: string, extra: DcmjsDataset = {}): DcmjsDataset {
  let items: DcmjsDataset[] = [textItem(value)];
  for (let level = 1; level < depth; level++) items = [container(items)];
  return srDocument(items, extra);
}

/** A Basic Text SR document whose root Content Sequence holds `items`. */
function srDocument(items: DcmjsDataset[], extra: DcmjsDataset = {}): DcmjsDataset {
  return baseDataset({
    '00080016': { vr: 'UI', Value: [BASIC_TEXT_SR] },
    '00080018': { vr: 'UI', Value: [UIDS.instance] },
    '00080060': { vr: 'CS', Value: ['SR'] },
    '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    ...concept('18748-4', 'Diagnostic Imaging Report'),
    '0040A730': { vr: 'SQ', Value: items },
    ...extra,
  });
}

/** Every string value of a dcmjs dataset, at every depth (person names as their groups). */
function allStrings(dict: DcmjsDataset): string[] {
  const out: string[] = [];
  for (const element of Object.values(dict)) {
    for (const value of element.Value ?? []) {
      if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
      else if (element.vr === 'SQ' && value && typeof value === 'object')
        out.push(...allStrings(value as DcmjsDataset));
      else if (value && typeof value === 'object' && 'Alphabetic' in value) out.push(JSON.stringify(value));
    }
  }
  return out;
}

/** A copy of a dataset read by dcmjs that can be written again (plain values, no raw or helper fields). */
function plain(dict: DcmjsDataset): DcmjsDataset {
  const out: DcmjsDataset = {};
  for (const [key, element] of Object.entries(dict)) {
    const values = (element.Value ?? []) as unknown[];
    const copy = values.map((v) => {
      if (element.vr === 'SQ') return plain(v as DcmjsDataset);
      if (element.vr === 'PN' && v && typeof v === 'object') return { ...(v as Record<string, unknown>) };
      return v;
    });
    out[key] = { vr: element.vr, Value: copy } as DcmjsDataset[string];
  }
  return out;
}

/** The TEXT values of an SR tree, depth first. */
function textValues(dict: DcmjsDataset): string[] {
  const out: string[] = [];
  for (const item of (dict['0040A730']?.Value ?? []) as DcmjsDataset[]) {
    const v = item['0040A160']?.Value?.[0];
    if (typeof v === 'string') out.push(v);
    out.push(...textValues(item));
  }
  return out;
}

/** De-identifies under research, verifies with the engine, and returns the released dataset and bytes. */
async function released(input: DcmjsDataset, ctx = researchContext()) {
  const outcome = await deid(writeDicom(input), ctx);
  const findings = await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers));
  return {
    outcome,
    findings,
    dict: readDicom(outcome.output.data).dict,
    raw: Buffer.from(outcome.output.data),
  };
}

/** Asserts that none of `injected` is in any element (any case) nor in the raw bytes (Latin-1 and UTF-8). */
function expectGone(dict: DcmjsDataset, raw: Buffer, injected: readonly string[]): void {
  const strings = allStrings(dict).join('\n').toLowerCase();
  for (const value of injected) {
    expect([value, strings.includes(value.toLowerCase())]).toEqual([value, false]);
    expect([value, raw.includes(Buffer.from(value, 'latin1'))]).toEqual([value, false]);
    expect([value, raw.includes(Buffer.from(value, 'utf8'))]).toEqual([value, false]);
  }
}

const PEOPLE = [
  { first: 'Quillon', last: 'Varnecke', kind: 'a name in no dictionary' },
  { first: 'Maria', last: 'Lopez', kind: 'a common name' },
];

describe.each(PEOPLE)('research profile, free text naming $first $last ($kind)', ({ first, last }) => {
  it('removes the name and the extension from an SR TEXT item 4 Content Sequences deep, keeping the findings', async () => {
    const value = `Findings reviewed. Report approved by ${first} ${last} ext 4471; no acute hemorrhage.`;
    const { dict, raw, findings } = await released(nestedSr(4, value));
    const [text] = textValues(dict);
    expect(textValues(dict)).toHaveLength(1);
    expect(text).toContain('Findings reviewed');
    expect(text).toContain('no acute hemorrhage');
    expectGone(dict, raw, [first, last, '4471']);
    expect(findings).toEqual([]);
  });

  it('removes them from StudyDescription, ImageComments and an SR report paragraph', async () => {
    const paragraph =
      `Comparison is made with the prior CT performed on 3/14. The ventricles are stable in size. ` +
      `Results were discussed by phone at (410) 555-0198 after the wife ${first} called the reading room. ` +
      `No acute hemorrhage.`;
    const input = nestedSr(1, paragraph, {
      '00081030': { vr: 'LO', Value: [`CT HEAD W/O CONTRAST per Dr. ${last}`] },
      '00204000': { vr: 'LT', Value: [`Motion artifact noted by ${first} ${last}; repeat not needed.`] },
    });
    const { dict, raw, findings } = await released(input);
    const study = String(dict['00081030']?.Value?.[0] ?? '');
    const comments = String(dict['00204000']?.Value?.[0] ?? '');
    const [report] = textValues(dict);
    expect(study).toContain('CT HEAD W/O CONTRAST');
    expect(comments).toContain('Motion artifact noted');
    expect(comments).toContain('repeat not needed');
    expect(report).toContain('The ventricles are stable in size.');
    expect(report).toContain('No acute hemorrhage.');
    expectGone(dict, raw, [first, last, '3/14', '(410) 555-0198', '555-0198']);
    expect(findings).toEqual([]);
  });
});

describe('names the record holds in structured fields', () => {
  it('are found in the free text of the same file without any cue, ordinary words of those fields are not', async () => {
    const input = nestedSr(2, 'Wrenfield reviewed the prior study. Clinical history: headache.', {
      '00080090': { vr: 'PN', Value: [{ Alphabetic: 'WRENFIELD^TOBIAH' }] },
      '00081070': { vr: 'PN', Value: [{ Alphabetic: 'CT^TECH' }] },
      '00081030': { vr: 'LO', Value: ['CT HEAD for Tobiah Wrenfield'] },
    });
    const { dict, raw, findings } = await released(input);
    const [report] = textValues(dict);
    expect(report).toContain('reviewed the prior study. Clinical history: headache.');
    expect(String(dict['00081030']?.Value?.[0] ?? '')).toContain('CT HEAD');
    expectGone(dict, raw, ['Wrenfield', 'Tobiah']);
    expect(findings).toEqual([]);
  });
});

describe('words one text of the record shows to be PHI', () => {
  it('are removed from every other text value of the file, where nothing else marks them', async () => {
    // Two SR TEXT items and a comment: only the first gives context (a title); the others name the
    // same person and the same ward bare.
    const input = srDocument(
      [
        textItem('Findings discussed with Dr. Ostravik, who will transfer the patient to Quenmoor 4.'),
        container([textItem('Ostravik agrees. Stable small effusion.')]),
      ],
      { '00204000': { vr: 'LT', Value: ['Return to Quenmoor after the scan.'] } },
    );
    const { dict, raw, findings } = await released(input);
    const [first, second] = textValues(dict);
    expect(first).toContain('Findings discussed with Dr.');
    expect(second).toContain('agrees. Stable small effusion.');
    expect(String(dict['00204000']?.Value?.[0] ?? '')).toContain('after the scan.');
    expectGone(dict, raw, ['Ostravik', 'Quenmoor']);
    expect(findings).toEqual([]);
  });
});

describe('the verifier scans cleaned text with the engine', () => {
  /** A released file (research) whose kept text is then changed by hand, as a buggy engine would leave it. */
  async function tampered(change: (dict: DcmjsDataset) => void): Promise<Uint8Array> {
    const ctx = researchContext();
    const outcome = await deid(
      writeDicom(nestedSr(2, 'No acute hemorrhage.', { '00081030': { vr: 'LO', Value: ['CT HEAD'] } })),
      ctx,
    );
    const dict = plain(readDicom(outcome.output.data).dict);
    change(dict);
    return writeDicom(dict);
  }

  it('passes a released file whose cleaned text holds only placeholders and clinical words', async () => {
    const ctx = researchContext();
    const bytes = await tampered((dict) => {
      dict['00081030'] = { vr: 'LO', Value: ['CT HEAD W/O CONTRAST per Dr. [NAME]'] };
    });
    expect(await handler.inspect(bytes, inspectContext(ctx, []))).toEqual([]);
  });

  it('flags a high-confidence span left in a description and in a nested SR TEXT item, by tag path and type', async () => {
    const ctx = researchContext();
    const bytes = await tampered((dict) => {
      dict['00081030'] = { vr: 'LO', Value: ['CT HEAD, questions to j.smith@example.org'] };
      const outer = (dict['0040A730']!.Value as DcmjsDataset[])[0]!;
      const inner = (outer['0040A730']!.Value as DcmjsDataset[])[0]!;
      inner['0040A160'] = { vr: 'UT', Value: ['No acute hemorrhage. SSN 123-45-6789 on file.'] };
    });
    const findings = (await handler.inspect(bytes, inspectContext(ctx, []))).filter(
      (f) => f.rule === INSPECT_RULES.residualText,
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', location: '(0008,1030)', phiType: 'email' }),
        expect.objectContaining({
          severity: 'error',
          location: '(0040,A730)[0](0040,A730)[0](0040,A160)',
          phiType: 'ssn',
        }),
      ]),
    );
    expect(JSON.stringify(findings)).not.toMatch(/smith|123-45|6789/i);
  });

  it('does not scan text the profile does not keep cleaned (coded values, basic profile)', async () => {
    const policy = resolvePolicyDocument({ name: 'basic-test', extends: 'basic' });
    const ctx = createDeidContext({ policy, key: KEY });
    const bytes = await tampered((dict) => {
      const outer = (dict['0040A730']!.Value as DcmjsDataset[])[0]!;
      const code = (outer['0040A043']!.Value as DcmjsDataset[])[0]!;
      code['00080104'] = { vr: 'LO', Value: ['Reviewed by j.smith@example.org'] };
    });
    const research = await handler.inspect(bytes, inspectContext(researchContext(), []));
    expect(research.filter((f) => f.rule === INSPECT_RULES.residualText)).toEqual([]);
    const basic = await handler.inspect(bytes, inspectContext(ctx, []));
    expect(basic.filter((f) => f.rule === INSPECT_RULES.residualText)).toEqual([]);
  });
});
