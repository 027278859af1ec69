/** Test helper: barcode symbols made by zxing-wasm's writer (WASM read from node_modules, no fetch). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RasterImage } from '@medimagecleaner/core';

const require = createRequire(import.meta.url);
let writer: Promise<typeof import('zxing-wasm/writer')> | undefined;

function loadWriter(): Promise<typeof import('zxing-wasm/writer')> {
  writer ??= (async () => {
    const api = await import('zxing-wasm/writer');
    const bytes = readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await api.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return api;
  })();
  return writer;
}

/** Where a symbol was drawn. */
export interface DrawnSymbol {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws the symbol of `text` in `format` into `image` (in place) at (x, y), each module `scale` pixels
 * wide and `rowScale` high (1-D codes: bar height = the writer's default x `rowScale`), black on white
 * with a quiet zone of 10 modules of white around it (what 1-D readers need).
 */
export async function drawBarcode(
  image: RasterImage,
  format: 'QRCode' | 'DataMatrix' | 'Code128' | 'EAN13' | 'Aztec',
  text: string,
  at: { x: number; y: number; scale: number; rowScale?: number },
): Promise<DrawnSymbol> {
  const api = await loadWriter();
  const result = await api.writeBarcode(text, { format });
  if (result.error) throw new Error(result.error);
  const { symbol } = result;
  const sx = at.scale;
  const sy = at.rowScale ?? at.scale;
  const quiet = 10 * sx;
  const { width: w, channels: ch, data } = image;
  for (let y = -quiet; y < symbol.height * sy + quiet; y++) {
    for (let x = -quiet; x < symbol.width * sx + quiet; x++) {
      const mx = Math.floor(x / sx);
      const my = Math.floor(y / sy);
      const inSymbol = mx >= 0 && my >= 0 && mx < symbol.width && my < symbol.height;
      // zxing's symbol matrix: 0 = dark module.
      const v = inSymbol && symbol.data[my * symbol.width + mx] === 0 ? 0 : 255;
      const o = ((at.y + y) * w + at.x + x) * ch;
      for (let c = 0; c < ch; c++) data[o + c] = v;
    }
  }
  return { x: at.x, y: at.y, width: symbol.width * sx, height: symbol.height * sy };
}
