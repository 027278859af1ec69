/**
 * What the profile does with an attribute PS3.15 Table E.1-1 does not list, shared by the engine
 * (which applies it) and the user rules (which warn when a rule keeps what the profile would not).
 */
import type { ProfileOption } from '@medimagecleaner/core';
import type { ActionCode } from './profile.js';
import { NON_INSTANCE_UID_TAGS, elementOf, groupOf } from './tags.js';

/**
 * The action for an attribute Table E.1-1 does not list: every date is a date (emptied, or kept or
 * shifted under the date options), every UID a UID to remap (but the class and well-known UIDs), every
 * person name a name to replace, a value without a VR removed; anything else kept.
 */
export function defaultCode(
  tag: number,
  vr: string,
  options: Readonly<Record<ProfileOption, boolean>>,
): ActionCode {
  switch (vr) {
    case 'DA':
    case 'DT':
      // Every date is a date, listed or not.
      if (options.retainLongitudinalFullDates) return 'K';
      if (options.retainLongitudinalModifiedDates) return 'C';
      return 'Z';
    case 'UI':
      if (NON_INSTANCE_UID_TAGS.has(tag) || options.retainUIDs) return 'K';
      return 'U';
    case 'PN':
      // A person name identifies a person wherever it is.
      return 'D';
    case 'UN':
      // No VR to interpret the value by: it cannot be checked, so it goes.
      return 'X';
    default:
      return 'K';
  }
}

/**
 * True for the attributes of a code sequence item, (0008,0100) to (0008,0124): code value, scheme,
 * meaning... They are kept as codes where other free text of structured content is cleaned.
 */
export function isCodeAttribute(tag: number): boolean {
  return groupOf(tag) === 0x0008 && elementOf(tag) >= 0x0100 && elementOf(tag) <= 0x0124;
}
