#!/usr/bin/env node
// Burned-in text test frames: CT-like, US-like, XA-like grey and RGB backgrounds (noise, gradients,
// shapes) with invented names, IDs, dates and institution words drawn by sharp's SVG renderer in the
// DejaVu fonts fontconfig has here, 8-60 px, light on dark and dark on light, with their ground-truth
// boxes (the drawn glyphs' pixel extent) and strings. Deterministic by seed: same seed, same bytes.
//
//   node tools/burned-in-synth/generate.mjs --out DIR [--count 8] [--seed 1] [--kinds ct,us,xa,rgb]
//        [--size 512] [--bits 8|12|16] [--blank]
//
// writes DIR/<kind>-<n>.png and DIR/<kind>-<n>.json ({ kind, seed, width, height, channels, bitsStored,
// texts: [{ text, box, fontSize, font, polarity }] }). --blank writes frames without text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../lib/prng.mjs';

const require = createRequire(new URL('../../packages/vision-onnx/package.json', import.meta.url));
const sharp = require('sharp');

/** The frame kinds. */
export const KINDS = ['ct', 'us', 'xa', 'rgb'];

/** Fonts fontconfig lists on these machines (`fc-list`: DejaVu only), with weights and styles. */
const FONTS = [
  { family: 'DejaVu Sans', weight: 'normal', style: 'normal' },
  { family: 'DejaVu Sans', weight: 'bold', style: 'normal' },
  { family: 'DejaVu Sans Mono', weight: 'normal', style: 'normal' },
  { family: 'DejaVu Sans Mono', weight: 'bold', style: 'normal' },
  { family: 'DejaVu Serif', weight: 'normal', style: 'normal' },
  { family: 'DejaVu Sans Condensed', weight: 'normal', style: 'normal' },
  { family: 'DejaVu Sans', weight: 'normal', style: 'oblique' },
];

// Invented for this generator: not taken from any record.
const FIRST = [
  'Maren',
  'Tobin',
  'Ilsa',
  'Corwin',
  'Delphine',
  'Anselm',
  'Rhea',
  'Quillon',
  'Soraya',
  'Edric',
  'Linnea',
  'Osric',
  'Perpetua',
  'Bastien',
  'Yolanda',
  'Fenwick',
];
const LAST = [
  'Halvorsen',
  'Quintero',
  'Abernathy',
  'Vasquell',
  'Okonkwo',
  'Lindqvist',
  'Marchetti',
  'Dunmore',
  'Przybylski',
  'Etcheverry',
  'Ravensworth',
  'Nakamori',
  'Fairbanks',
  'Ostrander',
  'Kowalczyk',
  'Beaumont',
];
const PLACES = [
  'St. Brigid General Hospital',
  'Northfield Imaging Center',
  'Riverside Medical Ctr',
  'Hopital Sainte-Odile',
  'Klinikum Westerwald',
  'Clinica San Lorenzo',
  'Dept. of Radiology',
  'Lakeshore Cardiology',
];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Mulberry32 (`tools/lib/prng.mjs`): a small seeded PRNG, uniform in [0, 1). */
export const prng = mulberry32;

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, '0');
/** Approximately normal noise (sum of three uniforms), mean 0, deviation `sd`. */
const noise = (rand, sd) => (rand() + rand() + rand() - 1.5) * 2 * sd;

/** One invented PHI-like string: a name, an ID, a date or an institution. */
export function phiString(rand) {
  const first = pick(rand, FIRST);
  const last = pick(rand, LAST);
  const y = int(rand, 1930, 2023);
  const m = int(rand, 1, 12);
  const d = int(rand, 1, 28);
  const forms = [
    () => `${last.toUpperCase()}^${first.toUpperCase()}`,
    () => `${first} ${last}`,
    () => `Name: ${last}, ${first}`,
    () => `MRN ${int(rand, 1000000, 9999999)}`,
    () => `ID: ${pad(int(rand, 0, 99999999), 8)}`,
    () => `ACC# A${int(rand, 10000, 99999)}`,
    () => `DOB ${pad(d, 2)}/${pad(m, 2)}/${y}`,
    () => `${y}-${pad(m, 2)}-${pad(d, 2)} ${pad(int(rand, 0, 23), 2)}:${pad(int(rand, 0, 59), 2)}`,
    () => `${pad(d, 2)}-${MONTHS[m - 1]}-${y}`,
    () => pick(rand, PLACES),
  ];
  return pick(rand, forms)();
}

