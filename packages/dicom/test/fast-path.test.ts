/**
 * The header-only fast path: dcmjs reads the header bytes only and never writes; our serializer writes
 * what dcmjs would (checked against dcmjs on every corpus and sample file); raw values are kept only
 * while they still mean the value; the output is one exactly sized allocation with the pixel element
 * bytes copied once, at their place in tag order; identifier matchers are compiled once per subject.
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isAnyArrayBuffer } from 'node:util/types';
import { fileURLToPath } from 'node:url';
import dcmjs, { type DcmjsDataset } from 'dcmjs';
import {
  buildDcmjsInput,
  removeInsertedCharsets,
  toSpliced,
  writeOutput,
  type SplicedElement,
} from '../src/assemble.js';
import { dictionaryVr, readPart10, writePart10 } from '../src/dcmjs-io.js';
import { deidentifyDicom } from '../src/handler.js';
import { cachedIdentifierMatcher } from '../src/inspect.js';
import { outputMeta } from '../src/method.js';
import { encodingOf, parsePart10, transferSyntaxOf } from '../src/part10.js';
import { isPrivateCreatorTag, isPrivateTag, tagKey } from '../src/tags.js';
import { EXPLICIT_LE, walkDataset } from '../src/walker.js';
import { baseDataset, context, deid, readDicom, text, writeDicom } from './helpers.js';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../../samples/dicom/', import.meta.url));
const PIXEL_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);

function list(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return list(p);
    return /\.(tsv|md|gz)$/.test(name) ? [] : [p];
  });
}

const vrOf = (tag: number): string | undefined =>
  isPrivateTag(tag) ? (isPrivateCreatorTag(tag) ? 'LO' : undefined) : dictionaryVr(tagKey(tag));

/** dcmjs's dataset of a file's header, read the way the handler reads it; undefined when unreadable. */
function headerDataset(bytes: Uint8Array): { dict: DcmjsDataset; ts: string } | undefined {
  try {
    const file = parsePart10(bytes, { isSequence: (tag) => dictionaryVr(tagKey(tag)) === 'SQ' });
    const cut = new Set(file.dataset.filter((e) => PIXEL_TAGS.has(e.tag)));
    const input = buildDcmjsInput(file, cut, { vrOf });
    const dict = readPart10(input.bytes).dict;
    removeInsertedCharsets(dict, input.insertedCharsets);
    const ts = file.encoding.explicitVR ? transferSyntaxOf(file.encoding) : transferSyntaxOf(EXPLICIT_LE);
    return { dict, ts };
  } catch {
    return undefined;
  }
}

/** A comparable form of a dcmjs dataset: binary values as hex, PN values as text, keys sorted. */
function comparable(dict: DcmjsDataset): unknown {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(dict).sort()) {
    const element = dict[key]!;
    const values = (element.Value ?? []).map((v: unknown) => {
      if (isAnyArrayBuffer(v)) return Buffer.from(v).toString('hex');
      if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
      if (element.vr === 'SQ') return comparable(v as DcmjsDataset);
      if (v && typeof v === 'object') return JSON.parse(JSON.stringify(v)) as unknown;
      return v;
    });
    out[key] = { vr: element.vr, values };
  }
  return out;
}

const files = [...list(CORPUS), ...list(SAMPLES)]
  .map((p) => (p.startsWith(SAMPLES) ? `samples/${relative(SAMPLES, p)}` : relative(CORPUS, p)))
  .sort();

function pathOf(file: string): string {
  return file.startsWith('samples/') ? join(SAMPLES, file.slice('samples/'.length)) : join(CORPUS, file);
}

