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