function clamp8(v) {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** A grey or RGB background of the given kind (Uint8Array, 1 or 3 channels). */
export function background(kind, width, height, rand) {
  const channels = kind === 'rgb' ? 3 : 1;
  const out = new Uint8Array(width * height * channels);
  const cx = width / 2;
  const cy = height / 2;
  if (kind === 'ct') {
    const rx = width * (0.36 + rand() * 0.08);
    const ry = height * (0.3 + rand() * 0.08);
    const organs = Array.from({ length: 4 }, () => ({
      x: cx + noise(rand, width * 0.1),
      y: cy + noise(rand, height * 0.08),
      r: width * (0.04 + rand() * 0.07),
      v: 60 + rand() * 80,
    }));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const e = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
        let v = 8;
        if (e < 1) {
          v = 95 + (y / height) * 20;
          if (e > 0.86) v = 225; // bone-like ring
          for (const o of organs) if ((x - o.x) ** 2 + (y - o.y) ** 2 < o.r ** 2) v = o.v;
        }
        out[y * width + x] = clamp8(v + noise(rand, 6));
      }
    }
  } else if (kind === 'us') {
    const apexY = height * 0.08;
    const half = 0.55 + rand() * 0.2;
    const depth = height * 0.85;
    const cysts = Array.from({ length: 2 }, () => ({
      x: cx + noise(rand, width * 0.1),
      y: height * (0.35 + rand() * 0.3),
      r: 10 + rand() * 30,
    }));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dy = y - apexY;
        const ang = Math.atan2(x - cx, dy);
        const r = Math.hypot(x - cx, dy);
        let v = 0;
        if (dy > 0 && Math.abs(ang) < half && r < depth && r > 20) {
          const s = rand();
          v = s * s * 190 * (1 - (r / depth) * 0.6);
          for (const c of cysts) if ((x - c.x) ** 2 + (y - c.y) ** 2 < c.r ** 2) v *= 0.15;
        }
        out[y * width + x] = clamp8(v);
      }
    }
  } else if (kind === 'xa') {
    const vessels = Array.from({ length: 5 }, () => ({
      y0: rand() * height,
      amp: 20 + rand() * 60,
      f: 0.005 + rand() * 0.02,
      ph: rand() * 6.28,
      w: 2 + rand() * 5,
      slope: noise(rand, 0.6),
    }));
    const base = 175 + rand() * 35;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const vign = Math.hypot((x - cx) / width, (y - cy) / height);
        let v = base - vign * 90;
        for (const s of vessels) {
          const vy = s.y0 + s.slope * x + s.amp * Math.sin(s.f * x + s.ph);
          if (Math.abs(y - vy) < s.w) v = Math.min(v, 70 + rand() * 30);
        }
        out[y * width + x] = clamp8(v + noise(rand, 5));
      }
    }
  } else if (kind === 'rgb') {
    const c0 = [rand() * 255, rand() * 255, rand() * 255];
    const c1 = [rand() * 255, rand() * 255, rand() * 255];
    const blobs = Array.from({ length: 5 }, () => ({
      x: rand() * width,
      y: rand() * height,
      r: 20 + rand() * 80,
      c: [rand() * 255, rand() * 255, rand() * 255],
    }));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const t = (x + y) / (width + height);
        const px = [0, 1, 2].map((k) => c0[k] * (1 - t) + c1[k] * t);
        for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) px.splice(0, 3, ...b.c);
        const o = (y * width + x) * 3;
        for (let k = 0; k < 3; k++) out[o + k] = clamp8(px[k] + noise(rand, 5));
      }
    }
  } else {
    throw new Error(`unknown kind ${kind}`);
  }
  return { channels, data: out };
}

