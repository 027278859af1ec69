import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError, ErrorCodes, type ErrorCode } from '../errors.js';

/** The first line of a journal: what the run was started with. */
export interface JournalHeader {
  journal: 1;
  policyHash: string;
  keyFingerprint: string;
}

/** One finished item. Free of PHI: ids are keyed hashes, names are pseudonymous. */
export interface JournalEntry {
  id: string;
  status: 'released' | 'quarantined' | 'duplicate' | 'dropped';
  output?: string;
  sha256?: string;
  code?: ErrorCode;
}

/** A journal read back for `--resume`. */
export interface JournalState {
  header: JournalHeader;
  entries: Map<string, JournalEntry>;
  /** Bytes up to the end of the last complete line (a resumed run truncates to this). */
  validBytes: number;
}

/**
 * Reads a journal. A last line cut short by a crash is ignored (its item is simply done again); any
 * other unreadable line is an error, so a damaged journal never silently loses work.
 */
export async function readJournal(path: string): Promise<JournalState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError(ErrorCodes.JOURNAL_INVALID, 'cannot read the journal', {
      file: path,
      cause: error,
    });
  }
  const lines = text.split('\n');
  const complete = lines.slice(0, -1); // the text after the last newline is empty or a partial line
  const validBytes = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
  const entries = new Map<string, JournalEntry>();
  let header: JournalHeader | undefined;
  complete.forEach((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new ConfigurationError(ErrorCodes.JOURNAL_INVALID, `journal line ${index + 1} is damaged`, {
        file: path,
        cause: error,
      });
    }
    if (index === 0) header = parsed as JournalHeader;
    else {
      const entry = parsed as JournalEntry;
      entries.set(entry.id, entry);
    }
  });
  if (!header || header.journal !== 1) {
    throw new ConfigurationError(ErrorCodes.JOURNAL_INVALID, 'the journal has no valid header', {
      file: path,
    });
  }
  return { header, entries, validBytes };
}

/**
 * Appends one line per finished item. Each line is one write, so a killed process leaves whole lines
 * (and at most one partial last line, which {@link readJournal} drops). With `fsync`, each line is also
 * flushed to disk; without it, a resume re-checks every journaled output's hash instead.
 */
export class JournalWriter {
  private constructor(
    private readonly handle: FileHandle,
    private readonly fsync: boolean,
  ) {}

  /** Opens (creating, with a header, when new) the journal at `path`. */
  static async open(
    path: string,
    header: JournalHeader,
    resumeFrom?: JournalState,
    fsync = false,
  ): Promise<JournalWriter> {
    await mkdir(dirname(path), { recursive: true });
    const fresh = resumeFrom === undefined;
    if (!fresh) await truncate(path, resumeFrom.validBytes);
    const handle = await open(path, fresh ? 'w' : 'a', 0o644);
    const writer = new JournalWriter(handle, fsync);
    if (fresh) await writer.writeLine(header);
    return writer;
  }

  /** Records one finished item. */
  async append(entry: JournalEntry): Promise<void> {
    await this.writeLine(entry);
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private async writeLine(value: unknown): Promise<void> {
    await this.handle.write(`${JSON.stringify(value)}\n`);
    if (this.fsync) await this.handle.datasync();
  }
}
