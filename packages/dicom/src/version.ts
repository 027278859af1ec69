/** The version of `@medimagecleaner/dicom` (written into DeidentificationMethod; kept equal to package.json by a test). */
export const DICOM_PACKAGE_VERSION = '0.1.0';
