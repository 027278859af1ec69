/** Contact rules: phone and fax numbers, e-mail addresses, URLs, IPv4 and IPv6 addresses. */
import type { PhiSpan } from '../types.js';
import { digitCount, rx, runPatternRules } from './pattern-rules.js';
import type { PatternRule } from './pattern-rules.js';

/** True for a syntactically valid IPv6 address (without an embedded IPv4 part). */
export function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9A-Fa-f]{1,4}$/;
  const groups = (part: string | undefined): string[] | undefined => {
    if (part === undefined || part === '') return [];
    const g = part.split(':');
    return g.every((x) => hex.test(x)) ? g : undefined;
  };
  if (halves.length === 2) {
    const left = groups(halves[0]);
    const right = groups(halves[1]);
    if (!left || !right) return false;
    const n = left.length + right.length;
    return n >= 1 && n <= 7;
  }
  const all = groups(value);
  return all !== undefined && all.length === 8;
}

const TRAILING_PUNCTUATION = /[.,;:!?'")\]}>]+$/;

const RULES: readonly PatternRule[] = [
  {
    id: 'phone/label',
    type: 'phone',
    re: rx(
      '(?<!\\p{L})(tel(?:ephone|efax)?|phone|ph|cell(?:ular)?|mobile|mob|pager|beeper|fax|facsimile|' +
        'telefon|t[eé]l[eé]phone|t[eé]l)(?:\\s?(?:no\\.?|nr\\.?|number|#))?(?!\\p{L})\\.?\\s{0,3}[:#=]?\\s{0,3}' +
        '(\\+?[\\d(][ \\d().\\/-]{5,22}\\d)(?!\\p{N})',
      true,
    ),
    confidence: 0.95,
    group: 2,
    check: (m) => {
      const digits = digitCount(m[2] ?? '');
      if (digits < 7 || digits > 15) return false;
      return /fax|facsimile/i.test(m[1] ?? '') ? { type: 'fax' } : true;
    },
  },
  {
    // North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567 x12.
    id: 'phone/nanp',
    type: 'phone',
    re: rx(
      '(?<![\\p{N}\\p{L}+]|\\p{N}[-.])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}' +
        '(?: ?(?:x|ext\\.?|extension) ?\\d{1,5})?(?!\\p{N}|[-.]\\p{N})',
      true,
    ),
    confidence: 0.8,
  },
  {
    // International numbers starting with +: +44 20 7946 0958, +49 (0)89 123456.
    id: 'phone/international',
    type: 'phone',
    re: rx('(?<![\\p{N}\\p{L}+])\\+[ \\d().-]{7,24}\\d(?!\\p{N})'),
    confidence: 0.85,
    check: (m) => {
      const digits = digitCount(m[0]);
      return digits >= 8 && digits <= 15 && !/[ ().-]{3}/.test(m[0]);
    },
  },
  {
    // Ten digits in 3-3-4 or 3-7 groups with loose separators: 305- 661- 2047, 718 5550147,
    // 919/207/3361, 617204-5531.
    id: 'phone/loose',
    type: 'phone',
    re: rx(
      '(?<![\\p{N}\\p{L}.,/]|\\p{N}[.,/])\\(?\\d{3}\\)?(?:\\s?[-./]\\s?|\\s{1,2})?\\d{3}(?:\\s?[-./]\\s?|\\s)?\\d{4}' +
        '(?:\\s?(?:x|ext\\.?|extension)\\s?\\d{1,5})?(?![\\p{N}]|[.,/]\\p{N})',
      true,
    ),
    confidence: 0.75,
    check: (m) => digitCount(m[0]) >= 10 && digitCount(m[0]) <= 15 && !/\d\.\d/.test(m[0]),
  },
  {
    // Seven-digit local numbers: 375-3895 (not a range like 100-1200: three then four digits).
    id: 'phone/local',
    type: 'phone',
    re: rx('(?<![\\p{N}\\p{L}./-]|\\p{N}[./])\\d{3}-\\d{4}(?![\\p{N}]|[-./]\\p{N})'),
    confidence: 0.7,
    check: (m, text) => {
      const before = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
      // `from 100-1200 cc`: quantities and clock ranges are not numbers to call.
      if (/^\s*(?:cc|ml|mg|mcg|units?|hrs?|cal|kcal|%|ms|mmhg|x\b)/.test(after)) return false;
      if (/(?:between|from|range|ranging|of|bp|hr|rr)\s*$/.test(before)) return false;
      // `call DR X 925-3776 with wet read`: a call word earlier on the line makes it a number to call.
      if (
        /(?:call|calls|called|calling|page|paged|phone|ph|tel|telephone|contact|reach|reached|cell|mobile|joignable|erreichbar|tel[ée]fono|t[ée]l[ée]phone|telefone|telefono)(?![\p{L}])[^\n]{0,30}$/u.test(
          before,
        )
      )
        return true;
      // `500-1000`, `930-1130`: a range (the second number a little larger than the first).
      const [a, b] = m[0].split('-').map(Number) as [number, number];
      if (b > a && b <= a * 5) return false;
      return true;
    },
  },
  {
    // Pager and beeper numbers: Pager #40712, PG 38821, beeper 4471.
    id: 'phone/pager',
    type: 'phone',
    re: rx(
      '(?<!\\p{L})(?:pager|pgr|pg|beeper|bpr|page)(?!\\p{L})\\.?\\s{0,3}(?:no\\.?|number|#)?\\s{0,3}[:#=]?\\s{0,3}#?\\s{0,2}(\\d{4,7})(?!\\p{N})',
      true,
    ),
    confidence: 0.9,
    group: 1,
  },
  {
    // Extensions on their own: ext 4471, extension 12, x4471 after a phone word.
    id: 'phone/extension',
    type: 'phone',
    re: rx(
      '(?<!\\p{L})(?:ext|extn|extension|poste|durchwahl)(?!\\p{L})\\.?\\s{0,3}[:#=]?\\s{0,3}#?[xX]?(\\d{2,6})(?!\\p{N})',
      true,
    ),
    confidence: 0.9,
    group: 1,
  },
  {
    // x12 right after a phone number: 617 204 5531 x12.
    id: 'phone/x-extension',
    type: 'phone',
    re: rx('(?<=\\d{4}\\s{0,2})[xX]\\.?\\s?(\\d{1,6})(?!\\p{N})'),
    confidence: 0.85,
  },
  {
    id: 'email/pattern',
    type: 'email',
    re: rx(
      '(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}(?![\\p{L}\\p{N}-])',
    ),
    confidence: 0.95,
  },
  {
    id: 'url/pattern',
    type: 'url',
    re: rx('(?<![\\p{L}\\p{N}])(?:(?:https?|ftps?|sftp|file|dicomweb):\\/\\/|www\\.)[^\\s<>"`]+', true),
    confidence: 0.9,
    check: (m) => {
      const trimmed = m[0].replace(TRAILING_PUNCTUATION, '');
      return trimmed.length > 4 ? { end: m.index + trimmed.length } : false;
    },
  },
  {
    id: 'ip/v4',
    type: 'ip',
    re: rx(
      '(?<![\\p{N}.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?!\\.?\\p{N})',
    ),
    confidence: 0.85,
  },
  {
    id: 'ip/v6',
    type: 'ip',
    re: rx('(?<![\\p{L}\\p{N}:.])(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\p{L}\\p{N}:])'),
    confidence: 0.85,
    check: (m) => isIpv6(m[0]),
  },
];

/** Finds phone and fax numbers, e-mail addresses, URLs and IP addresses in `text`. */
export function findContacts(text: string, out: PhiSpan[] = []): PhiSpan[] {
  runPatternRules(RULES, text, out);
  return out;
}
