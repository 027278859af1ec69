/**
 * Specific Character Set (0008,0005): every defined term of PS3.3 C.12.1.1.2 decoded to JavaScript
 * strings, including the ISO 2022 forms with code extensions (escape sequences switching G0/G1 between
 * ASCII, JIS X 0201/0208/0212, KS X 1001, GB 2312 and the ISO 8859 parts) as PS3.5 6.1.2.5 describes.
 * Decoding uses the runtime's ICU (`TextDecoder`); nothing here encodes: outputs are written as UTF-8
 * (ISO_IR 192), which represents every decoded text exactly.
 *
 * No function here logs or throws with a value in its message.
 */

/** VRs whose values are decoded with the Specific Character Set (PS3.5 6.1.2.3); the others are ASCII. */
export const CHARSET_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'ST', 'LT', 'PN', 'UC', 'UT']);

/** A byte-oriented decoder of one code element. */
type CodeElement =
  | { readonly kind: 'ascii' }
  /** JIS X 0201 Romaji (G0): read as ASCII, as pydicom and most readers do. */
  | { readonly kind: 'romaji' }
  /** A 96-character set in G1 (ISO 8859 parts, TIS 620): one table of 128 characters for 0x80..0xFF. */
  | { readonly kind: 'single'; readonly table: readonly string[] }
  /** JIS X 0201 Katakana in G1. */
  | { readonly kind: 'katakana' }
  /** JIS X 0208 (G0, 7-bit byte pairs): decoded as EUC-JP. */
  | { readonly kind: 'jisx0208' }
  /** JIS X 0212 (G0, 7-bit byte pairs): decoded as EUC-JP with the 0x8F prefix. */
  | { readonly kind: 'jisx0212' }
  /** KS X 1001 (G1, byte pairs 0xA1..0xFE): decoded as EUC-KR. */
  | { readonly kind: 'ksx1001' }
  /** GB 2312 (G1, byte pairs 0xA1..0xFE): decoded as GBK. */
  | { readonly kind: 'gb2312' };

/** A defined term of (0008,0005) and what it means. */
interface Term {
  /** Decoder label for values without code extensions (single-valued, non ISO 2022 forms). */
  readonly label?: string;
  /** The code element designated to G0 (ISO 2022 forms, and the initial state). */
  readonly g0?: CodeElement;
  /** The code element designated to G1. */
  readonly g1?: CodeElement;
  /** True for the ISO 2022 forms. */
  readonly iso2022: boolean;
}

const ASCII: CodeElement = { kind: 'ascii' };
const ROMAJI: CodeElement = { kind: 'romaji' };
const KATAKANA: CodeElement = { kind: 'katakana' };
const JISX0208: CodeElement = { kind: 'jisx0208' };
const JISX0212: CodeElement = { kind: 'jisx0212' };
const KSX1001: CodeElement = { kind: 'ksx1001' };
const GB2312: CodeElement = { kind: 'gb2312' };

/** The part of a decoder this module uses. */
interface Decoder {
  decode(bytes: Uint8Array): string;
}

const WINDOWS_1252 = new TextDecoder('windows-1252');
/** The C1 controls, where Latin-1 and Windows-1252 differ. */
const C1 = /[\u0080-\u009f]/;

/**
 * Windows-1252 (Latin-1 as browsers read it): Node's Latin-1 conversion, which is native, and the
 * JavaScript single-byte decoder only for values with bytes 0x80..0x9F (where the two differ).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return C1.test(text) ? WINDOWS_1252.decode(bytes) : text;
}

const decoders = new Map<string, Decoder>([['windows-1252', { decode: decodeWindows1252 }]]);
function decoderFor(label: string): Decoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
    decoders.set(label, decoder);
  }
  return decoder;
}

const singleTables = new Map<string, CodeElement>();
/** The G1 table of a single-byte character set: what each of the bytes 0x80..0xFF decodes to. */
function single(label: string): CodeElement {
  let element = singleTables.get(label);
  if (!element) {
    const decoder = decoderFor(label);
    const table: string[] = [];
    for (let b = 0x80; b <= 0xff; b++) table.push(decoder.decode(Uint8Array.of(b)));
    element = { kind: 'single', table };
    singleTables.set(label, element);
  }
  return element;
}