describe('our serializer writes what dcmjs writes', () => {
  let compared = 0;
  let binary = 0;
  it.each(files)('%s', (file) => {
    const header = headerDataset(new Uint8Array(readFileSync(pathOf(file))));
    if (!header) return; // files the handler refuses (truncated, not DICOM...)
    compared++;
    if (Object.values(header.dict).some((e) => ['OB', 'OW', 'UN'].includes(e.vr) && e.Value?.length))
      binary++;
    const meta = outputMeta('1.2.840.10008.5.1.4.1.1.7', '1.2.3.4', header.ts);
    const encoding = encodingOf(header.ts);
    const ours = writeOutput(meta, header.dict, encoding, []).data;
    const theirs = writePart10(meta, header.dict);
    expect(comparable(readDicom(ours).dict)).toEqual(comparable(readDicom(theirs).dict));
    expect(comparable(readDicom(ours).meta)).toEqual(comparable(readDicom(theirs).meta));
  });
  it('compared nearly every file, binary values included', () => {
    expect(compared).toBeGreaterThanOrEqual(files.length - 10);
    expect(binary).toBeGreaterThan(10);
  });
});

describe('raw values', () => {
  const meta = outputMeta('1.2.840.10008.5.1.4.1.1.7', '1.2.3.4', '1.2.840.10008.1.2.1');
  const write = (dict: DcmjsDataset): DcmjsDataset =>
    readDicom(writeOutput(meta, dict, EXPLICIT_LE, []).data).dict;

  it('keeps the form of a value read as it is (1.50 stays 1.50)', () => {
    const out = write({
      '00281050': { vr: 'DS', Value: [1.5], _rawValue: ['1.50'] },
      '00200013': { vr: 'IS', Value: [7], _rawValue: ['007'] },
      '00081030': { vr: 'LO', Value: ['CHEST'], _rawValue: [' CHEST'] },
    });
    expect(out['00281050']?._rawValue).toEqual(['1.50']);
    expect((out['00200013']?._rawValue as string[]).map((v) => v.trim())).toEqual(['007']);
    expect(out['00081030']?._rawValue).toEqual([' CHEST']);
  });

  it('writes an edited value, never the raw value it replaced', () => {
    const out = write({
      '00281050': { vr: 'DS', Value: [2.5], _rawValue: ['1.50'] },
      '00081030': { vr: 'LO', Value: ['ANONYMIZED'], _rawValue: ['DOE JANE CHEST'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'CEDAR^ALPHA' }], _rawValue: ['DOE^JANE'] },
      '00080090': { vr: 'PN', Value: [], _rawValue: ['DOE^JOHN'] },
    });
    expect(text(out, '00281050')).toBe('2.5');
    expect(text(out, '00081030')).toBe('ANONYMIZED');
    expect(text(out, '00100010')).toBe('CEDAR^ALPHA');
    expect(out['00080090']?.Value ?? []).toEqual([]);
  });

  it('writes numbers, tags, 64-bit integers, binary values and long values as dcmjs reads them', () => {
    const dict: DcmjsDataset = {
      '00280010': { vr: 'US', Value: [512] },
      '00281052': { vr: 'DS', Value: [-1024] },
      '00189219': { vr: 'FD', Value: [0.25] },
      '00209165': { vr: 'AT', Value: [0x00209056] },
      '0072007D': { vr: 'SV', Value: [BigInt(-5)] },
      '00660040': { vr: 'OL', Value: [new Uint32Array([1, 2]).buffer] },
      '00280106': { vr: 'SS', Value: [-3] },
      '00204000': { vr: 'LT', Value: ['x'.repeat(70000)] },
    };
    const out = write(dict);
    expect(out['00280010']?.Value).toEqual([512]);
    expect(out['00281052']?.Value).toEqual([-1024]);
    expect(out['00189219']?.Value).toEqual([0.25]);
    expect(out['00209165']?.Value).toEqual([0x00209056]);
    // dcmjs knows neither SV nor OL (it reads UN): their bytes are checked instead.
    const written = writeOutput(meta, dict, EXPLICIT_LE, []);
    const sv = walkDataset(written.data, written.datasetStart, written.data.length, EXPLICIT_LE).find(
      (e) => e.tag === 0x0072007d,
    )!;
    expect(sv.vr).toBe('SV');
    expect(Buffer.from(written.data.subarray(sv.valueStart, sv.end)).toString('hex')).toBe(
      'fbffffffffffffff',
    );
    const ol = walkDataset(written.data, written.datasetStart, written.data.length, EXPLICIT_LE).find(
      (e) => e.tag === 0x00660040,
    )!;
    expect(ol.vr).toBe('OL'); // dcmjs would write UN: it does not know OL
    expect(Buffer.from(written.data.subarray(ol.valueStart, ol.end)).toString('hex')).toBe(
      '0100000002000000',
    );
    expect(out['00280106']?.Value).toEqual([-3]);
    expect(text(out, '00204000').length).toBe(70000); // too long for a 16-bit length: written as UN
  });
});

