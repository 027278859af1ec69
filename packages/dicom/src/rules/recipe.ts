/**
 * The text recipe: a readable, diffable form of `formats.dicom.rules` in the spirit of pydicom/deid,
 * with a published grammar (see the package README) and load-time errors with line numbers. Every line
 * is either understood or an error: nothing is skipped.
 *
 * ```
 * FORMAT dicom
 * %header
 * KEEP PatientSex
 * REMOVE (0009,xx10)
 * REPLACE StationName "SCANNER-1"
 * JITTER StudyDate 30
 * REGEX StudyDescription /\bDR\.? [A-Z]+/i "[DOCTOR]"
 * ```
 */
import { ErrorCodes, PolicyError } from '@medimagecleaner/core';
import { checkRule } from './compile.js';
import type { DicomRule, DicomRuleAction } from './types.js';

/** Recipe action words and the rule action each stands for (`BLANK` is deid's word for `EMPTY`). */
const ACTION_WORDS: Readonly<Record<string, DicomRuleAction>> = {
  KEEP: 'keep',
  REMOVE: 'remove',
  EMPTY: 'empty',
  BLANK: 'empty',
  REPLACE: 'replace',
  HASH: 'hash',
  UID: 'uid',
  SHIFT: 'shift',
  JITTER: 'jitter',
  CLEAN: 'clean',
  REGEX: 'regex-replace',
};

/** One problem of a recipe: where and what. */
export interface RecipeProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/** A rule read from a recipe, with the line it came from. */
export interface RecipeRule {
  readonly line: number;
  readonly rule: DicomRule;
}

class LineError extends Error {}

/** A cursor over one line. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  /** True at the end of the statement (end of line or a comment). */
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length || this.text[this.pos] === '#';
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  /** A run of non-space characters. */
  word(what: string): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && !/\s/.test(this.text[this.pos]!)) this.pos++;
    if (start === this.pos) throw new LineError(`expected ${what}`);
    return this.text.slice(start, this.pos);
  }
  /** A double-quoted string; `\"` and `\\` are escapes. */
  quoted(what: string): string {
    this.skipSpace();
    if (this.peek() !== '"') throw new LineError(`expected ${what} in double quotes`);
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === '"') return out;
      if (ch === '\\') {
        const next = this.text[this.pos++];
        if (next === '"' || next === '\\') out += next;
        else throw new LineError(`${what}: only \\" and \\\\ are escapes in a quoted string`);
      } else out += ch;
    }
    throw new LineError(`${what}: the closing double quote is missing`);
  }
  /** `/pattern/flags`; `\/` stands for `/` inside the pattern. */
  regex(): { pattern: string; flags: string } {
    this.skipSpace();
    if (this.peek() !== '/')
      throw new LineError('expected a regular expression between slashes, /pattern/flags');
    this.pos++;
    let pattern = '';
    let closed = false;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === '/') {
        closed = true;
        break;
      }
      if (ch === '\\' && this.text[this.pos] === '/') {
        pattern += '/';
        this.pos++;
      } else if (ch === '\\' && this.pos < this.text.length) {
        pattern += ch + this.text[this.pos++]!;
      } else pattern += ch;
    }
    if (!closed) throw new LineError('the regular expression has no closing slash');
    const start = this.pos;
    while (this.pos < this.text.length && /[a-z]/i.test(this.text[this.pos]!)) this.pos++;
    return { pattern, flags: this.text.slice(start, this.pos) };
  }
}

/** A selector: keyword, tag or tag pattern, `(gggg,"CREATOR",ee)`, or `VR:XX`. */
function readSelector(cursor: Cursor): Partial<DicomRule> {
  cursor.skipSpace();
  const rest = cursor.text.slice(cursor.pos);
  const priv = /^\(\s*([0-9A-Fa-f]{4}|[xX]{4})\s*,\s*"/.exec(rest);
  if (priv) {
    cursor.pos += priv[0].length - 1;
    const creator = cursor.quoted('the private creator');
    const tail = /^\s*,\s*(?:0[xX])?([0-9A-Fa-f]{1,2})\s*\)/.exec(cursor.text.slice(cursor.pos));
    if (!tail)
      throw new LineError('a private selector is (gggg,"CREATOR",ee): the element offset ee is hex 00-FF');
    cursor.pos += tail[0].length;
    const group = /^[xX]{4}$/.test(priv[1]!) ? undefined : priv[1]!.toUpperCase();
    return {
      privateCreator: creator,
      element: `0x${tail[1]!.toUpperCase().padStart(2, '0')}`,
      ...(group ? { group } : {}),
    };
  }
  const token = cursor.word('a selector (keyword, tag, (gggg,"CREATOR",ee) or VR:XX)');
  const vr = /^VR:(.*)$/i.exec(token);
  if (vr) return { vr: vr[1]! };
  if (token.startsWith('(') || /^[0-9A-Fa-fxX]{8}$/.test(token)) return { tag: token };
  return { keyword: token };
}

/** A REPLACE value: a quoted string, or a number. */
function readValue(cursor: Cursor): string | number {
  cursor.skipSpace();
  if (cursor.peek() === '"') return cursor.quoted('the value');
  const token = cursor.word('a value ("text" in double quotes, or a number)');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(token)) {
    throw new LineError('a value is "text" in double quotes, or a number');
  }
  return Number(token);
}

