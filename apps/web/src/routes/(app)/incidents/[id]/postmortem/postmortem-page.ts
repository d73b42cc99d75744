/** Types and pure helpers of the postmortem page: its versions and pinned entries. */
import type { JSONContent } from '@tiptap/core';
import { MAX_TITLE_LENGTH, checkText } from '@keel/domain';
import type { PostmortemPageQuery, PostmortemVersionQuery } from '$lib/graphql/generated/graphql';
import { formatExact } from '$lib/time';

type LoadedIncident = NonNullable<PostmortemPageQuery['incident']>;

/** A version as the list shows it. */
export type VersionSummary = LoadedIncident['postmortemVersions']['nodes'][number];

/** A pinned timeline entry, as offered for insertion. */
export type PinnedEntry = LoadedIncident['timeline']['nodes'][number];

/** A version opened for reading, with its blocks. */
export type VersionView = Extract<
  NonNullable<PostmortemVersionQuery['node']>,
  { content: unknown }
>;

/** The node as a version, or null when the id named something else. */
export function versionOf(node: PostmortemVersionQuery['node']): VersionView | null {
  const candidate = node as Partial<VersionView> | null;
  return Array.isArray(candidate?.content) ? (candidate as VersionView) : null;
}

/** One block of a version opened for reading. */
export type VersionBlock = VersionView['content'][number];

/** Control characters, line breaks included: the API refuses them in a name. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * The problem with a version name as a sentence, or null when the API would accept it: some
 * text, at most {@link MAX_TITLE_LENGTH} characters once trimmed, on one line.
 */
export function versionNameProblem(name: string): string | null {
  const trimmed = name.trim();
  const problem = checkText(trimmed, { field: 'Name', max: MAX_TITLE_LENGTH, required: true });
  if (problem) return problem;
  return CONTROL_CHARACTERS.test(trimmed) ? 'Name must be one line of text.' : null;
}

/**
 * The chosen entries as one bullet list for the editor, in the order given: each item starts
 * with when it happened, in bold, then the entry's text, its lines kept as line breaks. The time
 * carries its zone, since everyone in the document reads the same words.
 * @param timeZone defaults to the runtime's own, which in a browser is the viewer's
 */
export function pinnedEntriesList(entries: readonly PinnedEntry[], timeZone?: string): JSONContent {
  return {
    type: 'bulletList',
    content: entries.map((entry) => ({
      type: 'listItem',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: formatExact(entry.occurredAt, timeZone),
              marks: [{ type: 'bold' }],
            },
            ...lines(` — ${entry.body.trim()}`),
          ],
        },
      ],
    })),
  };
}

/** Text with its line breaks as hard breaks; ProseMirror allows no empty text nodes. */
function lines(text: string): JSONContent[] {
  return text
    .split(/\r?\n/)
    .flatMap((line, index): JSONContent[] => [
      ...(index > 0 ? [{ type: 'hardBreak' }] : []),
      ...(line === '' ? [] : [{ type: 'text', text: line }]),
    ]);
}

/** The page address that opens a version for reading, or closes it (null). */
export function versionHref(url: URL, versionId: string | null): string {
  const next = new URL(url);
  if (versionId) next.searchParams.set('version', versionId);
  else next.searchParams.delete('version');
  return `${next.pathname}${next.search}`;
}
