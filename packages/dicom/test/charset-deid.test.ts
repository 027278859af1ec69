/**
 * De-identification across character sets: the pydicom character set files (Arabic, French, Greek,
 * Japanese, Korean, Russian, Chinese, a sequence item with its own character set) are released, their
 * patient names in their own script are gone, kept values read back as the same text, and outputs are
 * UTF-8 (ISO_IR 192) at every level. Synthetic ISO 2022 files (explicit and implicit VR, big endian,
 * nested sequences of defined length) check kept non-ASCII text and the verifier.
 */
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MedImageCleanerError, type DeidContext } from '@medimagecleaner/core';
import { INSPECT_RULES, forEachElement, parsePart10 } from '../src/index.js';
import { context, deid, handler, inspectContext, policy, readDicom, text } from './helpers.js';

const CHARSET_DIR = fileURLToPath(new URL('./corpus/pydicom/charset/', import.meta.url));
const ESC = '\x1b';

/** Bytes of a byte string (`\x1b$B...`). */
function b(bytes: string): Uint8Array {
  return Uint8Array.from(bytes, (c) => c.charCodeAt(0));
}

function includes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

/** Every (0008,0005) value of a file, at any depth. */
function charsetValues(bytes: Uint8Array): string[] {
  const file = parsePart10(bytes);
  const values: string[] = [];
  forEachElement(file.dataset, (e) => {
    if (e.tag === 0x00080005)
      values.push(
        Buffer.from(file.datasetBytes.subarray(e.valueStart, e.valueStart + e.valueLength))
          .toString('latin1')
          .trim(),
      );
  });
  return values;
}

/**
 * The text of the element at `path` (tag, item index, tag, ...) of a file, read with our walker and
 * decoded as UTF-8 (outputs), trailing padding removed. dcmjs is not used: it decodes sequence items
 * as Latin-1 unless they declare their own character set.
 */
function textAt(bytes: Uint8Array, path: readonly number[]): string | undefined {
  const file = parsePart10(bytes);
  let elements = file.dataset;
  for (let i = 0; i < path.length; i += 2) {
    const e = elements.find((x) => x.tag === path[i]);
    if (!e) return undefined;
    if (i + 1 === path.length) {
      const raw = file.datasetBytes.subarray(e.valueStart, e.valueStart + e.valueLength);
      return new TextDecoder('utf-8').decode(raw).replace(/[ \0]+$/, '');
    }
    const item = e.items?.[path[i + 1]!];
    if (!item) return undefined;
    elements = item.elements;
  }
  return undefined;
}

/**
 * The pydicom files: the raw bytes of the patient name in the file, the name in its script as pydicom
 * documents it, and its parts that must not appear in the output.
 */
const FILES: Array<{ file: string; raw: string; name: string; parts: string[]; gated: boolean }> = [
  {
    file: 'chrArab.dcm',
    raw: '\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1',
    name: 'قباني^لنزار',
    parts: ['قباني', 'لنزار'],
    gated: true,
  },
  { file: 'chrFrenMulti.dcm', raw: 'Buc^J\xe9r\xf4me', name: 'Buc^Jérôme', parts: ['Jérôme'], gated: true },
  {
    file: 'chrGreek.dcm',
    raw: '\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2',
    name: 'Διονυσιος',
    parts: ['Διονυσιος'],
    gated: true,
  },
  {
    file: 'chrH31.dcm',
    raw: `=${ESC}$B;3ED${ESC}(B^${ESC}$BB@O:${ESC}(B=`,
    name: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
    parts: ['山田', '太郎', 'やまだ', 'たろう', 'Yamada', 'Tarou'],
    gated: true,
  },
  {
    file: 'chrJapMulti.dcm',
    raw: `${ESC}$B$d$^$@${ESC}(B^${ESC}$B$?$m$&${ESC}(B`,
    name: 'やまだ^たろう',
    parts: ['やまだ', 'たろう'],
    gated: false,
  },
  {
    file: 'chrKoreanMulti.dcm',
    raw: `${ESC}$)C\xb1\xe8\xc8\xf1\xc1\xdf${ESC}(B`,
    name: '김희중',
    parts: ['김희중'],
    gated: false,
  },
  {
    file: 'chrRuss.dcm',
    raw: '\xbb\xee\xdace\xdc\xd1yp\xd3',
    name: 'Люкceмбypг',
    parts: ['Люкceмбypг'],
    gated: true,
  },
  {
    file: 'chrSQEncoding.dcm',
    raw: `\xd4\xcf\xc0\xde^\xc0\xdb\xb3=${ESC}$B;3ED${ESC}(B`,
    name: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
    parts: ['ﾔﾏﾀﾞ', 'ﾀﾛｳ', '山田', '太郎', 'やまだ', 'たろう'],
    gated: false,
  },
  {
    file: 'chrX1.dcm',
    raw: '',
    name: 'Wang^XiaoDong=王^小東',
    parts: ['王', '小東', 'XiaoDong'],
    gated: true,
  },
];

