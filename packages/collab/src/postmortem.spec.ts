import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  POSTMORTEM_SECTIONS,
  addPostmortemAuthor,
  addPostmortemReviewer,
  ensurePostmortemTemplate,
  postmortemBody,
  postmortemPlainText,
  postmortemTemplateUpdate,
  readPostmortemFields,
  readPostmortemSections,
  removePostmortemAuthor,
  replacePostmortemBody,
  setPostmortemStatus,
} from './postmortem.js';
import { appendParagraphs } from './rich-text.js';
import { CollabShapeError, type AuthorRef } from './values.js';

const ada: AuthorRef = { kind: 'USER', id: '0190f0c4-0000-7000-8000-000000000001', name: 'Ada' };
const grace: AuthorRef = {
  kind: 'USER',
  id: '0190f0c4-0000-7000-8000-000000000003',
  name: 'Grace',
};

function merged(...docs: Y.Doc[]): Y.Doc {
  const result = new Y.Doc();
  for (const doc of docs) Y.applyUpdate(result, Y.encodeStateAsUpdate(doc));
  return result;
}

describe('the postmortem template', () => {
  it('has a heading and an empty paragraph for every no-blame section', () => {
    const doc = new Y.Doc();
    ensurePostmortemTemplate(doc);

    expect(readPostmortemSections(doc)).toEqual(
      POSTMORTEM_SECTIONS.map((section) => ({ title: section.title, text: '' })),
    );
    expect(postmortemBody(doc).toString()).toMatch(
      /^<heading level="2">Summary<\/heading><paragraph><\/paragraph><heading level="2">Impact/,
    );
    expect(readPostmortemFields(doc)).toEqual({ status: 'DRAFT', authors: [], reviewers: [] });
  });

  it('is the same bytes every time', () => {
    expect(postmortemTemplateUpdate()).toEqual(postmortemTemplateUpdate());
  });

  it('appears once however many replicas apply it, concurrently or again', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    ensurePostmortemTemplate(a);
    ensurePostmortemTemplate(b);
    ensurePostmortemTemplate(b);

    expect(readPostmortemSections(merged(a, b))).toHaveLength(POSTMORTEM_SECTIONS.length);
  });

  it('keeps what people wrote when it is applied again', () => {
    const doc = new Y.Doc();
    ensurePostmortemTemplate(doc);
    const body = postmortemBody(doc);
    const summaryParagraph = body.get(1) as Y.XmlElement;
    const text = new Y.XmlText();
    summaryParagraph.insert(0, [text]);
    text.insert(0, 'Payments stopped for 40 minutes.');

    ensurePostmortemTemplate(doc);

    expect(readPostmortemSections(doc)[0]).toEqual({
      title: 'Summary',
      text: 'Payments stopped for 40 minutes.',
    });
  });
});

describe('postmortem fields', () => {
  it('lists a person once when two replicas add them at the same moment', () => {
    const a = new Y.Doc();
    ensurePostmortemTemplate(a);
    const b = merged(a);

    addPostmortemAuthor(a, ada);
    addPostmortemAuthor(b, ada);
    addPostmortemAuthor(b, grace);
    addPostmortemReviewer(a, grace);

    expect(readPostmortemFields(merged(a, b))).toEqual({
      status: 'DRAFT',
      authors: [ada, grace],
      reviewers: [grace],
    });
  });

  it('creates the people maps through the template, never on their own', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addPostmortemAuthor(a, ada);
    addPostmortemAuthor(b, grace);

    expect(readPostmortemFields(merged(a, b)).authors).toEqual([ada, grace]);
  });

  it('removes people and changes status', () => {
    const doc = new Y.Doc();
    addPostmortemAuthor(doc, ada);
    removePostmortemAuthor(doc, ada);
    setPostmortemStatus(doc, 'IN_REVIEW');

    expect(readPostmortemFields(doc)).toMatchObject({ status: 'IN_REVIEW', authors: [] });
  });

  it('refuses an unknown status', () => {
    expect(() => setPostmortemStatus(new Y.Doc(), 'SHREDDED' as never)).toThrow(CollabShapeError);
  });

  it('reads malformed fields as their defaults', () => {
    const doc = new Y.Doc();
    const fields = doc.getMap<unknown>('fields');
    fields.set('status', 'NOPE');
    fields.set('authors', 'Ada');

    expect(readPostmortemFields(doc)).toEqual({ status: 'DRAFT', authors: [], reviewers: [] });
  });
});

describe('readPostmortemSections', () => {
  it('puts text written before any heading under an empty title', () => {
    const doc = new Y.Doc();
    appendParagraphs(postmortemBody(doc), 'preface');

    expect(readPostmortemSections(doc)).toEqual([{ title: '', text: 'preface' }]);
  });
});

describe('replacePostmortemBody', () => {
  function bodyText(doc: Y.Doc): string {
    return postmortemBody(doc).toJSON();
  }

  it('makes every replica read the source body, as an ordinary edit', () => {
    const live = new Y.Doc();
    ensurePostmortemTemplate(live);
    appendParagraphs(postmortemBody(live), 'Zapier paused 40 runs.');
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));

    appendParagraphs(postmortemBody(live), 'Later edit that the restore replaces.');
    const replica = merged(live);
    const edits: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => edits.push(update));
    replacePostmortemBody(live, version);
    for (const update of edits) Y.applyUpdate(replica, update);

    expect(edits).toHaveLength(1);
    expect(bodyText(live)).toBe(bodyText(version));
    expect(bodyText(replica)).toBe(bodyText(version));
  });

  it('keeps the review fields and a concurrent edit from elsewhere', () => {
    const live = new Y.Doc();
    ensurePostmortemTemplate(live);
    const version = merged(live);
    setPostmortemStatus(live, 'IN_REVIEW');
    addPostmortemReviewer(live, grace);

    const other = merged(live);
    appendParagraphs(postmortemBody(other), 'Typed while someone restored.');
    replacePostmortemBody(live, version);
    const converged = merged(live, other);

    expect(readPostmortemFields(converged).status).toBe('IN_REVIEW');
    expect(readPostmortemFields(converged).reviewers).toEqual([grace]);
    expect(postmortemPlainText(converged)).toContain('Typed while someone restored.');
  });
});
