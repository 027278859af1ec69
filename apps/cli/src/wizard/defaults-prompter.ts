import { ConfigurationError, ErrorCodes } from '@medimagecleaner/core';
import { isRefusal, type Prompter } from './prompter.js';

/**
 * The prompter of `wizard --yes`: takes every default without reading input, printing each question
 * with the answer taken. A default that is not acceptable (an existing policy file, say) is a usage
 * error, since no one is there to answer.
 */
export function createDefaultsPrompter(write: (text: string) => void): Prompter {
  return {
    async ask<T>(question: string, defaultAnswer: string, parse: (answer: string) => T | { error: string }) {
      write(`${question} [${defaultAnswer}]: ${defaultAnswer}  (--yes)\n`);
      const parsed = parse(defaultAnswer);
      if (isRefusal(parsed)) throw new ConfigurationError(ErrorCodes.USAGE, `--yes: ${parsed.error}`);
      return parsed;
    },
    close() {},
  };
}
