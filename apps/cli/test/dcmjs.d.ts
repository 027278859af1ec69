// Minimal typing of the parts of dcmjs the CLI tests use to read outputs back.
declare module 'dcmjs' {
  const dcmjs: {
    log: { setLevel(level: string): void };
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, unknown> } };
      DicomMetaDictionary: { naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown> };
    };
  };
  export default dcmjs;
}
