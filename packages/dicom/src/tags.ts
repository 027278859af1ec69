/**
 * Tag arithmetic and the few fixed tag sets the engine and the verifier share. Pure functions, no
 * dictionary: a tag is a 32-bit unsigned number `group << 16 | element`, or its `GGGGEEEE` key.
 */

/** `GGGGEEEE` (upper-case hex) of a tag number, the key dcmjs uses in its tag-keyed dictionaries. */
export function tagKey(tag: number): string {
  return (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The tag number of a `GGGGEEEE` key (any case). Returns NaN when the key is malformed. */
export function parseTagKey(key: string): number {
  if (!/^[0-9A-Fa-f]{8}$/.test(key)) return Number.NaN;
  return Number.parseInt(key, 16) >>> 0;
}

/** `(GGGG,EEEE)` of a tag number, the notation used in findings and action selectors. */
export function formatTag(tag: number): string {
  const key = tagKey(tag);
  return `(${key.slice(0, 4)},${key.slice(4)})`;
}

/** The group number of a tag. */
export function groupOf(tag: number): number {
  return (tag >>> 16) & 0xffff;
}

/** The element number of a tag. */
export function elementOf(tag: number): number {
  return tag & 0xffff;
}

/** True for tags of an odd group (private attributes, private creators, and the illegal groups 1, 3, 5, 7). */
export function isPrivateTag(tag: number): boolean {
  return (groupOf(tag) & 1) === 1;
}

/** True for a private creator element `(gggg,0010)`-`(gggg,00FF)` of an odd group. */
export function isPrivateCreatorTag(tag: number): boolean {
  const element = elementOf(tag);
  return isPrivateTag(tag) && element >= 0x0010 && element <= 0x00ff;
}

/** True for a group length element `(gggg,0000)`. */
export function isGroupLengthTag(tag: number): boolean {
  return elementOf(tag) === 0x0000;
}

/** The Pixel Data element. */
export const PIXEL_DATA = 0x7fe00010;
/** Float Pixel Data. */
export const FLOAT_PIXEL_DATA = 0x7fe00008;
/** Double Float Pixel Data. */
export const DOUBLE_FLOAT_PIXEL_DATA = 0x7fe00009;
/** Item tag. */
export const ITEM = 0xfffee000;
/** Item delimitation tag. */
export const ITEM_DELIMITATION = 0xfffee00d;
/** Sequence delimitation tag. */
export const SEQUENCE_DELIMITATION = 0xfffee0dd;

/**
 * Attributes removed whatever the options, in addition to Table E.1-1: they carry signatures, MACs or
 * encrypted / original copies of attribute values, which the de-identified object cannot keep.
 */
export const ALWAYS_REMOVED_TAGS: ReadonlySet<number> = new Set([
  0xfffcfffc, // Data Set Trailing Padding
  0xfffafffa, // Digital Signatures Sequence
  0x4ffe0001, // MAC Parameters Sequence
  0x04000500, // Encrypted Attributes Sequence
  0x04000550, // Modified Attributes Sequence
  0x04000561, // Original Attributes Sequence
]);

/** The DICOM root: UIDs under it are defined by the standard (SOP classes, transfer syntaxes, ...). */
export const STANDARD_UID_ROOT = '1.2.840.10008.';

/**
 * UI-valued attributes that name a class, a syntax, a coding scheme or a template rather than an
 * instance. Outside Table E.1-1 they are never remapped: they identify no one, and remapping them would
 * make the object unreadable. (Rows of the table take precedence.)
 */
export const NON_INSTANCE_UID_TAGS: ReadonlySet<number> = new Set([
  0x00000002, // AffectedSOPClassUID
  0x00000003, // RequestedSOPClassUID
  0x00020002, // MediaStorageSOPClassUID
  0x00020010, // TransferSyntaxUID
  0x00020012, // ImplementationClassUID
  0x00041510, // ReferencedSOPClassUIDInFile
  0x00041512, // ReferencedTransferSyntaxUIDInFile
  0x0004151a, // ReferencedRelatedGeneralSOPClassUIDInFile
  0x00080016, // SOPClassUID
  0x0008001a, // RelatedGeneralSOPClassUID
  0x0008001b, // OriginalSpecializedSOPClassUID
  0x00080062, // SOPClassesInStudy
  0x0008010c, // CodingSchemeUID
  0x0008010d, // ContextGroupExtensionCreatorUID
  0x00080117, // ContextUID
  0x00080118, // MappingResourceUID
  0x0008040e, // StoredInstanceTransferSyntaxUID
  0x00081150, // ReferencedSOPClassUID
  0x0008115a, // SOPClassesSupported
  0x00083002, // AvailableTransferSyntaxUID
  0x00089123, // CreatorVersionUID
  0x0018100b, // ManufacturerDeviceClassUID
  0x00340003, // FlowTransferSyntaxUID
  0x04000010, // MACCalculationTransferSyntaxUID
  0x04000510, // EncryptedContentTransferSyntaxUID
  0x3010001f, // SegmentationTemplateUID
  0x30100052, // PertinentSOPClassesInStudy
  0x30100053, // PertinentSOPClassesInSeries
]);
