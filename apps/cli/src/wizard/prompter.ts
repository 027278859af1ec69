import { createInterface, type Interface } from 'node:readline/promises';

/** Why a wizard stopped before its end: Ctrl-C (`interrupt`) or end of input (`eof`). */
export type WizardAbortKind = 'interrupt' | 'eof';

/** Thrown by a {@link Prompter} when the user pressed Ctrl-C or the input ended. */
export class WizardAbort extends Error {
  /** What ended the wizard. */
  readonly kind: WizardAbortKind;

  constructor(kind: WizardAbortKind) {
    super(kind === 'interrupt' ? 'interrupted' : 'input ended');
    this.name = 'WizardAbort';
    this.kind = kind;
  }
}

/** A parser of one answer: the value, or `{ error }` to ask again with that hint. */
export type AnswerParser<T> = (answer: string) => T | { error: string };

/** Asks questions one at a time on a terminal (or any line input). */
export interface Prompter {
  /**
   * Shows `question` with its default in brackets and waits for a line; an empty line takes the
   * default. Asks again (with the parser's hint) until `parse` accepts the answer.
   */
  ask<T>(question: string, defaultAnswer: string, parse: AnswerParser<T>): Promise<T>;
  /** Releases the input (the process may then exit). */
  close(): void;
}

/** Where a prompter reads answers and writes questions. */
export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** True when `value` is a parser's refusal. */
export function isRefusal(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value && Object.keys(value).length === 1;
}

/**
 * A prompter on `node:readline/promises`. Ctrl-C rejects the pending question with a
 * {@link WizardAbort} of kind `interrupt`, end of input (Ctrl-D, a closed pipe) with kind `eof`.
 */
export function createPrompter(streams: PromptStreams): Prompter {
  const rl: Interface = createInterface({ input: streams.input, output: streams.output });
  const stop = new AbortController();
  rl.on('SIGINT', () => stop.abort(new WizardAbort('interrupt')));
  rl.on('close', () => {
    if (!stop.signal.aborted) stop.abort(new WizardAbort('eof'));
  });
  let closed = false;
  return {
    async ask<T>(question: string, defaultAnswer: string, parse: AnswerParser<T>): Promise<T> {
      for (;;) {
        if (stop.signal.aborted) throw abortReason(stop.signal);
        let line: string;
        try {
          line = await rl.question(`${question} [${defaultAnswer}]: `, { signal: stop.signal });
        } catch (error) {
          if (stop.signal.aborted) throw abortReason(stop.signal);
          throw error;
        }
        const parsed = parse(line.trim() === '' ? defaultAnswer : line.trim());
        if (!isRefusal(parsed)) return parsed;
        streams.output.write(`  ${parsed.error}\n`);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      rl.close();
    },
  };
}

function abortReason(signal: AbortSignal): WizardAbort {
  return signal.reason instanceof WizardAbort ? signal.reason : new WizardAbort('interrupt');
}
