/**
 * The Type of an attribute in the IOD of the object being de-identified, so that the combined action
 * codes of PS3.15 Table E.1-1 (E.1.1) can be settled per object: Type 1 -> D (or U), Type 2 -> Z,
 * Type 3 or not in the IOD -> X, within the choices each code allows.
 */
import {
  DEPENDENT_ATTRIBUTES,
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
  /**
   * True when the object lists the instances it references in a Common Instance Reference Module
   * (top-level Referenced Series Sequence or Studies Containing Other Referenced Instances Sequence).
   */
  readonly commonInstanceReference?: boolean | undefined;
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
  /**
   * `iod`: the IOD table; `item`: a sequence macro; `default`: the conservative default for unknown SOP
   * classes; `nested`: no table; `references`: required by the Common Instance Reference Module.
   */
  readonly source: 'iod' | 'item' | 'default' | 'nested' | 'references';
}

/** Reference sequences the Common Instance Reference Module summarises (the X/Z/U* rows). */
const INSTANCE_REFERENCES: ReadonlySet<number> = new Set([
  0x00081140, // Referenced Image Sequence
  0x00082112, // Source Image Sequence
]);

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
  if (context.commonInstanceReference && INSTANCE_REFERENCES.has(tag)) {
    // Common Instance Reference Module C.12.2: its Referenced Series Sequence is Type 1C, present only
    // when the object references other instances. Removing these references while it lists them would
    // break the IOD, so they are required here (kept, UIDs remapped), whatever their own Type.
    return { type: '1', stated: '1C', source: 'references' };
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

/**
 * Removes the attributes whose condition no longer holds after de-identification (see
 * `DEPENDENT_ATTRIBUTES`): e.g. the Ethics Committee Name once its Approval Number is gone. Top level.
 */
export function dropUnsatisfiedConditionals(
  dataset: Record<string, unknown>,
  onRemove?: (tag: number) => void,
): void {
  for (const { tag, requires } of DEPENDENT_ATTRIBUTES) {
    if (dataset[tag] !== undefined && dataset[requires] === undefined) {
      delete dataset[tag];
      onRemove?.(Number.parseInt(tag, 16) >>> 0);
    }
  }
}
