import { describe, expect, it } from '@jest/globals';
import { shiftDate, shiftDateTime } from '../src/index.js';
import { baseDataset, context, deid, policy, readDicom, text, writeDicom } from './helpers.js';

describe('date ranges and UTC offsets under modified dates', () => {
  it('shifts both bounds of DA and DT ranges, open ones included, keeping UTC offsets', () => {
    expect(shiftDate('20200101-20200131', -10)).toBe('20191222-20200121');
    expect(shiftDate('-20200131', -10)).toBe('-20200121');
    expect(shiftDate('20200101-', -10)).toBe('20191222-');
    expect(shiftDateTime('20200101120000.000+0100', -10)).toBe('20191222120000.000+0100');
    expect(shiftDateTime('20200101120000-0500', 1)).toBe('20200102120000-0500');
    expect(shiftDateTime('20200101120000-0500-20200102083000-0500', 1)).toBe(
      '20200102120000-0500-20200103083000-0500',
    );
    expect(shiftDate('20201301-20200131', -10)).toBeUndefined();
    expect(shiftDate('-', -10)).toBeUndefined();
  });

  it('keeps the interval between a range stored in a dataset and the study date', async () => {
    const bytes = writeDicom(
      baseDataset({
        '00080020': { vr: 'DA', Value: ['20240315'] },
        '00400244': { vr: 'DA', Value: ['20240310-20240315'] }, // Performed Procedure Step Start Date
      }),
    );
    const { dict } = readDicom(
      (await deid(bytes, context(policy({ retainLongitudinalModifiedDates: true })))).output.data,
    );
    const study = text(dict, '00080020');
    const range = text(dict, '00400244').trim();
    expect(study).not.toBe('20240315');
    const [low, high] = range.split('-');
    expect(high).toBe(study);
    const days = (a: string, b: string): number =>
      (Date.UTC(+a.slice(0, 4), +a.slice(4, 6) - 1, +a.slice(6, 8)) -
        Date.UTC(+b.slice(0, 4), +b.slice(4, 6) - 1, +b.slice(6, 8))) /
      86_400_000;
    expect(days(high!, low!)).toBe(5);
  });
});
