import { describe, expect, it } from '@jest/globals';
import { placeOutput, suffixedOutputPath, type TakenOutput } from '../src/pipeline/collisions.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('output collisions', () => {
  it('suffixes before the extension, from the output hash', () => {
    expect(suffixedOutputPath('S/T/R/I.dcm', B)).toBe('S/T/R/I~bbbbbbbbbbbb.dcm');
    expect(suffixedOutputPath('S.x/T/I', B)).toBe('S.x/T/I~bbbbbbbbbbbb');
  });

  it('writes a free path, deduplicates the same bytes, and quarantines other bytes by default', () => {
    const taken = new Map<string, TakenOutput>();
    expect(placeOutput(taken, 'i1', 'p.dcm', A)).toEqual({ kind: 'write', path: 'p.dcm' });
    taken.set('p.dcm', { id: 'i1', sha256: A });
    expect(placeOutput(taken, 'i1', 'p.dcm', A)).toEqual({ kind: 'write', path: 'p.dcm' });
    expect(placeOutput(taken, 'i2', 'p.dcm', A)).toEqual({ kind: 'duplicate', path: 'p.dcm', of: 'i1' });
    expect(placeOutput(taken, 'i2', 'p.dcm', B)).toEqual({ kind: 'collision', with: 'i1' });
    expect(placeOutput(taken, 'i2', 'p.dcm', A, 'suffix')).toEqual({
      kind: 'duplicate',
      path: 'p.dcm',
      of: 'i1',
    });
  });

  it('in suffix mode places other bytes under the suffixed name, once per content', () => {
    const taken = new Map<string, TakenOutput>([['p.dcm', { id: 'i1', sha256: A }]]);
    const placed = placeOutput(taken, 'i2', 'p.dcm', B, 'suffix');
    expect(placed).toEqual({ kind: 'write', path: 'p~bbbbbbbbbbbb.dcm', suffixedAfter: 'i1' });
    taken.set('p~bbbbbbbbbbbb.dcm', { id: 'i2', sha256: B });
    expect(placeOutput(taken, 'i3', 'p.dcm', B, 'suffix')).toEqual({
      kind: 'duplicate',
      path: 'p~bbbbbbbbbbbb.dcm',
      of: 'i2',
    });
    // A different hash that shares the 12-digit prefix cannot take the name.
    expect(placeOutput(taken, 'i4', 'p.dcm', `${'b'.repeat(12)}${'c'.repeat(52)}`, 'suffix')).toEqual({
      kind: 'collision',
      with: 'i2',
    });
  });
});
