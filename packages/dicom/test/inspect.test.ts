import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DcmjsDataset } from 'dcmjs';
import { INSPECT_RULES, createIdentifierMatcher, inspectDicom } from '../src/index.js';
import { baseDataset, context, inspectContext, policy, writeDicom } from './helpers.js';

const IDS = ['DOE^JANE^Q', 'DOE', 'JANE', 'MRN0012345', '19800102', 'Jo'];

async function inspect(dict: DcmjsDataset, ids: readonly string[] = IDS, p = policy()) {
  return inspectDicom(writeDicom(dict), inspectContext(context(p), ids));
}

/** A dataset that passes: no identifiers, no dates, no private or removed attributes. */
function clean(extra: DcmjsDataset = {}): DcmjsDataset {
  const d = baseDataset(extra);
  d['00100010'] = { vr: 'PN', Value: [{ Alphabetic: 'CEDAR^ALPHA' }] };
  d['00100020'] = { vr: 'LO', Value: ['TTMQ13V2RE5H'] };
  d['00100030'] = { vr: 'DA', Value: [] };
  d['00080020'] = { vr: 'DA', Value: ['19000101'] };
  return d;
}

describe('independent verification', () => {
  it('passes a clean output', async () => {
    expect(await inspect(clean())).toEqual([]);
  });

  it('finds an identifier in a string at any depth, naming the path but not the value', async () => {
    const findings = await inspect(
      clean({
        '00081115': {
          vr: 'SQ',
          Value: [
            { '0008114A': { vr: 'SQ', Value: [{ '00080104': { vr: 'LO', Value: ['seen by jane-doe'] } }] } },
          ],
        },
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: INSPECT_RULES.identifier,
        severity: 'error',
        location: '(0008,1115)[0](0008,114A)[0](0008,0104)',
      }),
      expect.objectContaining({ rule: INSPECT_RULES.identifierBytes, severity: 'error' }),
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/jane|doe/i);
  });

  it('ignores case and separators, but not identifiers shorter than 3 characters', async () => {
    expect(
      await inspect(clean({ '00181030': { vr: 'LO', Value: ['Protocol for M.R.N. 0012345'] } })),
    ).not.toEqual([]);
    expect(await inspect(clean({ '00181030': { vr: 'LO', Value: ['JOINT PROTOCOL'] } }))).toEqual([]); // 'Jo' is too short
    // Short names only match as words: 'Jane' is not in 'janeway' nor 'Doe' in 'doesn't'.
    expect(await inspect(clean({ '00181030': { vr: 'LO', Value: ["Janeway doesn't"] } }))).toEqual([]);
  });

  it('finds identifiers in private attributes and reports the private attribute', async () => {
    const findings = await inspect(
      clean({ '00090010': { vr: 'LO', Value: ['ACME'] }, '00091001': { vr: 'LO', Value: ['MRN0012345'] } }),
    );
    const rules = findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining([INSPECT_RULES.privateAttribute, INSPECT_RULES.identifier]));
  });

  it('finds identifiers hidden in binary values through the raw byte scan, not in pixel data', async () => {
    const hidden = new TextEncoder().encode('xxMRN0012345xx').buffer;
    const findings = await inspect(clean({ '00189999': { vr: 'OB', Value: [hidden] } }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: INSPECT_RULES.identifierBytes, location: 'file bytes' }),
    ]);
    expect(
      await inspect(
        clean({ '7FE00010': { vr: 'OB', Value: [new TextEncoder().encode('MRN0012345 DOE JANE').buffer] } }),
      ),
    ).toEqual([]);
  });

  it('reports attributes the profile removes, and dates when no date option is on', async () => {
    const findings = await inspect(
      clean({ '00081030': { vr: 'LO', Value: ['CT CHEST'] }, '00080021': { vr: 'DA', Value: ['20240101'] } }),
    );
    expect(findings.map((f) => [f.rule, f.location])).toEqual([
      [INSPECT_RULES.datePresent, '(0008,0021)'],
      [INSPECT_RULES.removedAttribute, '(0008,1030)'],
    ]);
    expect(
      await inspect(
        clean({ '00080021': { vr: 'DA', Value: ['20240101'] } }),
        IDS,
        policy({ retainLongitudinalModifiedDates: true }),
      ),
    ).toEqual([]);
  });

  it('matches UIDs component by component and dates token by token', async () => {
    const findings = await inspect(
      clean({
        '00200052': { vr: 'UI', Value: ['1.2.3.19800102.4'] },
        '00080021': { vr: 'DA', Value: ['19800102'] },
      }),
      IDS,
      policy({ retainLongitudinalFullDates: true }),
    );
    expect(findings.map((f) => f.location)).toEqual(['(0008,0021)', '(0020,0052)']);
    expect(await inspect(clean({ '00200052': { vr: 'UI', Value: ['1.2.3.198001021.4'] } }))).toEqual([]);
  });

  it('reports an unreadable output', async () => {
    const findings = await inspectDicom(
      new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      inspectContext(context(), IDS),
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: INSPECT_RULES.unreadable, severity: 'error' }),
    ]);
  });

  it('reads implicit VR and big endian files (the originals of the corpus hold their patient names)', async () => {
    for (const [file, name] of [
      ['pydicom/MR_small_implicit.dcm', 'CompressedSamples^MR1'],
      ['pydicom/MR_small_bigendian.dcm', 'CompressedSamples^MR1'],
      ['pydicom/rtplan.dcm', 'Last^First^mid^pre'],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL(`./corpus/${file}`, import.meta.url))));
      const findings = await inspectDicom(bytes, inspectContext(context(), [name]));
      expect(findings.some((f) => f.rule === INSPECT_RULES.identifier && f.location === '(0010,0010)')).toBe(
        true,
      );
    }
  });

  it('does not use dcmjs nor the engine (independent code path)', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      // Type-only imports vanish at run time and do not count.
      for (const m of code.matchAll(/^\s*import\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1]!;
        // The one exception: user rules compile keywords with dcmjs's data dictionary (a table, not its
        // parser or writer), so the verifier can honour what a rule keeps on purpose.
        if (!file.endsWith('rules/dictionary.ts'))
          expect({ file, spec }).not.toEqual({ file, spec: 'dcmjs' });
        if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(src, 'inspect.ts'));
    const names = [...seen].map((f) => f.slice(src.length));
    // It never reads through dcmjs nor writes through our serializer; it does not import the engine
    // itself (the user-rule compiler, which the engine shares, is the only path to it: both sides must
    // read the policy the same way).
    expect(names).not.toContain('dcmjs-io.ts');
    expect(names).not.toContain('assemble.ts');
    expect(names).not.toContain('handler.ts');
    const direct = [...readFileSync(join(src, 'inspect.ts'), 'utf8').matchAll(/from\s+'([^']+)'/g)].map(
      (m) => m[1],
    );
    expect(direct).not.toContain('./engine.js');
  });
});

describe('identifier matcher', () => {
  const m = createIdentifierMatcher(['DOE^JANE', 'Ann', '555-0142', '1234', 'Anonymous', 'Test']);
  it('matches names with any separators and case, short ones as whole words only', () => {
    expect(m.inText('patient: jane doe')).toBe(false); // order differs and 'DOE^JANE' is one identifier
    expect(m.inText('DOE, JANE')).toBe(true);
    expect(m.inText('Ann Smith')).toBe(true);
    expect(m.inText('annotation')).toBe(false);
  });
  it('matches digit identifiers only where no other digit touches them', () => {
    expect(m.inText('call 555 0142')).toBe(true);
    expect(m.inText('ID 1234')).toBe(true);
    expect(m.inText('ID 12345')).toBe(false);
    expect(m.inUid('1.2.1234.5')).toBe(true);
    expect(m.inUid('1.2.12345.5')).toBe(false);
  });
  it('ignores placeholders', () => {
    expect(m.inText('Anonymous Test')).toBe(false);
  });
  it('redacts every occurrence', () => {
    expect(m.redactText('Ann called 555-0142 for Ann', '[X]')).toBe('[X] called [X] for [X]');
  });
});
