/**
 * Specific Character Set decoding (charset.ts): every defined term of PS3.3 C.12.1.1.2, ISO 2022 code
 * extensions with their escape sequences, the state reset of PS3.5 6.1.2.5.3, and the byte strings of
 * pydicom's character set test files with the texts pydicom documents for them.
 */
import { describe, it, expect } from '@jest/globals';
import {
  CharsetError,
  decodeText,
  decodeWindows1252,
  isPlainAscii,
  parseCharacterSet,
  utf8Bytes,
} from '../src/charset.js';

/** Bytes from a string of byte characters (`\x1b$B...`). */
function b(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function decode(charset: string, bytes: Uint8Array, vr = 'LO'): string {
  return decodeText(bytes, parseCharacterSet(charset), vr);
}

const ESC = '\x1b';

describe('single-byte character sets without code extensions', () => {
  it.each([
    ['', 'Doe^Jane', 'Doe^Jane'],
    ['ISO_IR 6', 'Doe^Jane', 'Doe^Jane'],
    ['ISO_IR 100', 'Buc^J\xe9r\xf4me', 'Buc^Jérôme'],
    ['ISO_IR 101', 'Ma\xb3gorzata', 'Małgorzata'],
    ['ISO_IR 109', '\xa1', 'Ħ'],
    ['ISO_IR 110', '\xa1', 'Ą'],
    ['ISO_IR 144', '\xbb\xee\xdace\xdc\xd1yp\xd3', 'Люкceмбypг'],
    ['ISO_IR 127', '\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1', 'قباني^لنزار'],
    ['ISO_IR 126', '\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2', 'Διονυσιος'],
    ['ISO_IR 138', '\xf9\xf8\xe5\xef^\xe3\xe1\xe5\xf8\xe4', 'שרון^דבורה'],
    ['ISO_IR 148', '\xdei\xfe', 'Şiş'],
    ['ISO_IR 203', '\xa4', '€'],
    ['ISO_IR 13', '\xd4\xcf\xc0\xde^\xc0\xdb\xb3', 'ﾔﾏﾀﾞ^ﾀﾛｳ'],
    ['ISO_IR 166', '\xa1\xd2', 'กา'],
  ])('%s', (charset, bytes, text) => {
    expect(decode(charset, b(bytes), 'PN')).toBe(text);
  });

  it('reads spelling variants of a defined term', () => {
    for (const variant of ['ISO-IR 100', 'iso_ir 100', 'ISO_IR100', 'ISO_IR 100 ']) {
      expect(decode(variant, b('J\xe9r\xf4me'))).toBe('Jérôme');
    }
  });
});

describe('multi-byte character sets without code extensions', () => {
  it('ISO_IR 192 (UTF-8)', () => {
    expect(decode('ISO_IR 192', utf8Bytes('Wang^XiaoDong=王^小東='), 'PN')).toBe('Wang^XiaoDong=王^小東=');
  });
  it.each(['GB18030', 'GBK'])('%s', (charset) => {
    expect(decode(charset, b('Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab='), 'PN')).toBe(
      'Wang^XiaoDong=王^小东=',
    );
  });
  it('GB18030 four-byte sequences', () => {
    // U+0080 is the first four-byte code of GB18030 (0x81 0x30 0x81 0x30), outside GBK.
    expect(decode('GB18030', b('\x81\x30\x81\x30'))).toBe('\u0080');
  });
});

describe('ISO 2022 code extensions', () => {
  it('Japanese: JIS X 0208 in G0 after an empty value 1 (pydicom chrH31)', () => {
    const bytes = b(
      `Yamada^Tarou=${ESC}$B;3ED${ESC}(B^${ESC}$BB@O:${ESC}(B=${ESC}$B$d$^$@${ESC}(B^${ESC}$B$?$m$&${ESC}(B`,
    );
    expect(decode('\\ISO 2022 IR 87', bytes, 'PN')).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
  });

  it('Japanese: JIS X 0201 katakana in G1 and JIS X 0208 (pydicom chrSQEncoding)', () => {
    const bytes = b(
      `\xd4\xcf\xc0\xde^\xc0\xdb\xb3=${ESC}$B;3ED${ESC}(B^${ESC}$BB@O:${ESC}(B=${ESC}$B$d$^$@${ESC}(B^${ESC}$B$?$m$&${ESC}(B`,
    );
    expect(decode('ISO 2022 IR 13\\ISO 2022 IR 87', bytes, 'PN')).toBe('ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう');
  });

  it('Japanese: JIS X 0212 in G0', () => {
    const expected = new TextDecoder('euc-jp').decode(Uint8Array.of(0x8f, 0xb0, 0xa1));
    expect(expected).toMatch(/^\p{Script=Han}$/u);
    expect(decode('\\ISO 2022 IR 159', b(`${ESC}$(D0!${ESC}(B`))).toBe(expected);
  });

  it('Korean: KS X 1001 in G1 (pydicom chrKoreanMulti)', () => {
    expect(decode('\\ISO 2022 IR 149', b(`${ESC}$)C\xb1\xe8\xc8\xf1\xc1\xdf${ESC}(B`), 'PN')).toBe('김희중');
    // Value 1 may itself be the G1 set: no escape needed.
    expect(decode('ISO 2022 IR 149', b('\xb1\xe8\xc8\xf1\xc1\xdf'), 'PN')).toBe('김희중');
  });

  it('Chinese: GB 2312 in G1, designated again after each PN delimiter (PS3.5 Annex J)', () => {
    const bytes = b(`Wang^XiaoDong=${ESC}$)A\xcd\xf5${ESC}(B^${ESC}$)A\xd0\xa1\xb6\xab${ESC}(B=`);
    expect(decode('\\ISO 2022 IR 58', bytes, 'PN')).toBe('Wang^XiaoDong=王^小东=');
  });

  it('single-byte sets switched by escapes, reset to value 1 after PN delimiters only', () => {
    const bytes = b(`A${ESC}-F\xe1^\xe9`);
    // PN: "^" resets G1 to value 1 (Latin-1), so 0xE9 is é.
    expect(decode('ISO 2022 IR 100\\ISO 2022 IR 126', bytes, 'PN')).toBe('Aα^é');
    // LO: "^" is an ordinary character; Greek stays designated.
    expect(decode('ISO 2022 IR 100\\ISO 2022 IR 126', bytes, 'LO')).toBe('Aα^ι');
    // "\" separates values of a multi-valued LO, and resets.
    expect(decode('ISO 2022 IR 100\\ISO 2022 IR 126', b(`${ESC}-F\xe1\\\xe9`), 'LO')).toBe('α\\é');
    // Text VRs reset at the end of a line.
    expect(decode('ISO 2022 IR 100\\ISO 2022 IR 144', b(`${ESC}-L\xbb\r\n\xe9`), 'LT')).toBe('Л\r\né');
  });

  it('every ISO 2022 single-byte term decodes like its non-ISO-2022 form', () => {
    for (const code of ['100', '101', '109', '110', '144', '127', '126', '138', '148', '203', '166']) {
      const high = Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i);
      expect(decode(`ISO 2022 IR ${code}`, high)).toBe(decode(`ISO_IR ${code}`, high));
    }
  });

  it('keeps unknown escape sequences and stray bytes as characters instead of failing', () => {
    expect(decode('\\ISO 2022 IR 87', b(`a${ESC}%Gb`))).toBe('a\x1b%Gb');
    expect(decode('\\ISO 2022 IR 149', b('abc'))).toBe('abc');
  });
});