const escapeXml = (s) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Coverage (0-255) of one string drawn at (x, baseline y) in a width x height frame, and its pixel box. */
async function renderText(text, font, fontSize, x, y, width, height) {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<text x="${x}" y="${y}" font-family="${font.family}" font-weight="${font.weight}" font-style="${font.style}" ` +
    `font-size="${fontSize}" fill="#fff">${escapeXml(text)}</text></svg>`;
  const { data } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let yy = 0; yy < height; yy++) {
    for (let xx = 0; xx < width; xx++) {
      if (data[yy * width + xx] > 0) {
        if (xx < x0) x0 = xx;
        if (xx > x1) x1 = xx;
        if (yy < y0) y0 = yy;
        if (yy > y1) y1 = yy;
      }
    }
  }
  const box = x1 < 0 ? undefined : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  return { alpha: data, box };
}

function overlaps(a, b, gap) {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** The fraction of drawn (alpha > 0) pixels whose background is within `gap` levels of `level`. */
function lowContrastFraction(data, width, channels, alpha, box, level, gap) {
  let low = 0;
  let drawn = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      if (alpha[y * width + x] === 0) continue;
      const o = (y * width + x) * channels;
      const v = channels === 3 ? (data[o] + data[o + 1] + data[o + 2]) / 3 : data[o];
      drawn++;
      if (Math.abs(v - level) < gap) low++;
    }
  }
  return drawn ? low / drawn : 0;
}

/** A font size between 8 and 60 px, log-uniform (as many small sizes as large ones). */
function fontSizeFor(rand, minSize, maxSize) {
  return Math.round(Math.exp(Math.log(minSize) + rand() * (Math.log(maxSize) - Math.log(minSize))));
}

/**
 * Generates one frame.
 * @param {{ kind: string, seed: number, width?: number, height?: number, strings?: number,
 *   minSize?: number, maxSize?: number, bits?: 8 | 12 | 16 }} options
 */
export async function generateFrame(options) {
  const { kind, seed, width = 512, height = 512, minSize = 8, maxSize = 60, bits = 8 } = options;
  const rand = prng(seed * 7919 + KINDS.indexOf(kind) * 104729 + 1);
  const count = options.strings ?? int(rand, 3, 6);
  const { channels, data } = background(kind, width, height, rand);
  const texts = [];
  for (let i = 0; i < count; i++) {
    const text = phiString(rand);
    const font = pick(rand, FONTS);
    let fontSize = fontSizeFor(rand, minSize, maxSize);
    // Keep the string inside the frame: DejaVu's average advance is about 0.62 em.
    const maxFit = Math.floor((width - 8) / (0.7 * text.length));
    if (fontSize > maxFit) fontSize = Math.max(minSize, maxFit);
    let placed;
    for (let attempt = 0; attempt < 30 && !placed; attempt++) {
      const estW = Math.ceil(0.7 * fontSize * text.length);
      const x = int(rand, 4, Math.max(4, width - estW - 4));
      const y = int(rand, fontSize + 4, height - Math.ceil(fontSize * 0.3) - 4);
      const r = await renderText(text, font, fontSize, x, y, width, height);
      if (!r.box) continue;
      const b = r.box;
      if (b.x < 2 || b.y < 2 || b.x + b.width > width - 2 || b.y + b.height > height - 2) continue;
      const margin = Math.ceil(fontSize * 0.6) + 6;
      if (texts.some((t) => overlaps(t.box, b, margin))) continue;
      placed = r;
    }
    if (!placed) continue;
    const box = placed.box;
    const polarity = rand() < 0.5 ? 'light' : 'dark';
    const level = polarity === 'light' ? int(rand, 215, 255) : int(rand, 0, 40);
    const colour =
      channels === 3 && polarity === 'light'
        ? pick(rand, [
            [255, 255, 255],
            [255, 235, 80],
            [120, 255, 140],
          ])
        : [level, level, level];
    // Not enough contrast with what is behind: draw a label panel of the opposite shade first.
    if (lowContrastFraction(data, width, channels, placed.alpha, box, level, 90) > 0.02) {
      const p = Math.ceil(fontSize * 0.2) + 1;
      const panelLevel = polarity === 'light' ? int(rand, 0, 40) : int(rand, 200, 240);
      for (let y = Math.max(0, box.y - p); y < Math.min(height, box.y + box.height + p); y++) {
        for (let x = Math.max(0, box.x - p); x < Math.min(width, box.x + box.width + p); x++) {
          data.fill(panelLevel, (y * width + x) * channels, (y * width + x + 1) * channels);
        }
      }
    }
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x; x < box.x + box.width; x++) {
        const a = placed.alpha[y * width + x] / 255;
        if (a === 0) continue;
        const o = (y * width + x) * channels;
        for (let k = 0; k < channels; k++) data[o + k] = Math.round(data[o + k] * (1 - a) + colour[k] * a);
      }
    }
    texts.push({ text, box, fontSize, font: `${font.family} ${font.weight} ${font.style}`, polarity });
  }
  if (bits === 8 || channels === 3) {
    return { kind, seed, width, height, channels, bitsStored: 8, data, texts };
  }
  // High-bit grey: the 8-bit frame scaled to the full range, with random low bits.
  const max = 2 ** bits - 1;
  const wide = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++)
    wide[i] = Math.min(max, Math.round((data[i] * max) / 255 + rand() * 8));
  return { kind, seed, width, height, channels: 1, bitsStored: bits, data: wide, texts };
}

/** PNG bytes of a generated frame (16-bit grey PNG for frames above 8 bits). */
export async function framePng(frame) {
  const { width, height, channels } = frame;
  if (frame.bitsStored > 8) {
    // PNG stores 16-bit samples; keep the values as they are (bitsStored is in the JSON).
    return sharp(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), {
      raw: { width, height, channels, depth: 'ushort' },
    })
      .toColourspace('grey16')
      .png()
      .toBuffer();
  }
  return sharp(Buffer.from(frame.data), { raw: { width, height, channels } }).png().toBuffer();
}

/** The ground-truth JSON of a frame (everything but the pixels). */
export function frameTruth(frame) {
  const { kind, seed, width, height, channels, bitsStored, texts } = frame;
  return { kind, seed, width, height, channels, bitsStored, texts };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      kinds: { type: 'string', default: KINDS.join(',') },
      size: { type: 'string', default: '512' },
      bits: { type: 'string', default: '8' },
      blank: { type: 'boolean', default: false },
    },
  });
  if (!values.out) {
    console.error(
      'usage: generate.mjs --out DIR [--count N] [--seed S] [--kinds ct,us,xa,rgb] [--size 512] [--bits 8|12|16] [--blank]',
    );
    process.exit(2);
  }
  mkdirSync(values.out, { recursive: true });
  const size = Number(values.size);
  for (const kind of values.kinds.split(',')) {
    for (let n = 0; n < Number(values.count); n++) {
      const frame = await generateFrame({
        kind,
        seed: Number(values.seed) + n,
        width: size,
        height: size,
        bits: Number(values.bits),
        ...(values.blank ? { strings: 0 } : {}),
      });
      const base = path.join(values.out, `${kind}-${n}`);
      writeFileSync(`${base}.png`, await framePng(frame));
      writeFileSync(`${base}.json`, JSON.stringify(frameTruth(frame), null, 2) + '\n');
    }
  }
  console.log(`wrote ${values.kinds.split(',').length * Number(values.count)} frames to ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