/**
 * The single-byte sets: decoder label of the value without extensions. ISO_IR 100 and 148 read bytes
 * 0x80..0x9F as Windows-1252/1254 do (C1 controls are not valid DICOM text; files labelled Latin-1 often
 * hold Windows characters there), ISO_IR 166 as Windows-874 (a superset of TIS 620).
 */
const SINGLE_BYTE: Readonly<Record<string, string>> = {
  '100': 'windows-1252',
  '101': 'iso-8859-2',
  '109': 'iso-8859-3',
  '110': 'iso-8859-4',
  '144': 'iso-8859-5',
  '127': 'iso-8859-6',
  '126': 'iso-8859-7',
  '138': 'iso-8859-8',
  '148': 'windows-1254',
  '203': 'iso-8859-15',
  '166': 'windows-874',
};

/** Every defined term of PS3.3 Tables C.12-2, C.12-3, C.12-4 and C.12-5, by its normalised form. */
function termOf(normalized: string): Term | undefined {
  if (normalized === '' || normalized === 'ISOIR6') return { g0: ASCII, iso2022: false };
  if (normalized === 'ISO2022IR6') return { g0: ASCII, iso2022: true };
  if (normalized === 'ISOIR192') return { label: 'utf-8', iso2022: false };
  if (normalized === 'GB18030') return { label: 'gb18030', iso2022: false };
  if (normalized === 'GBK') return { label: 'gbk', iso2022: false };
  if (normalized === 'ISOIR13') return { label: 'shift_jis', g0: ROMAJI, g1: KATAKANA, iso2022: false };
  if (normalized === 'ISO2022IR13') return { g0: ROMAJI, g1: KATAKANA, iso2022: true };
  if (normalized === 'ISO2022IR87') return { g0: JISX0208, iso2022: true };
  if (normalized === 'ISO2022IR159') return { g0: JISX0212, iso2022: true };
  if (normalized === 'ISO2022IR149') return { g1: KSX1001, iso2022: true };
  if (normalized === 'ISO2022IR58') return { g1: GB2312, iso2022: true };
  const m = /^ISO(2022)?IR(\d+)$/.exec(normalized);
  const label = m ? SINGLE_BYTE[m[2]!] : undefined;
  if (!m || !label) return undefined;
  return { label, g0: ASCII, g1: single(label), iso2022: m[1] !== undefined };
}

/** The decoding of a dataset's text: its (0008,0005) terms, resolved. */
export interface CharacterSet {
  /** The terms as written (trimmed). */
  readonly terms: readonly string[];
  /** UTF-8 (ISO_IR 192): values are already in the output encoding. */
  readonly utf8: boolean;
  /** The default repertoire only (no value, or ISO_IR 6): ASCII. */
  readonly ascii: boolean;
  /** Values are decoded by {@link decodeText}. */
  readonly decode: (bytes: Uint8Array, vr: string) => string;
}

/** Thrown for a Specific Character Set term that is not defined (the value is not quoted). */
export class CharsetError extends Error {
  constructor() {
    super('the Specific Character Set holds a term that is not defined in PS3.3 C.12.1.1.2');
    this.name = 'CharsetError';
  }
}

/** Upper case, without spaces, underscores and hyphens: `ISO_IR 100`, `ISO-IR 100`, `ISO_IR100` agree. */
function normalizeTerm(term: string): string {
  return term.toUpperCase().replace(/[\s_-]+/g, '');
}

const cache = new Map<string, CharacterSet>();

/**
 * Resolves the value of (0008,0005) (its terms separated by `\`; trailing padding ignored). Throws
 * {@link CharsetError} for an undefined term. Multi-valued values are read as ISO 2022 code extensions;
 * the non-ISO-2022 spelling of a single-byte term is accepted in their place.
 */
