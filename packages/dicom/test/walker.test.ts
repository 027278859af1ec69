import { describe, it, expect } from '@jest/globals';
import {
  EXPLICIT_BE,
  EXPLICIT_LE,
  IMPLICIT_LE,
  WalkError,
  forEachElement,
  shiftDate,
  shiftDateTime,
  walkDataset,
  type Encoding,
} from '../src/index.js';

/** Little builder of raw element bytes. */
class Bytes {
  private readonly parts: number[] = [];
  constructor(private readonly le = true) {}
  u16(v: number): this {
    if (this.le) this.parts.push(v & 0xff, v >> 8);
    else this.parts.push(v >> 8, v & 0xff);
    return this;
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.parts.push(...(this.le ? b : b.reverse()));
    return this;
  }
  tag(t: number): this {
    return this.u16(t >>> 16).u16(t & 0xffff);
  }
  ascii(s: string): this {
    for (const c of s) this.parts.push(c.charCodeAt(0));
    return this;
  }
  explicit(t: number, vr: string, value: string): this {
    return this.tag(t).ascii(vr).u16(value.length).ascii(value);
  }
  implicit(t: number, value: string): this {
    return this.tag(t).u32(value.length).ascii(value);
  }
  raw(...b: number[]): this {
    this.parts.push(...b);
    return this;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

const walk = (b: Uint8Array, enc: Encoding) => walkDataset(b, 0, b.length, enc);

describe('walker', () => {
  it('walks explicit VR little endian with an undefined-length sequence and undefined-length items', () => {
    const b = new Bytes()
      .explicit(0x00080020, 'DA', '20240101')
      .tag(0x00081115)
      .ascii('SQ')
      .u16(0)
      .u32(0xffffffff)
      .tag(0xfffee000)
      .u32(0xffffffff)
      .explicit(0x00081155, 'UI', '1.2.3.4 ')
      .tag(0xfffee00d)
      .u32(0)
      .tag(0xfffee0dd)
      .u32(0)
      .explicit(0x00100010, 'PN', 'DOE^JANE')
      .build();
    const top = walk(b, EXPLICIT_LE);
    expect(top.map((e) => e.tag)).toEqual([0x00080020, 0x00081115, 0x00100010]);
    expect(top[1]!.items![0]!.elements[0]!.tag).toBe(0x00081155);
    const paths: string[] = [];
    forEachElement(top, (e, path) =>
      paths.push(`${path.map((s) => `${s.tag.toString(16)}[${s.item}]`).join('')}${e.tag.toString(16)}`),
    );
    expect(paths).toEqual(['80020', '81115', '81115[0]81155', '100010']);
  });

  it('walks implicit VR with defined-length sequences it recognises by their items', () => {
    const item = new Bytes().implicit(0x00081155, '1.2.3.4 ').build();
    const seq = new Bytes()
      .tag(0xfffee000)
      .u32(item.length)
      .raw(...item)
      .build();
    const b = new Bytes()
      .implicit(0x00080020, '20240101')
      .tag(0x00081115)
      .u32(seq.length)
      .raw(...seq)
      .implicit(0x00100010, 'DOE^JANE')
      .build();
    const top = walk(b, IMPLICIT_LE);
    expect(top[1]!.items!.length).toBe(1);
    expect(top[1]!.vr).toBeUndefined();
  });

  it('walks explicit VR big endian', () => {
    const b = new Bytes(false)
      .explicit(0x00080020, 'DA', '20240101')
      .explicit(0x00100010, 'PN', 'DOE^JANE')
      .build();
    expect(walk(b, EXPLICIT_BE).map((e) => e.tag)).toEqual([0x00080020, 0x00100010]);
    expect(() => walk(b, EXPLICIT_LE)).toThrow(WalkError);
  });

  it('locates encapsulated pixel data fragments without reading them', () => {
    const b = new Bytes()
      .tag(0x7fe00010)
      .ascii('OB')
      .u16(0)
      .u32(0xffffffff)
      .tag(0xfffee000)
      .u32(4)
      .u32(0)
      .tag(0xfffee000)
      .u32(6)
      .raw(1, 2, 3, 4, 5, 6)
      .tag(0xfffee0dd)
      .u32(0)
      .build();
    const [pixel] = walk(b, EXPLICIT_LE);
    expect(pixel!.fragments).toEqual([
      { start: 20, length: 4 },
      { start: 32, length: 6 },
    ]);
    expect(pixel!.end).toBe(b.length);
  });

  it('reads a UN of undefined length as an implicit VR sequence (CP-246)', () => {
    const b = new Bytes()
      .tag(0x00091010)
      .ascii('UN')
      .u16(0)
      .u32(0xffffffff)
      .tag(0xfffee000)
      .u32(0xffffffff)
      .implicit(0x00100010, 'DOE^JANE')
      .tag(0xfffee00d)
      .u32(0)
      .tag(0xfffee0dd)
      .u32(0)
      .build();
    const [un] = walk(b, EXPLICIT_LE);
    expect(un!.items![0]!.elements[0]!.tag).toBe(0x00100010);
  });

  it.each([
    ['a value past the end', new Bytes().tag(0x00100010).ascii('PN').u16(40).ascii('DOE').build()],
    ['a truncated header', new Bytes().explicit(0x00080020, 'DA', '20240101').raw(0x10, 0x00, 0x10).build()],
    [
      'a sequence without delimiter',
      new Bytes().tag(0x00081115).ascii('SQ').u16(0).u32(0xffffffff).tag(0xfffee000).u32(0).build(),
    ],
    ['an unknown VR', new Bytes().tag(0x00100010).ascii('ZZ').u16(2).ascii('AB').build()],
    ['a stray item tag', new Bytes().tag(0xfffee000).u32(0).build()],
  ])('throws WalkError on %s', (_name, b) => {
    expect(() => walk(b, EXPLICIT_LE)).toThrow(WalkError);
  });

  it('refuses sequences nested too deeply', () => {
    let inner = new Bytes().explicit(0x00100010, 'PN', 'X ').build();
    for (let i = 0; i < 60; i++) {
      const item = new Bytes()
        .tag(0xfffee000)
        .u32(inner.length)
        .raw(...inner)
        .build();
      inner = new Bytes()
        .tag(0x00081115)
        .ascii('SQ')
        .u16(0)
        .u32(item.length)
        .raw(...item)
        .build();
    }
    expect(() => walk(inner, EXPLICIT_LE)).toThrow(/nested too deeply/);
  });
});

describe('date shifting', () => {
  it('shifts DA across months, leap years and the old YYYY.MM.DD form', () => {
    expect(shiftDate('20240301', -1)).toBe('20240229');
    expect(shiftDate('1997.04.24', 10)).toBe('19970504');
    expect(shiftDate('20231231', 1)).toBe('20240101');
    expect(shiftDate('20240231', 1)).toBeUndefined();
    expect(shiftDate('2024', 1)).toBeUndefined();
  });
  it('shifts DT keeping precision, time and UTC offset', () => {
    expect(shiftDateTime('20240315101500.123456+0100', -365)).toBe('20230316101500.123456+0100');
    expect(shiftDateTime('202403', -31)).toBe('202401');
    expect(shiftDateTime('2024', -1)).toBe('2023');
    expect(shiftDateTime('20240315', 1)).toBe('20240316');
    expect(shiftDateTime('nonsense', 1)).toBeUndefined();
  });
});
