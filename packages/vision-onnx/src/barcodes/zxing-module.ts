/**
 * Loading zxing-wasm's reader offline: its default fetches the WASM binary from a CDN, so the module is
 * prepared once per process with the binary read from `zxing-wasm/reader/zxing_reader.wasm` in
 * node_modules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type ReaderApi = typeof import('zxing-wasm/reader');

let ready: Promise<ReaderApi> | undefined;

/** Path of zxing-wasm's reader WASM in node_modules. */
export function zxingReaderWasmPath(): string {
  return require.resolve('zxing-wasm/reader/zxing_reader.wasm');
}

/** The zxing-wasm reader API with its WASM instantiated from the local file (never fetched). */
export function loadZxingReader(): Promise<ReaderApi> {
  ready ??= (async () => {
    const api = await import('zxing-wasm/reader');
    const bytes = readFileSync(zxingReaderWasmPath());
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await api.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return api;
  })();
  return ready;
}
