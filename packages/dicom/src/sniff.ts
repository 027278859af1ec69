/**
 * Recognising DICOM from the first bytes: `DICM` at offset 128, or a dataset starting without a
 * preamble (file meta information or a group 0008 element at offset 0), or the name `DICOMDIR`.
 */
import { guessEncoding, hasDicmPrefix } from './part10.js';

/** True when `head` (the first bytes of a file) looks like DICOM, or `name` is `DICOMDIR`. */
export function sniffDicom(head: Uint8Array, name?: string): boolean {
  if (hasDicmPrefix(head)) return true;
  if (name !== undefined && /(^|[\\/])DICOMDIR$/i.test(name)) return true;
  if (head.length < 8) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const groupLE = view.getUint16(0, true);
  const groupBE = view.getUint16(0, false);
  const encoding = guessEncoding(head, 0);
  if (!encoding) return false;
  const group = encoding.littleEndian ? groupLE : groupBE;
  // File meta information (explicit VR LE) or an identifying group 0008 element first.
  if (group === 0x0002) return encoding.explicitVR && encoding.littleEndian;
  return group === 0x0008;
}
