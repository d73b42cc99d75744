import * as Y from 'yjs';

/**
 * Rich text lives in `Y.XmlFragment`s laid out the way y-prosemirror (and so Tiptap's
 * Collaboration extension) writes them: one `Y.XmlElement` per block node, named after the
 * ProseMirror node type (`paragraph`, `heading`, `bulletList`, …) with the node's attributes, and
 * `Y.XmlText` for the text inside. Content written here therefore opens in Tiptap unchanged, and
 * Tiptap's edits read back here as plain text.
 */

/** Node names this package writes; they are StarterKit's. */
export const RICH_TEXT_NODES = { paragraph: 'paragraph', heading: 'heading' } as const;

/** Appends one paragraph per line of `text` to a fragment (which must be in a document). */
export function appendParagraphs(fragment: Y.XmlFragment, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    appendBlock(fragment, RICH_TEXT_NODES.paragraph, line);
  }
}

/** Appends a block element holding `text`, such as a heading with `{ level: 2 }`. */
export function appendBlock(
  fragment: Y.XmlFragment,
  nodeName: string,
  text: string,
  attributes: Record<string, string | number> = {},
): Y.XmlElement {
  const element = new Y.XmlElement(nodeName);
  fragment.insert(fragment.length, [element]);

  // Attributes and text go in after the element is part of the document, so they are written as
  // ordinary operations rather than as preliminary content.
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value as unknown as string);
  }
  if (text.length > 0) {
    const content = new Y.XmlText();
    element.insert(0, [content]);
    content.insert(0, text);
  }
  return element;
}

/** Replaces a fragment's content with one paragraph per line of `text`. */
export function replaceWithParagraphs(fragment: Y.XmlFragment, text: string): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  appendParagraphs(fragment, text);
}

/**
 * The text of a fragment, one line per block element; formatting and embeds are dropped. Used to
 * project what people wrote into searchable rows and to test content.
 */
export function plainTextOf(node: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  let inline = '';

  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      inline += textOf(child);
    } else if (child instanceof Y.XmlElement) {
      if (inline) lines.push(inline);
      inline = '';
      lines.push(plainTextOf(child));
    }
  }
  if (inline) lines.push(inline);
  return lines.join('\n');
}

function textOf(text: Y.XmlText): string {
  let result = '';
  for (const op of text.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') result += op.insert;
  }
  return result;
}

/**
 * Appends a deep copy of `source`'s children to `target`, which must be in a document: elements
 * with all their attributes (a heading's numeric `level` included), text with its formatting
 * marks. The copy is made of new items, so `source` may belong to another document, such as an
 * old version of the same one. Copying element by element, rather than with Yjs's own `clone()`,
 * keeps attributes that are not strings, which `clone()` drops.
 */
export function appendRichTextCopy(
  source: Y.XmlFragment | Y.XmlElement,
  target: Y.XmlFragment | Y.XmlElement,
): void {
  for (const child of source.toArray()) {
    if (child instanceof Y.XmlElement) {
      const element = new Y.XmlElement(child.nodeName);
      target.insert(target.length, [element]);
      for (const [key, value] of Object.entries(child.getAttributes())) {
        element.setAttribute(key, value as string);
      }
      appendRichTextCopy(child, element);
    } else if (child instanceof Y.XmlText) {
      const text = new Y.XmlText();
      target.insert(target.length, [text]);
      copyTextInto(child, text);
    }
  }
}

/** Copies the runs of a text one by one, so no trailing newline is trimmed on the way. */
function copyTextInto(source: Y.XmlText, target: Y.XmlText): void {
  const runs = source.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  for (const run of runs) {
    if (typeof run.insert === 'string') {
      target.insert(target.length, run.insert, run.attributes ?? {});
    } else if (run.insert !== undefined) {
      target.insertEmbed(target.length, run.insert as object, run.attributes ?? {});
    }
  }
}

/** Kinds of {@link RichTextBlock}. */
export const RICH_TEXT_BLOCK_KINDS = [
  'HEADING',
  'PARAGRAPH',
  'LIST_ITEM',
  'QUOTE',
  'CODE',
  'RULE',
] as const;

/** One of {@link RICH_TEXT_BLOCK_KINDS}. */
export type RichTextBlockKind = (typeof RICH_TEXT_BLOCK_KINDS)[number];

