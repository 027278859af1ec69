/** Test helpers: contexts with the core's real pseudonymizer, policy resolver and text engine. */
import {
  createDeidContext,
  createMemoryInputItem,
  resolvePolicyDocument,
  type DeidContext,
  type InspectContext,
  type ResolvedPolicy,
  type TextPolicyDocument,
} from '@medimagecleaner/core';
import { createHandler } from '../src/index.js';

export const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

export const handler = createHandler();

/** A policy extending `profile`, with an optional `text` section. */
export function policy(profile = 'research', text?: TextPolicyDocument): ResolvedPolicy {
  return resolvePolicyDocument({ name: 'test', extends: profile, ...(text ? { text } : {}) });
}

/** A de-identification context as the pipeline builds it. */
export function context(p: ResolvedPolicy = policy()): DeidContext {
  return createDeidContext({ policy: p, key: KEY });
}

/** The inspect context matching a de-identification. */
export function inspectContext(ctx: DeidContext, knownIdentifiers: readonly string[]): InspectContext {
  return { policy: ctx.policy, text: ctx.text, knownIdentifiers, signal: ctx.signal };
}

/** Runs deidentify on bytes (or a string, written as UTF-8). */
export async function deid(input: Uint8Array | string, ctx: DeidContext = context(), id = 'item-1') {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return handler.deidentify(createMemoryInputItem(id, bytes), ctx);
}

/** The output as text. */
export function outputText(outcome: { output: { data: Uint8Array } }): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(outcome.output.data);
}

/** `text` as Latin-1 bytes (every character must be below U+0100). */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error('not Latin-1');
    return code;
  });
}