export function parseCharacterSet(value: string): CharacterSet {
  const key = value.replace(/[\0 ]+$/, '');
  const cached = cache.get(key);
  if (cached) return cached;
  const terms = key.split('\\').map((t) => t.trim());
  const resolved = terms.map((t) => {
    const term = termOf(normalizeTerm(t));
    if (!term) throw new CharsetError();
    return term;
  });
  const first = resolved[0]!;
  let charset: CharacterSet;
  if (resolved.length === 1 && first.label) {
    const decoder = decoderFor(first.label);
    const utf8 = first.label === 'utf-8';
    charset = {
      terms,
      utf8,
      ascii: false,
      decode: (bytes) => decoder.decode(bytes),
    };
  } else if (resolved.length === 1 && !first.g1 && first.g0 === ASCII) {
    // The default repertoire: bytes above 0x7F are not valid; read as Windows-1252 (Latin-1) like dcmjs.
    const decoder = decoderFor('windows-1252');
    charset = { terms, utf8: false, ascii: true, decode: (bytes) => decoder.decode(bytes) };
  } else {
    const state = iso2022State(resolved);
    charset = { terms, utf8: false, ascii: false, decode: (bytes, vr) => decodeIso2022(bytes, state, vr) };
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, charset);
  return charset;
}

/** The character set of a dataset without (0008,0005): the default repertoire. */
export const DEFAULT_CHARSET: CharacterSet = parseCharacterSet('');

/** The UTF-8 character set (ISO_IR 192). */
export const UTF8_CHARSET: CharacterSet = parseCharacterSet('ISO_IR 192');

/** Decodes a value read with the given character set (`vr` tells the delimiters that reset ISO 2022 state). */
export function decodeText(bytes: Uint8Array, charset: CharacterSet, vr: string): string {
  return charset.decode(bytes, vr);
}

/** True when the bytes need no decoding: no byte above 0x7F and no escape (ASCII reads the same everywhere). */
export function isPlainAscii(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === 0x1b) return false;
  }
  return true;
}

interface Iso2022State {
  /** The code elements of value 1, active at the start of every value and after a delimiter. */
  readonly initialG0: CodeElement;
  readonly initialG1: CodeElement | undefined;
}

function iso2022State(terms: readonly Term[]): Iso2022State {
  const first = terms[0]!;
  // Value 1 sets the initial state; a two-byte G0 set (JIS X 0208/0212) is never active initially.
  const g0 = first.g0 && first.g0.kind !== 'jisx0208' && first.g0.kind !== 'jisx0212' ? first.g0 : ASCII;
  return { initialG0: g0, initialG1: first.g1 };
}

/** Escape sequences of PS3.3 Tables C.12-3 and C.12-4: the bytes after ESC and what they designate. */
const ESCAPES: ReadonlyArray<{
  readonly bytes: readonly number[];
  readonly g: 0 | 1;
  readonly element: () => CodeElement;
}> = [
  { bytes: [0x28, 0x42], g: 0, element: () => ASCII }, // ESC ( B  ISO 2022 IR 6
  { bytes: [0x28, 0x4a], g: 0, element: () => ROMAJI }, // ESC ( J  ISO 2022 IR 13 (G0)
  { bytes: [0x29, 0x49], g: 1, element: () => KATAKANA }, // ESC ) I  ISO 2022 IR 13 (G1)
  { bytes: [0x24, 0x42], g: 0, element: () => JISX0208 }, // ESC $ B  ISO 2022 IR 87
  { bytes: [0x24, 0x28, 0x44], g: 0, element: () => JISX0212 }, // ESC $ ( D  ISO 2022 IR 159
  { bytes: [0x24, 0x29, 0x43], g: 1, element: () => KSX1001 }, // ESC $ ) C  ISO 2022 IR 149
  { bytes: [0x24, 0x29, 0x41], g: 1, element: () => GB2312 }, // ESC $ ) A  ISO 2022 IR 58
  { bytes: [0x2d, 0x41], g: 1, element: () => single(SINGLE_BYTE['100']!) }, // ESC - A  IR 100
  { bytes: [0x2d, 0x42], g: 1, element: () => single(SINGLE_BYTE['101']!) }, // ESC - B  IR 101
  { bytes: [0x2d, 0x43], g: 1, element: () => single(SINGLE_BYTE['109']!) }, // ESC - C  IR 109
  { bytes: [0x2d, 0x44], g: 1, element: () => single(SINGLE_BYTE['110']!) }, // ESC - D  IR 110
  { bytes: [0x2d, 0x4c], g: 1, element: () => single(SINGLE_BYTE['144']!) }, // ESC - L  IR 144
  { bytes: [0x2d, 0x47], g: 1, element: () => single(SINGLE_BYTE['127']!) }, // ESC - G  IR 127
  { bytes: [0x2d, 0x46], g: 1, element: () => single(SINGLE_BYTE['126']!) }, // ESC - F  IR 126
  { bytes: [0x2d, 0x48], g: 1, element: () => single(SINGLE_BYTE['138']!) }, // ESC - H  IR 138
  { bytes: [0x2d, 0x4d], g: 1, element: () => single(SINGLE_BYTE['148']!) }, // ESC - M  IR 148
  { bytes: [0x2d, 0x62], g: 1, element: () => single(SINGLE_BYTE['203']!) }, // ESC - b  IR 203
  { bytes: [0x2d, 0x54], g: 1, element: () => single(SINGLE_BYTE['166']!) }, // ESC - T  IR 166
];

