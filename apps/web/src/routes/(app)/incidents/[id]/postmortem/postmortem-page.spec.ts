import { describe, expect, it } from 'vitest';
import { MAX_TITLE_LENGTH } from '@keel/domain';
import { pinnedEntriesList, versionHref, versionNameProblem } from './postmortem-page';

const entry = (id: string, occurredAt: string, body: string) =>
  ({ id, kind: 'ACTION', occurredAt, body }) as const;

describe('pinnedEntriesList', () => {
  it('makes one bullet per entry, the time in bold before the text', () => {
    const list = pinnedEntriesList(
      [
        entry('a', '2026-03-01T09:30:00Z', 'Paused the Zap'),
        entry('b', '2026-03-01T10:05:00Z', 'Replayed 40 orders'),
      ],
      'UTC',
    );

    expect(list.type).toBe('bulletList');
    expect(list.content).toHaveLength(2);
    expect(list.content?.[0]).toEqual({
      type: 'listItem',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '1 Mar 2026, 09:30 UTC', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' — Paused the Zap' },
          ],
        },
      ],
    });
  });

  it('keeps the lines of an entry as line breaks, with no empty text', () => {
    const list = pinnedEntriesList([entry('a', '2026-03-01T09:30:00Z', 'One\n\nTwo\n')], 'UTC');
    const inline = list.content?.[0]?.content?.[0]?.content ?? [];

    expect(inline.map((node) => node.type)).toEqual([
      'text',
      'text',
      'hardBreak',
      'hardBreak',
      'text',
    ]);
    expect(inline.every((node) => node.type !== 'text' || node.text !== '')).toBe(true);
  });

  it('keeps markup in an entry as text', () => {
    const list = pinnedEntriesList([entry('a', '2026-03-01T09:30:00Z', '<b>x</b>')], 'UTC');

    expect(list.content?.[0]?.content?.[0]?.content?.[1]).toEqual({
      type: 'text',
      text: ' — <b>x</b>',
    });
  });
});

describe('versionNameProblem', () => {
  it('accepts a name up to the title limit, once trimmed', () => {
    expect(versionNameProblem('  Submitted for review ')).toBeNull();
    expect(versionNameProblem(`  ${'n'.repeat(MAX_TITLE_LENGTH)}  `)).toBeNull();
  });

  it('refuses blank, over-long and multi-line names', () => {
    expect(versionNameProblem('   ')).toBe('Name is required.');
    expect(versionNameProblem('n'.repeat(MAX_TITLE_LENGTH + 1))).toMatch(/at most 200/);
    expect(versionNameProblem('Line\nbreak')).toBe('Name must be one line of text.');
  });
});

describe('versionHref', () => {
  it('opens and closes a version, keeping the rest of the address', () => {
    const url = new URL('https://keel.test/incidents/abc/postmortem?tab=x');

    expect(versionHref(url, 'v1')).toBe('/incidents/abc/postmortem?tab=x&version=v1');
    expect(versionHref(new URL(`${url.href}&version=v1`), null)).toBe(
      '/incidents/abc/postmortem?tab=x',
    );
  });
});
