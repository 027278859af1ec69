import { describe, expect, it } from '@jest/globals';
import { ALL_HANDLER_MODULES, createAllHandlers } from './index.js';

describe('medimagecleaner meta-package', () => {
  it('registers one handler per listed module, each with a distinct format', () => {
    const handlers = createAllHandlers();
    expect(handlers).toHaveLength(ALL_HANDLER_MODULES.length);
    expect(new Set(handlers.map((h) => h.format)).size).toBe(handlers.length);
    expect(handlers.map((h) => h.format)).toEqual(['dicom', 'text']);
  });

  it('recognises a DICOM file by its preamble magic', () => {
    const head = new Uint8Array(132);
    head.set([0x44, 0x49, 0x43, 0x4d], 128);
    const dicom = createAllHandlers().find((h) => h.sniff(head));
    expect(dicom?.format).toBe('dicom');
    const text = createAllHandlers().find((h) => h.sniff(new TextEncoder().encode('hello world')));
    expect(text?.format).toBe('text');
    expect(createAllHandlers().some((h) => h.sniff(new Uint8Array([0x00, 0x01, 0xff, 0x10])))).toBe(false);
  });
});