function matchEscape(bytes: Uint8Array, at: number): (typeof ESCAPES)[number] | undefined {
  return ESCAPES.find(
    (e) => at + e.bytes.length < bytes.length && e.bytes.every((b, i) => bytes[at + 1 + i] === b),
  );
}

/** True for a byte after which the initial code elements are active again (PS3.5 6.1.2.5.3). */
function isReset(b: number, vr: string): boolean {
  if (b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c) return true;
  if (vr === 'PN') return b === 0x5c || b === 0x5e || b === 0x3d;
  if (vr === 'ST' || vr === 'LT' || vr === 'UT') return false;
  return b === 0x5c;
}

/** Decodes bytes with ISO 2022 code extensions. Unknown escapes and stray bytes are kept as characters. */
function decodeIso2022(bytes: Uint8Array, state: Iso2022State, vr: string): string {
  let g0 = state.initialG0;
  let g1 = state.initialG1;
  let out = '';
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const escape = matchEscape(bytes, i);
      if (escape) {
        if (escape.g === 0) g0 = escape.element();
        else g1 = escape.element();
        i += 1 + escape.bytes.length;
      } else {
        out += '\u001b';
        i++;
      }
      continue;
    }
    if (b < 0x80) {
      if ((g0.kind === 'jisx0208' || g0.kind === 'jisx0212') && b > 0x20 && b < 0x7f) {
        // A run of 7-bit byte pairs, read as EUC-JP (bytes with the high bit set; JIS X 0212 with 0x8F).
        let end = i;
        while (
          end + 1 < n &&
          bytes[end]! > 0x20 &&
          bytes[end]! < 0x7f &&
          bytes[end + 1]! > 0x20 &&
          bytes[end + 1]! < 0x7f
        )
          end += 2;
        if (end === i) {
          out += String.fromCharCode(b);
          i++;
          continue;
        }
        const pairs = (end - i) / 2;
        const prefix = g0.kind === 'jisx0212' ? 1 : 0;
        const euc = new Uint8Array(pairs * (2 + prefix));
        for (let p = 0, o = 0; p < pairs; p++) {
          if (prefix) euc[o++] = 0x8f;
          euc[o++] = bytes[i + 2 * p]! | 0x80;
          euc[o++] = bytes[i + 2 * p + 1]! | 0x80;
        }
        out += decoderFor('euc-jp').decode(euc);
        i = end;
        continue;
      }
      out += String.fromCharCode(b);
      i++;
      if (isReset(b, vr)) {
        g0 = state.initialG0;
        g1 = state.initialG1;
      }
      continue;
    }
    // G1 (bytes 0x80..0xFF).
    if (!g1) {
      out += decoderFor('windows-1252').decode(Uint8Array.of(b));
      i++;
    } else if (g1.kind === 'single') {
      out += g1.table[b - 0x80]!;
      i++;
    } else if (g1.kind === 'katakana') {
      out += b >= 0xa1 && b <= 0xdf ? String.fromCharCode(0xff61 + (b - 0xa1)) : '\ufffd';
      i++;
    } else {
      let end = i;
      while (end < n && bytes[end]! >= 0x80) end++;
      out += decoderFor(g1.kind === 'ksx1001' ? 'euc-kr' : 'gbk').decode(bytes.subarray(i, end));
      i = end;
    }
  }
  return out;
}

const utf8Encoder = new TextEncoder();

/** UTF-8 bytes of a string (ASCII without a detour through TextEncoder). */
export function utf8Bytes(text: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return utf8Encoder.encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
