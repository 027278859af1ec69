/**
 * The Type of an attribute in the IOD of the object being de-identified, so that the combined action
 * codes of PS3.15 Table E.1-1 (E.1.1) can be settled per object: Type 1 -> D (or U), Type 2 -> Z,
 * Type 3 or not in the IOD -> X, within the choices each code allows.
 */
import {
  IOD_OF_SOP_CLASS,
  ITEM_TYPES,
  MODULES,
  UNKNOWN_ENHANCED_TYPES,
  UNKNOWN_SOP_CLASS_TYPES,
  type IodDefinition,
  type IodType,
} from './iod-types-data.js';
import { tagKey } from './tags.js';

export type { IodType } from './iod-types-data.js';

/** Where an attribute sits: the object's SOP class and, below the top level, the sequence that holds it. */
export interface IodContext {
  /** SOP Class UID of the object (top-level (0008,0016)). */
  readonly sopClassUid: string;
  /** Tag of the sequence whose item holds the attribute; absent at the top level. */
  readonly parent?: number | undefined;
  /** True when the object has functional groups (Shared Functional Groups Sequence): an enhanced multi-frame object. */
  readonly functionalGroups?: boolean | undefined;
}

/** How an attribute's Type is known. */
export interface ResolvedType {
  /**
   * `1`, `2` or `3` after conditions are settled (1C -> 1, 2C -> 2: the attribute is present, so its
   * condition is taken as met, which keeps the object valid), or `unknown` below the top level when
   * no macro of {@link ITEM_TYPES} covers the sequence.
   */
  readonly type: '1' | '2' | '3' | 'unknown';
  /** The Type as PS3.3 states it, or `none` (not in the IOD). */
  readonly stated: IodType | 'none' | 'unknown';
  /** `iod`: the IOD table; `item`: a sequence macro; `default`: the conservative default for unknown SOP classes; `nested`: no table. */
  readonly source: 'iod' | 'item' | 'default' | 'nested';
}

const RANK: Readonly<Record<IodType, number>> = { '1': 5, '1C': 4, '2': 3, '2C': 2, '3': 1 };

/** The IOD of a SOP class, or undefined when it is not in the table. */
export function iodOf(sopClassUid: string): IodDefinition | undefined {
  return IOD_OF_SOP_CLASS[sopClassUid];
}

/**
 * The Type PS3.3 gives `tag` in the IOD of `sopClassUid`: the strongest Type among the IOD's modules
 * that hold it (an attribute in two modules must satisfy both). `none` when no module of the IOD holds
 * it; undefined when the SOP class is not in the table.
 */
export function statedType(sopClassUid: string, tag: number): IodType | 'none' | undefined {
  const iod = IOD_OF_SOP_CLASS[sopClassUid];
  if (!iod) return undefined;
  const key = tagKey(tag);
  let best: IodType | undefined;
  for (const name of iod.modules) {
    const t = (MODULES[name].types as Readonly<Record<string, IodType>>)[key];
    if (t && (!best || RANK[t] > RANK[best])) best = t;
  }
  return best ?? 'none';
}

function settle(t: IodType): '1' | '2' | '3' {
  return t === '1' || t === '1C' ? '1' : t === '2' || t === '2C' ? '2' : '3';
}

/** The Type of `tag` where it sits (see {@link ResolvedType}). */
export function attributeType(tag: number, context: IodContext): ResolvedType {
  const key = tagKey(tag);
  if (context.parent !== undefined) {
    const item = ITEM_TYPES[tagKey(context.parent)]?.types[key];
    if (item) return { type: settle(item), stated: item, source: 'item' };
    return { type: 'unknown', stated: 'unknown', source: 'nested' };
  }
  const stated = statedType(context.sopClassUid, tag);
  if (stated === 'none') return { type: '3', stated, source: 'iod' };
  if (stated) return { type: settle(stated), stated, source: 'iod' };
  const fallback =
    (context.functionalGroups ? UNKNOWN_ENHANCED_TYPES[key] : undefined) ??
    UNKNOWN_SOP_CLASS_TYPES[key] ??
    '3';
  return { type: settle(fallback), stated: fallback, source: 'default' };
}
