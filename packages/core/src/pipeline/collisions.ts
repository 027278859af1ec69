/**
 * Two inputs whose outputs take one path (in DICOM: the same SOP Instance UID, re-encoded or re-sent).
 * Decides, from the names already taken, whether an output is written, is a duplicate of one already
 * written, or collides with one; and names the suffixed output when the handler allows it. Pure: the
 * pipeline does the writing and the reporting.
 */
import type { OutputCollisionMode } from '../types.js';

/** An output path already taken in this run (or a resumed one): by which item, with which bytes. */
export interface TakenOutput {
  readonly id: string;
  readonly sha256: string;
}

/** What becomes of a released item's output. */
export type OutputPlacement =
  /** Write it at `path` (its own path, or the suffixed one when `suffixedAfter` is set). */
  | { readonly kind: 'write'; readonly path: string; readonly suffixedAfter?: string }
  /** The same bytes are already at `path`, written for item `of`: write nothing. */
  | { readonly kind: 'duplicate'; readonly path: string; readonly of: string }
  /** Item `with` holds the path with other bytes and the handler asks for quarantine. */
  | { readonly kind: 'collision'; readonly with: string };

/** Hex digits of the output's SHA-256 in a suffixed name. */
const SUFFIX_DIGITS = 12;

/**
 * The path of an output released beside another that took its name: the same path with `~` and the
 * first digits of the output's own SHA-256 before the extension (`A/B/C/D.dcm` -> `A/B/C/D~1f2e3d4c5b6a.dcm`).
 * Deterministic: the same de-identified bytes always get the same name, whatever the order of the run.
 */
export function suffixedOutputPath(relativePath: string, sha256: string): string {
  const slash = relativePath.lastIndexOf('/');
  const dot = relativePath.lastIndexOf('.');
  const suffix = `~${sha256.slice(0, SUFFIX_DIGITS)}`;
  return dot > slash + 1
    ? `${relativePath.slice(0, dot)}${suffix}${relativePath.slice(dot)}`
    : `${relativePath}${suffix}`;
}

/**
 * Places the output of item `id` (bytes `sha256`) meant for `relativePath`, given the outputs taken so
 * far. Identical bytes are a duplicate whatever the mode (the content is already released once);
 * different bytes collide, and are placed at {@link suffixedOutputPath} when `mode` is `suffix`.
 */
export function placeOutput(
  taken: ReadonlyMap<string, TakenOutput>,
  id: string,
  relativePath: string,
  sha256: string,
  mode: OutputCollisionMode = 'quarantine',
): OutputPlacement {
  const existing = taken.get(relativePath);
  if (!existing || existing.id === id) return { kind: 'write', path: relativePath };
  if (existing.sha256 === sha256) return { kind: 'duplicate', path: relativePath, of: existing.id };
  if (mode !== 'suffix') return { kind: 'collision', with: existing.id };
  const path = suffixedOutputPath(relativePath, sha256);
  const other = taken.get(path);
  if (!other || other.id === id) return { kind: 'write', path, suffixedAfter: existing.id };
  // Same suffix, so (but for a 48-bit hash prefix collision) the same bytes: released once already.
  if (other.sha256 === sha256) return { kind: 'duplicate', path, of: other.id };
  return { kind: 'collision', with: other.id };
}
