import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendBlock,
  appendParagraphs,
  appendRichTextCopy,
  plainTextOf,
  readRichTextBlocks,
  type RichTextBlock,
} from './rich-text.js';

/** Builds an element with children, the way y-prosemirror lays out a ProseMirror node. */
function element(
  parent: Y.XmlFragment | Y.XmlElement,
  nodeName: string,
  attributes: Record<string, unknown> = {},
): Y.XmlElement {
  const node = new Y.XmlElement(nodeName);
  parent.insert(parent.length, [node]);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  return node;
}

function text(parent: Y.XmlElement, content: string, marks?: Record<string, unknown>): Y.XmlText {
  const node = new Y.XmlText();
  parent.insert(parent.length, [node]);
  node.insert(0, content, marks);
  return node;
}

function listItem(list: Y.XmlElement, content: string): Y.XmlElement {
  const item = element(list, 'listItem');
  text(element(item, 'paragraph'), content);
  return item;
}

function block(kind: RichTextBlock['kind'], value: string, extra: Partial<RichTextBlock> = {}) {
  return { kind, text: value, depth: 0, level: null, marker: null, ...extra };
}

describe('appendRichTextCopy', () => {
  it('copies headings with numeric levels, marks, links and code ending in a newline', () => {
    const source = new Y.Doc();
    const from = source.getXmlFragment('body');
    text(element(from, 'heading', { level: 3 }), 'Impact');
    const paragraph = element(from, 'paragraph');
    const run = text(paragraph, 'See ');
    run.insert(4, 'the runbook', { link: { href: 'https://example.test/runbook' } });
    run.insert(15, ' now', { bold: true });
    text(element(from, 'codeBlock', { language: 'sql' }), 'select 1;\n');

    const target = new Y.Doc();
    const to = target.getXmlFragment('body');
    target.transact(() => appendRichTextCopy(from, to));

    expect(to.toJSON()).toBe(from.toJSON());
    const heading = to.get(0) as Y.XmlElement;
    expect(heading.getAttribute('level')).toBe(3);
    const copied = (to.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    expect(copied.toDelta()).toEqual(run.toDelta());
    expect(plainTextOf(to.get(2) as Y.XmlElement)).toBe('select 1;\n');
  });

  it('makes new items, so the copy survives edits to the source and merges elsewhere', () => {
    const source = new Y.Doc();
    const from = source.getXmlFragment('body');
    appendParagraphs(from, 'First\nSecond');

    const target = new Y.Doc();
    appendRichTextCopy(from, target.getXmlFragment('body'));
    from.delete(0, 1);

    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(target));
    expect(plainTextOf(elsewhere.getXmlFragment('body'))).toBe('First\nSecond');
  });
});

describe('readRichTextBlocks', () => {
  it('reads headings, paragraphs, code and rules in order', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    appendBlock(body, 'heading', 'Summary', { level: 2 });
    appendBlock(body, 'paragraph', 'Orders stopped syncing.');
    appendBlock(body, 'codeBlock', 'retry()\nretry()');
    appendBlock(body, 'horizontalRule', '');

    expect(readRichTextBlocks(body)).toEqual([
      block('HEADING', 'Summary', { level: 2 }),
      block('PARAGRAPH', 'Orders stopped syncing.'),
      block('CODE', 'retry()\nretry()'),
      block('RULE', ''),
    ]);
  });

  it('flattens nested lists and quotes into depths, numbering from the list start', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    const bullets = element(body, 'bulletList');
    const first = listItem(bullets, 'Paused the Zap');
    const steps = element(first, 'orderedList', { start: 4 });
    listItem(steps, 'Exported the queue');
    listItem(steps, 'Replayed it');
    listItem(bullets, 'Told support');
    const quote = element(body, 'blockquote');
    text(element(quote, 'paragraph'), 'It looked fine from here.');

    expect(readRichTextBlocks(body)).toEqual([
      block('LIST_ITEM', 'Paused the Zap', { marker: '•' }),
      block('LIST_ITEM', 'Exported the queue', { marker: '4.', depth: 1 }),
      block('LIST_ITEM', 'Replayed it', { marker: '5.', depth: 1 }),
      block('LIST_ITEM', 'Told support', { marker: '•' }),
      block('QUOTE', 'It looked fine from here.', { depth: 1 }),
    ]);
  });

  it('reads crafted content without passing anything through', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    appendBlock(body, 'heading', '<script>alert(1)</script>', { level: '<b>9</b>' as never });
    appendBlock(body, 'marquee', 'Unknown node');
    const list = element(body, 'orderedList', { start: 'many' });
    listItem(list, 'Still numbered');

    expect(readRichTextBlocks(body)).toEqual([
      block('HEADING', '<script>alert(1)</script>', { level: 1 }),
      block('PARAGRAPH', 'Unknown node'),
      block('LIST_ITEM', 'Still numbered', { marker: '1.' }),
    ]);
  });
});
