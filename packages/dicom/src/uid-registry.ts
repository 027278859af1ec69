/**
 * Which UIDs the standard defines (and so stay as they are), and which attributes name a SOP class. A
 * UID the registry does not list identifies an instance, a device or an organisation's object, so
 * wherever UIDs are remapped it goes through the one keyed mapping, even in a class-UID attribute.
 */
import { REGISTERED_UIDS } from './generated/uid-registry.js';
import { IOD_OF_SOP_CLASS } from './iod-types-data.js';

/** PS3.6 Annex A, plus the SOP classes of PS3.3 the IOD table knows (in case the registry copy is older). */
const REGISTERED: ReadonlySet<string> = new Set([...REGISTERED_UIDS, ...Object.keys(IOD_OF_SOP_CLASS)]);

/**
 * True when `uid` (trimmed of padding) is a UID the standard registers: a SOP class, a meta SOP class,
 * a transfer syntax, a well-known instance or frame of reference, a coding scheme... Such a UID identifies
 * no one and is never remapped. Any other UID, under the DICOM root `1.2.840.10008` or not, is.
 */
export function isRegisteredUid(uid: string): boolean {
  return REGISTERED.has(uid.replace(/[\0 ]+$/, '').trim());
}

/**
 * UI attributes whose values name a SOP class (of the object, of a referenced object, of the objects
 * of a study). They are kept while they hold a registered UID; a value the registry does not list (an
 * instance UID written where a class belongs, a vendor's private class) is remapped like an instance UID.
 */
export const CLASS_UID_TAGS: ReadonlySet<number> = new Set([
  0x00000002, // AffectedSOPClassUID
  0x00000003, // RequestedSOPClassUID
  0x00020002, // MediaStorageSOPClassUID
  0x00041510, // ReferencedSOPClassUIDInFile
  0x0004151a, // ReferencedRelatedGeneralSOPClassUIDInFile
  0x00080016, // SOPClassUID
  0x0008001a, // RelatedGeneralSOPClassUID
  0x0008001b, // OriginalSpecializedSOPClassUID
  0x00080062, // SOPClassesInStudy
  0x00081150, // ReferencedSOPClassUID
  0x0008115a, // SOPClassesSupported
  0x30100052, // PertinentSOPClassesInStudy
  0x30100053, // PertinentSOPClassesInSeries
]);

/**
 * `uid` as it leaves the object: kept when registered (or empty), else `remap(uid)`. The one rule
 * for every UID that is remapped, so one input UID gets one output UID wherever it occurs.
 */
export function remapUnregisteredUid(uid: string, remap: (uid: string) => string): string {
  const trimmed = uid.replace(/[\0 ]+$/, '').trim();
  return !trimmed || REGISTERED.has(trimmed) ? trimmed : remap(trimmed);
}