describe('pydicom character set files', () => {
  const accept = context(policy({ cleanDescriptors: true }, { burnedInAnnotation: 'accept' }));
  const basic = context(policy());

  it.each(FILES)('$file: released, the name in its script gone, UTF-8 at every level', async (spec) => {
    const input = new Uint8Array(readFileSync(join(CHARSET_DIR, spec.file)));
    // The test's premise: the file holds the name in its own encoding (UTF-8 for chrX1).
    expect(includes(input, spec.raw ? b(spec.raw) : Buffer.from('王^小東', 'utf8'))).toBe(true);

    const basicResult = await deid(input, basic, spec.file).then(
      () => 'released',
      (error: unknown) => (error instanceof MedImageCleanerError ? error.code : 'thrown'),
    );
    expect(basicResult).toBe(spec.gated ? 'E_POLICY_REJECTED' : 'released');

    const outcome = await deid(input, accept, spec.file);
    const out = outcome.output.data;
    const findings = await handler.inspect(out, inspectContext(accept, outcome.knownIdentifiers));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);

    // Outputs are UTF-8 and say so wherever a character set was declared.
    expect(charsetValues(out).every((v) => v === 'ISO_IR 192')).toBe(true);
    expect(charsetValues(out).length).toBeGreaterThan(0);
    const asText = Buffer.from(out).toString('utf8');
    for (const part of spec.parts)
      expect({ part, present: asText.includes(part) }).toEqual({ part, present: false });
    expect(includes(out, b(spec.raw || 'XiaoDong'))).toBe(false);

    // The names were read in their script (the subject's identifiers hold them).
    if (spec.file !== 'chrSQEncoding.dcm') {
      const groups = spec.name.split('=');
      for (const group of groups) expect(outcome.knownIdentifiers).toContain(group);
    }

    // Kept values read back the same.
    expect(textAt(out, [0x00080060])).toBe(textAt(input, [0x00080060]));
  });

  it('chrJapMulti and chrKoreanMulti keep their descriptions under Clean Descriptors', async () => {
    for (const file of ['chrJapMulti.dcm', 'chrKoreanMulti.dcm']) {
      const outcome = await deid(new Uint8Array(readFileSync(join(CHARSET_DIR, file))), accept, file);
      const after = readDicom(outcome.output.data).dict;
      expect(text(after, '00081030')).toBe('Chest');
      expect(text(after, '0008103E')).toBe('Chest PA PA');
      expect(text(after, '00080060')).toBe('CR');
    }
  });

  it('finds the name again when it is put back into a kept attribute of the output', async () => {
    const outcome = await deid(new Uint8Array(readFileSync(join(CHARSET_DIR, 'chrH31.dcm'))), accept, 'h31');
    const dict = readDicom(outcome.output.data).dict;
    expect(outcome.knownIdentifiers).toContain('山田^太郎');
    const leaked = rawFile(
      [
        [0x00080005, 'CS', 'ISO_IR 192'],
        [0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'],
        [0x00080018, 'UI', '1.2.3.4'],
        [0x00081030, 'LO', Buffer.from(`follow-up ${text(dict, '00100010')} 山田太郎`, 'utf8')],
      ],
      {},
    );
    const findings = await handler.inspect(leaked, inspectContext(accept, outcome.knownIdentifiers));
    expect(findings.map((f) => `${f.rule} ${f.location}`)).toContain(
      `${INSPECT_RULES.identifier} (0008,1030)`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Synthetic files with ISO 2022 text, written byte by byte (dcmjs cannot write ISO 2022).

type RawValue = string | Uint8Array | RawItem[];
type RawElement = [tag: number, vr: string, value: RawValue];
type RawItem = RawElement[];

interface RawOptions {
  readonly implicit?: boolean;
  readonly bigEndian?: boolean;
}

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** A dataset: elements in the given order, sequences and items of defined length. */
function rawDataset(elements: RawItem, options: RawOptions): Buffer {
  const le = !options.bigEndian;
  const parts: Buffer[] = [];
  for (const [tag, vr, value] of elements) {
    let body: Buffer;
    if (Array.isArray(value)) {
      body = Buffer.concat(
        value.map((item) => {
          const inner = rawDataset(item, options);
          const head = Buffer.alloc(8);
          writeTag(head, 0, 0xfffee000, le);
          if (le) head.writeUInt32LE(inner.length, 4);
          else head.writeUInt32BE(inner.length, 4);
          return Buffer.concat([head, inner]);
        }),
      );
    } else {
      body = typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from(value);
      if (body.length % 2 === 1) body = Buffer.concat([body, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
    }
    let head: Buffer;
    if (options.implicit) {
      head = Buffer.alloc(8);
      head.writeUInt32LE(body.length, 4);
    } else if (LONG.has(vr)) {
      head = Buffer.alloc(12);
      if (le) head.writeUInt32LE(body.length, 8);
      else head.writeUInt32BE(body.length, 8);
    } else {
      head = Buffer.alloc(8);
      if (le) head.writeUInt16LE(body.length, 6);
      else head.writeUInt16BE(body.length, 6);
    }
    writeTag(head, 0, tag, le);
    if (!options.implicit) head.write(vr, 4, 'latin1');
    parts.push(head, body);
  }
  return Buffer.concat(parts);
}

function writeTag(buffer: Buffer, at: number, tag: number, le: boolean): void {
  if (le) {
    buffer.writeUInt16LE(tag >>> 16, at);
    buffer.writeUInt16LE(tag & 0xffff, at + 2);
  } else {
    buffer.writeUInt16BE(tag >>> 16, at);
    buffer.writeUInt16BE(tag & 0xffff, at + 2);
  }
}

/** A Part 10 file around `elements` (meta in explicit VR LE). */
function rawFile(elements: RawItem, options: RawOptions): Uint8Array {
  const ts = options.implicit
    ? '1.2.840.10008.1.2'
    : options.bigEndian
      ? '1.2.840.10008.1.2.2'
      : '1.2.840.10008.1.2.1';
  const meta = rawDataset(
    [
      [0x00020001, 'OB', b('\x00\x01')],
      [0x00020002, 'UI', '1.2.840.10008.5.1.4.1.1.7'],
      [0x00020003, 'UI', '1.2.826.0.1.3680043.8.498.77'],
      [0x00020010, 'UI', ts],
    ],
    {},
  );
  const groupLength = rawDataset([[0x00020000, 'UL', Uint8Array.of(...u32le(meta.length))]], {});
  return new Uint8Array(
    Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, meta, rawDataset(elements, options)]),
  );
}

function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** Reverse tables of the double-byte sets (built with the runtime's decoders). */
function doubleByteTable(label: string): Map<string, [number, number]> {
  const decoder = new TextDecoder(label);
  const table = new Map<string, [number, number]>();
  for (let hi = 0xa1; hi <= 0xfe; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const c = decoder.decode(Uint8Array.of(hi, lo));
      if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, [hi, lo]);
    }
  return table;
}
const JIS = doubleByteTable('euc-jp');
const KSC = doubleByteTable('euc-kr');

/** ISO 2022 IR 87 bytes of a text (JIS X 0208 in G0, back to ASCII before ASCII characters and at the end). */
function jis(textValue: string): string {
  let out = '';
  let kanji = false;
  for (const c of textValue) {
    const pair = JIS.get(c);
    if (pair) {
      if (!kanji) out += `${ESC}$B`;
      kanji = true;
      out += String.fromCharCode(pair[0] & 0x7f, pair[1] & 0x7f);
    } else {
      if (kanji) out += `${ESC}(B`;
      kanji = false;
      out += c;
    }
  }
  return kanji ? `${out}${ESC}(B` : out;
}

/** ISO 2022 IR 149 bytes of a text (KS X 1001 in G1, designated at the start of each value). */
function ksc(textValue: string): string {
  let out = `${ESC}$)C`;
  for (const c of textValue) {
    const pair = KSC.get(c);
    out += pair ? String.fromCharCode(pair[0], pair[1]) : c;
  }
  return out;
}

const CT = '1.2.840.10008.5.1.4.1.1.2';

function japanese(options: RawOptions): Uint8Array {
  return rawFile(
    [
      [0x00080005, 'CS', '\\ISO 2022 IR 87'],
      [0x00080016, 'UI', CT],
      [0x00080018, 'UI', '1.2.826.0.1.3680043.8.498.77'],
      [0x00080060, 'CS', 'CT'],
      [0x00081030, 'LO', jis('胸部ＣＴ 造影')],
      [0x0008103e, 'LO', jis('山田太郎 の 胸部')],
      [
        0x00082218,
        'SQ',
        [
          [
            [0x00080100, 'SH', 'T-D3000'],
            [0x00080102, 'SH', 'SRT'],
            [0x00080104, 'LO', jis('胸部')],
          ],
        ],
      ],
      [0x00100010, 'PN', `Yamada^Tarou=${jis('山田')}^${jis('太郎')}`],
      [0x00100020, 'LO', 'JP-0001'],
      [
        0x00400275,
        'SQ',
        [
          [
            [0x00080005, 'CS', '\\ISO 2022 IR 149'],
            [0x00321060, 'LO', ksc('흉부 촬영')],
          ],
        ],
      ],
      [0x0020000d, 'UI', '1.2.826.0.1.3680043.8.498.78'],
      [0x0020000e, 'UI', '1.2.826.0.1.3680043.8.498.79'],
    ],
    options,
  );
}

describe('synthetic ISO 2022 files', () => {
  const clean = context(policy({ cleanDescriptors: true }));

  it.each([
    ['explicit VR little endian', {}],
    ['implicit VR little endian', { implicit: true }],
    ['explicit VR big endian', { bigEndian: true }],
  ] as Array<[string, RawOptions]>)(
    '%s: kept text reads back identical, names are gone',
    async (_, options) => {
      const input = japanese(options);
      const outcome = await deid(input, clean, 'jp');
      const out = outcome.output.data;
      expect(charsetValues(out).every((v) => v === 'ISO_IR 192')).toBe(true);
      // Kept (Clean Descriptors keeps text without identifiers) and read back as the same text.
      expect(textAt(out, [0x00081030])).toBe('胸部ＣＴ 造影');
      expect(textAt(out, [0x00082218, 0, 0x00080104])).toBe('胸部');
      expect(textAt(out, [0x00082218, 0, 0x00080005])).toBeUndefined(); // items inherit ISO_IR 192
      expect(textAt(out, [0x00400275, 0, 0x00321060])).toBe('흉부 촬영');
      expect(textAt(out, [0x00400275, 0, 0x00080005])).toBe('ISO_IR 192');
      // dcmjs reads the top level alike.
      expect(text(readDicom(out).dict, '00081030')).toBe('胸部ＣＴ 造影');
      // The subject's name in kanji was read, and cleaned out of the description that held it.
      expect(outcome.knownIdentifiers).toContain('山田^太郎');
      const series = textAt(out, [0x0008103e]) ?? '';
      expect(series).not.toContain('山田');
      expect(series).toContain('の 胸部');
      const asText = Buffer.from(out).toString('utf8');
      for (const part of ['山田', '太郎', 'Yamada', 'Tarou', 'JP-0001']) expect(asText).not.toContain(part);
      const findings = await handler.inspect(out, inspectContext(clean, outcome.knownIdentifiers));
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  );

  it('the verifier decodes ISO 2022 input, nested character sets included', async () => {
    const input = japanese({});
    const findings = await handler.inspect(input, inspectContext(clean, ['山田^太郎', '흉부 촬영']));
    const at = findings.filter((f) => f.rule === INSPECT_RULES.identifier).map((f) => f.location);
    expect(at).toContain('(0010,0010)');
    expect(at).toContain('(0008,103E)');
    expect(at).toContain('(0040,0275)[0](0032,1060)');
  });

  it('keeps non-ASCII text of sequence items that inherit UTF-8 (dcmjs alone reads items as Latin-1)', async () => {
    const input = rawFile(
      [
        [0x00080005, 'CS', 'ISO_IR 192'],
        [0x00080016, 'UI', CT],
        [0x00080018, 'UI', '1.2.826.0.1.3680043.8.498.81'],
        [0x00081030, 'LO', Buffer.from('Thorax Übersicht', 'utf8')],
        [0x00082218, 'SQ', [[[0x00080104, 'LO', Buffer.from('Thorax – Lunge', 'utf8')]]]],
        [0x00100010, 'PN', Buffer.from('Müller^Jürgen', 'utf8')],
        [0x00100020, 'LO', 'DE-0001'],
      ],
      {},
    );
    const outcome = await deid(input, clean, 'de');
    expect(outcome.knownIdentifiers).toContain('Müller^Jürgen');
    expect(textAt(outcome.output.data, [0x00081030])).toBe('Thorax Übersicht');
    expect(textAt(outcome.output.data, [0x00082218, 0, 0x00080104])).toBe('Thorax – Lunge');
    expect(textAt(outcome.output.data, [0x00082218, 0, 0x00080005])).toBeUndefined();
  });

  it('refuses a Specific Character Set with an undefined term', async () => {
    const input = rawFile(
      [
        [0x00080005, 'CS', 'ISO_IR 999'],
        [0x00080016, 'UI', CT],
        [0x00100010, 'PN', 'Doe^Jane'],
      ],
      {},
    );
    const ctx: DeidContext = context();
    await expect(deid(input, ctx)).rejects.toMatchObject({ code: 'E_PARSE_FAILED' });
  });

  it('reads GB18030 and GBK', async () => {
    for (const charset of ['GB18030', 'GBK']) {
      const input = rawFile(
        [
          [0x00080005, 'CS', charset],
          [0x00080016, 'UI', CT],
          [0x00080018, 'UI', '1.2.826.0.1.3680043.8.498.80'],
          [0x00081030, 'LO', '\xd0\xd8\xb2\xbf CT'],
          [0x00100010, 'PN', 'Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab'],
          [0x00100020, 'LO', 'CN-0001'],
        ],
        {},
      );
      const outcome = await deid(input, clean, charset);
      expect(outcome.knownIdentifiers).toContain('王^小东');
      expect(textAt(outcome.output.data, [0x00081030])).toBe('胸部 CT');
      expect(Buffer.from(outcome.output.data).toString('utf8')).not.toContain('小东');
    }
  });
});