/**
 * One block of rich text as plain data, for showing a document read-only without an editor.
 * Text is plain: formatting marks and links are dropped, and nothing in it is markup.
 */
export interface RichTextBlock {
  kind: RichTextBlockKind;
  /** The block's text; several lines for code and for paragraphs with line breaks. */
  text: string;
  /** How deep in lists and quotes the block sits; 0 at the top. */
  depth: number;
  /** A heading's level, 1 to 6; null for other blocks. */
  level: number | null;
  /** A list item's bullet, `•`, or number, such as `3.`; null for other blocks. */
  marker: string | null;
}

/** Node names of StarterKit's blocks that {@link readRichTextBlocks} lays out. */
const BLOCK_NODES = {
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  blockquote: 'blockquote',
  codeBlock: 'codeBlock',
  horizontalRule: 'horizontalRule',
} as const;

/** Every block node name the reader knows, to tell a wrapper element from a leaf. */
const KNOWN_BLOCKS: ReadonlySet<string> = new Set([
  ...Object.values(RICH_TEXT_NODES),
  ...Object.values(BLOCK_NODES),
]);

/**
 * The blocks of a fragment in reading order, with lists and quotes flattened into depths. Any
 * element it does not know reads as a paragraph of its text, so content from a newer editor
 * still shows. Reads untrusted content: attributes are checked, never passed through.
 */
export function readRichTextBlocks(fragment: Y.XmlFragment): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  for (const node of fragment.toArray()) readBlockInto(blocks, node, 0, false);
  return blocks;
}

function readBlockInto(
  blocks: RichTextBlock[],
  node: Y.XmlElement | Y.XmlText | Y.XmlHook,
  depth: number,
  quoted: boolean,
): void {
  const add = (kind: RichTextBlockKind, text: string, level: number | null = null) =>
    blocks.push({ kind, text, depth, level, marker: null });
  const prose: RichTextBlockKind = quoted ? 'QUOTE' : 'PARAGRAPH';

  if (node instanceof Y.XmlText) {
    const text = textOf(node);
    if (text) add(prose, text);
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;

  switch (node.nodeName) {
    case RICH_TEXT_NODES.heading:
      add('HEADING', plainTextOf(node), headingLevel(node.getAttribute('level')));
      return;
    case BLOCK_NODES.codeBlock:
      add('CODE', plainTextOf(node));
      return;
    case BLOCK_NODES.horizontalRule:
      add('RULE', '');
      return;
    case BLOCK_NODES.blockquote:
      for (const child of node.toArray()) readBlockInto(blocks, child, depth + 1, true);
      return;
    case BLOCK_NODES.bulletList:
    case BLOCK_NODES.orderedList:
      readListInto(blocks, node, depth, quoted);
      return;
  }

  const wraps = node
    .toArray()
    .some((child) => child instanceof Y.XmlElement && KNOWN_BLOCKS.has(child.nodeName));
  if (node.nodeName !== RICH_TEXT_NODES.paragraph && wraps) {
    for (const child of node.toArray()) readBlockInto(blocks, child, depth, quoted);
  } else {
    add(prose, plainTextOf(node));
  }
}

/** A list's items: the first paragraph of each is the item; the rest sits one level deeper. */
function readListInto(
  blocks: RichTextBlock[],
  list: Y.XmlElement,
  depth: number,
  quoted: boolean,
): void {
  const ordered = list.nodeName === BLOCK_NODES.orderedList;
  const start = Number(list.getAttribute('start') ?? 1);
  let number = Number.isSafeInteger(start) ? start : 1;

  for (const item of list.toArray()) {
    if (!(item instanceof Y.XmlElement)) continue;

    const [first, ...rest] = item.toArray();
    const leads = first instanceof Y.XmlElement && first.nodeName === RICH_TEXT_NODES.paragraph;
    blocks.push({
      kind: 'LIST_ITEM',
      text: leads ? plainTextOf(first) : '',
      depth,
      level: null,
      marker: ordered ? `${number}.` : '•',
    });
    number += 1;

    for (const child of leads ? rest : item.toArray()) {
      readBlockInto(blocks, child, depth + 1, quoted);
    }
  }
}

/** A heading level from untrusted content: 1 to 6, and 1 for anything else. */
function headingLevel(value: unknown): number {
  const level = Number(value);
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
}
