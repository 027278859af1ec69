/** The version of `@medimagecleaner/core` (kept equal to package.json by a test). */
export const CORE_VERSION = '0.1.0';