function parseRuleLine(cursor: Cursor, actionWord: string): DicomRule {
  const action = ACTION_WORDS[actionWord.toUpperCase()];
  if (!action) {
    throw new LineError(`unknown action '${actionWord}' (one of ${Object.keys(ACTION_WORDS).join(', ')})`);
  }
  const selector = readSelector(cursor);
  let inSequence: string | undefined;
  const save = cursor.pos;
  if (!cursor.atEnd()) {
    const word = cursor.word('');
    if (word.toUpperCase() === 'IN') inSequence = cursor.word('a sequence keyword or tag after IN');
    else cursor.pos = save;
  }
  const rule: Record<string, unknown> = { ...selector, ...(inSequence ? { inSequence } : {}), action };
  switch (action) {
    case 'replace':
      rule['value'] = readValue(cursor);
      break;
    case 'jitter': {
      const days = cursor.word('the number of days');
      if (!/^\d+$/.test(days)) throw new LineError('JITTER takes a whole number of days (1-36500)');
      rule['days'] = Number(days);
      break;
    }
    case 'regex-replace': {
      const { pattern, flags } = cursor.regex();
      rule['pattern'] = pattern;
      if (flags) rule['flags'] = flags;
      rule['replacement'] = cursor.quoted('the replacement');
      break;
    }
    default:
      break;
  }
  if (!cursor.atEnd()) throw new LineError(`unexpected '${cursor.word('')}' after the rule`);
  return rule as unknown as DicomRule;
}

/**
 * Reads a recipe and returns its rules with their line numbers, or every problem found (never a
 * partial result). Does not throw.
 */
export function readDicomRecipe(text: string): { rules: RecipeRule[]; problems: RecipeProblem[] } {
  const rules: RecipeRule[] = [];
  const problems: RecipeProblem[] = [];
  let format = false;
  let header = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cursor = new Cursor(raw);
    try {
      if (cursor.atEnd()) return;
      const first = cursor.word('a statement');
      if (first.toUpperCase() === 'FORMAT') {
        const name = cursor.word('a format name after FORMAT');
        if (name.toLowerCase() !== 'dicom')
          throw new LineError(`this recipe reader reads FORMAT dicom, not '${name}'`);
        if (format) throw new LineError('FORMAT is given twice');
        if (rules.length > 0 || header) throw new LineError('FORMAT dicom must come before any section');
        format = true;
      } else if (first.startsWith('%')) {
        if (first.toLowerCase() !== '%header') {
          throw new LineError(
            `unsupported section '${first}' (only %header: filters, labels and pixel sections are not read)`,
          );
        }
        if (!format) throw new LineError('a recipe starts with FORMAT dicom');
        if (header) throw new LineError('%header is given twice');
        header = true;
      } else {
        if (!format) throw new LineError('a recipe starts with FORMAT dicom');
        if (!header) throw new LineError('rules go in the %header section: add %header before them');
        const rule = parseRuleLine(cursor, first);
        const checked = checkRule(rule, rules.length);
        if (checked.problems) {
          for (const message of checked.problems) problems.push({ line, message });
          return;
        }
        rules.push({ line, rule });
        return;
      }
      if (!cursor.atEnd()) throw new LineError(`unexpected '${cursor.word('')}'`);
    } catch (error) {
      if (error instanceof LineError) problems.push({ line, message: error.message });
      else throw error;
    }
  });
  if (!format && problems.length === 0 && rules.length === 0) {
    problems.push({ line: 1, message: 'a recipe starts with FORMAT dicom' });
  }
  return { rules: problems.length > 0 ? [] : rules, problems };
}

/**
 * Parses a recipe into the rules `formats.dicom.rules` holds (the same validation as the JSON form).
 * Throws `PolicyError` (`E_POLICY_INVALID`) listing every problem as `line N: ...`.
 */
export function parseDicomRecipe(text: string, source = '<recipe>'): DicomRule[] {
  const { rules, problems } = readDicomRecipe(text);
  if (problems.length > 0) {
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      `recipe: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
      { file: source },
    );
  }
  return rules.map((r) => r.rule);
}

/** A pattern with its unescaped slashes written `\/` (escapes already there kept as they are). */
function slashEscaped(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      out += ch + pattern[++i]!;
    } else out += ch === '/' ? '\\/' : ch;
  }
  return out;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Writes rules as a recipe (the inverse of {@link parseDicomRecipe}). */
export function formatDicomRecipe(rules: readonly DicomRule[]): string {
  const words = Object.fromEntries(
    Object.entries(ACTION_WORDS)
      .filter(([word]) => word !== 'BLANK')
      .map(([word, action]) => [action, word]),
  ) as Record<DicomRuleAction, string>;
  const lines = ['FORMAT dicom', '%header'];
  for (const rule of rules) {
    let selector: string;
    if (rule.keyword !== undefined) selector = rule.keyword;
    else if (rule.tag !== undefined) selector = rule.tag;
    else if (rule.vr !== undefined) selector = `VR:${rule.vr}`;
    else {
      const element = (rule.element ?? '')
        .replace(/^0[xX]/, '')
        .toUpperCase()
        .padStart(2, '0');
      selector = `(${rule.group?.replace(/^0[xX]/, '').toUpperCase() ?? 'xxxx'},${quote(rule.privateCreator ?? '')},${element})`;
    }
    const parts = [words[rule.action], selector];
    if (rule.inSequence) parts.push('IN', rule.inSequence);
    if (rule.action === 'replace')
      parts.push(typeof rule.value === 'number' ? String(rule.value) : quote(rule.value ?? ''));
    if (rule.action === 'jitter') parts.push(String(rule.days));
    if (rule.action === 'regex-replace') {
      parts.push(`/${slashEscaped(rule.pattern ?? '')}/${rule.flags ?? ''}`, quote(rule.replacement ?? ''));
    }
    lines.push(parts.join(' '));
  }
  return `${lines.join('\n')}\n`;
}