describe('one output allocation, header-only dcmjs', () => {
  const data = dcmjs.data as unknown as {
    DicomMessage: { readFile: (...args: unknown[]) => unknown };
    DicomDict: { prototype: { write: (...args: unknown[]) => unknown } };
  };
  const readFile = data.DicomMessage.readFile;
  const write = data.DicomDict.prototype.write;
  afterEach(() => {
    data.DicomMessage.readFile = readFile;
    data.DicomDict.prototype.write = write;
  });

  function ct(extra: DcmjsDataset = {}): Uint8Array {
    const pixels = new Uint16Array(512 * 512).map((_, i) => (i * 2654435761) % 4096);
    return writeDicom(
      baseDataset({
        '00280010': { vr: 'US', Value: [512] },
        '00280011': { vr: 'US', Value: [512] },
        '7FE00010': { vr: 'OW', Value: [pixels.buffer] },
        ...extra,
      }),
    );
  }

  it('gives dcmjs the header only and never asks it to write', async () => {
    const input = ct();
    const sizes: number[] = [];
    let writes = 0;
    data.DicomMessage.readFile = function (this: unknown, ...args: unknown[]) {
      sizes.push((args[0] as ArrayBuffer).byteLength);
      return readFile.apply(this, args);
    };
    data.DicomDict.prototype.write = function (this: unknown, ...args: unknown[]) {
      writes++;
      return write.apply(this, args);
    };
    await deid(input, context());
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeLessThan(4096);
    expect(input.length).toBeGreaterThan(512 * 512 * 2);
    expect(writes).toBe(0);
  });

  it('returns one exactly sized allocation with the pixel bytes as they were', async () => {
    const input = ct();
    const { output } = await deid(input, context());
    expect(output.data.byteOffset).toBe(0);
    expect(output.data.buffer.byteLength).toBe(output.data.length);
    const before = parsePart10(input);
    const after = parsePart10(output.data);
    const pb = before.dataset.find((e) => e.tag === 0x7fe00010)!;
    const pa = after.dataset.find((e) => e.tag === 0x7fe00010)!;
    expect(Buffer.from(after.datasetBytes.subarray(pa.start, pa.end))).toEqual(
      Buffer.from(before.datasetBytes.subarray(pb.start, pb.end)),
    );
    expect(pa.end).toBe(after.datasetBytes.length);
  });

  it('with headroom, writes the header in front of the pixel bytes where they are: same output, no copy', async () => {
    const input = ct();
    const expected = (await deid(input, context())).output.data;
    const headroom = 65536;
    const scratch = new Uint8Array(headroom + input.length);
    scratch.set(input, headroom);
    const bytes = scratch.subarray(headroom);
    const item = {
      id: 'item-1',
      path: 'memory:item-1',
      size: bytes.length,
      headroom,
      read: async () => bytes,
    };
    const { output } = await deidentifyDicom(item, context());
    expect(Buffer.from(output.data)).toEqual(Buffer.from(expected));
    // The output ends with the pixel bytes in place: a view of the same buffer, never a copy.
    expect(output.data.buffer === scratch.buffer).toBe(true);
    expect(output.data.byteOffset + output.data.length).toBe(scratch.length);
    // Without room for the header (no headroom, a header that grew), one new allocation as before.
    const grown = ct({ '00081030': { vr: 'LO', Value: ['x'.repeat(64)] } });
    const tight = new Uint8Array(grown);
    const noRoom = {
      id: 'item-1',
      path: 'memory:item-1',
      size: tight.length,
      headroom: 0,
      read: async () => tight,
    };
    const fallback = (await deidentifyDicom(noRoom, context())).output.data;
    expect(Buffer.from(fallback)).toEqual(Buffer.from((await deid(grown, context())).output.data));
  });

  it('puts pixel elements back at their place in tag order, before later attributes', () => {
    const meta = outputMeta('1.2.840.10008.5.1.4.1.1.7', '1.2.3.4', '1.2.840.10008.1.2.1');
    const float = new Float32Array([1, 2, 3, 4]);
    const spliced: SplicedElement[] = [
      {
        tag: 0x7fe00010,
        vr: 'OW',
        value: new Uint8Array(new Uint16Array([1, 2]).buffer),
        undefinedLength: false,
      },
      { tag: 0x7fe00008, vr: 'OF', value: new Uint8Array(float.buffer), undefinedLength: false },
    ];
    const { data, datasetStart } = writeOutput(
      meta,
      {
        '00080060': { vr: 'CS', Value: ['OT'] },
        '7FE00020': { vr: 'OW', Value: [new Uint16Array([9]).buffer] },
      },
      EXPLICIT_LE,
      spliced,
    );
    const tags = walkDataset(data, datasetStart, data.length, EXPLICIT_LE).map((e) => e.tag);
    expect(tags).toEqual([0x00080060, 0x7fe00008, 0x7fe00010, 0x7fe00020]);
    expect(() =>
      writeOutput(meta, { '7FE00010': { vr: 'OW', Value: [] } }, EXPLICIT_LE, spliced.slice(0, 1)),
    ).toThrow('already present');
  });

  it('splices implicit VR pixel data with an explicit VR (OW, OF, OD; OB when encapsulated)', () => {
    const element = (tag: number, undefinedLength = false) => ({
      tag,
      vr: undefined,
      start: 0,
      valueStart: 0,
      valueLength: 4,
      end: 4,
      undefinedLength,
    });
    const source = new Uint8Array(4);
    expect(toSpliced(element(0x7fe00010), source).vr).toBe('OW');
    expect(toSpliced(element(0x7fe00008), source).vr).toBe('OF');
    expect(toSpliced(element(0x7fe00009), source).vr).toBe('OD');
    expect(toSpliced(element(0x7fe00010, true), source).vr).toBe('OB');
  });

  it('is deterministic', async () => {
    const input = ct({ '00081030': { vr: 'LO', Value: ['CT CHEST'] } });
    const a = await deid(input, context());
    const b = await deid(input, context());
    expect(Buffer.from(a.output.data).equals(Buffer.from(b.output.data))).toBe(true);
  });
});

describe('identifier matchers', () => {
  it('are compiled once per identifier list and options, and evicted least recently used first', () => {
    const ids = ['DOE^JANE', 'MRN0012345'];
    const a = cachedIdentifierMatcher(ids);
    expect(cachedIdentifierMatcher([...ids])).toBe(a);
    expect(cachedIdentifierMatcher(ids, { minLength: 4 })).not.toBe(a);
    expect(a.inText('seen by Jane Doe')).toBe(false); // the full name only, not its parts
    expect(a.inText('doe^jane')).toBe(true);
    for (let i = 0; i < 20; i++) cachedIdentifierMatcher([`SUBJECT${i}`]);
    expect(cachedIdentifierMatcher(ids)).not.toBe(a);
  });
});
