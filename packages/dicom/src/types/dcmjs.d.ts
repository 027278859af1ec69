/**
 * The part of dcmjs (which ships no type declarations) this package uses. Internal: no exported type of
 * `@medimagecleaner/dicom` refers to these.
 */
declare module 'dcmjs' {
  /** One element of a dcmjs tag-keyed dictionary (not naturalized). */
  export interface DcmjsElement {
    vr: string;
    Value?: unknown[];
    _rawValue?: unknown;
    [key: string]: unknown;
  }
  /** A dataset keyed by `GGGGEEEE`. */
  export type DcmjsDataset = Record<string, DcmjsElement>;

  export interface DictionaryEntry {
    tag: string;
    vr: string;
    vm: string;
    name: string;
    version?: string;
  }

  export interface DicomDictInstance {
    meta: DcmjsDataset;
    dict: DcmjsDataset;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  export interface LogLevelLogger {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent', persist?: boolean): void;
    getLoggers?(): Record<string, LogLevelLogger>;
    getLogger?(name: string): LogLevelLogger;
  }

  const dcmjs: {
    log: LogLevelLogger;
    data: {
      DicomMessage: {
        readFile(
          buffer: ArrayBuffer,
          options?: {
            ignoreErrors?: boolean;
            untilTag?: string | null;
            includeUntilTagValue?: boolean;
            noCopy?: boolean;
            forceStoreRaw?: boolean;
          },
        ): DicomDictInstance;
      };
      DicomDict: new (meta: DcmjsDataset) => DicomDictInstance;
      DicomMetaDictionary: {
        dictionary: Record<string, DictionaryEntry | undefined>;
        nameMap: Record<string, DictionaryEntry | undefined>;
      };
    };
  };
  export default dcmjs;
}