describe('character set values', () => {
  it('refuses undefined terms without quoting them', () => {
    for (const value of ['ISO_IR 999', 'UTF-8', 'ISO 2022 IR 87\\KOI8-R']) {
      expect(() => parseCharacterSet(value)).toThrow(CharsetError);
      try {
        parseCharacterSet(value);
      } catch (error) {
        expect((error as Error).message).not.toContain(value);
      }
    }
  });

  it('reads Windows-1252 natively, and bytes 0x80-0x9F as Windows-1252 does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeWindows1252(all)).toBe(new TextDecoder('windows-1252').decode(all));
    expect(decodeWindows1252(b('J\xe9r\xf4me'))).toBe('Jérôme');
    expect(decodeWindows1252(b('\x80\x9c'))).toBe('€œ');
  });

  it('knows which bytes need no decoding', () => {
    expect(isPlainAscii(b('Doe^Jane'))).toBe(true);
    expect(isPlainAscii(b('J\xe9r\xf4me'))).toBe(false);
    expect(isPlainAscii(b(`${ESC}(B`))).toBe(false);
  });

  it('encodes UTF-8 (ASCII without a detour)', () => {
    expect(Buffer.from(utf8Bytes('Doe')).toString('latin1')).toBe('Doe');
    expect(Buffer.from(utf8Bytes('山田')).toString('utf8')).toBe('山田');
  });
});
