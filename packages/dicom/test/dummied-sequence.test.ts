import { describe, expect, it } from '@jest/globals';
import type { DcmjsDataset } from 'dcmjs';
import { baseDataset, context, deid, policy, readDicom, text, writeDicom } from './helpers.js';

// Person Identification Code Sequence (0040,1101) is D in Table E.1-1: its items identify a person by
// content. A code item whose Code Meaning is a staff member's name must not survive as it was.
describe('a sequence replaced with a dummy (D)', () => {
  it('replaces the text of its items, keeping the coding scheme', async () => {
    const personCode: DcmjsDataset = {
      '00080100': { vr: 'SH', Value: ['QX17'] },
      '00080102': { vr: 'SH', Value: ['L'] },
      '00080104': { vr: 'LO', Value: ['ROCINANTE^HORSE'] },
    };
    const bytes = writeDicom(
      baseDataset({
        '00081072': {
          vr: 'SQ',
          Value: [{ '00401101': { vr: 'SQ', Value: [personCode] } }],
        },
        '00400275': {
          vr: 'SQ',
          Value: [{ '00401101': { vr: 'SQ', Value: [structuredClone(personCode)] } }],
        },
      }),
    );
    for (const ctx of [context(), context(policy({ cleanDescriptors: true }))]) {
      const { dict } = readDicom((await deid(bytes, ctx)).output.data);
      const all = JSON.stringify(dict);
      expect(all).not.toContain('ROCINANTE');
      expect(all).not.toContain('QX17');
    }
    // Under Clean Descriptors the Request Attributes Sequence is kept (C), so the code item is there,
    // dummied, still a valid code item.
    const cleaned = readDicom(
      (await deid(bytes, context(policy({ cleanDescriptors: true })))).output.data,
    ).dict;
    const request = cleaned['00400275']!.Value![0] as DcmjsDataset;
    const code = request['00401101']!.Value![0] as DcmjsDataset;
    expect(text(code, '00080102')).toBe('L');
    expect(text(code, '00080104')).not.toBe('');
    expect(text(code, '00080100')).not.toBe('');
  });
});
