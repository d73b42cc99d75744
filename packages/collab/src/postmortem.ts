import * as Y from 'yjs';
import { RICH_TEXT_NODES, appendBlock, appendRichTextCopy, plainTextOf } from './rich-text.js';
import {
  CollabShapeError,
  authorKey,
  checkedAuthor,
  isOneOf,
  readAuthor,
  type AuthorRef,
} from './values.js';

/**
 * The postmortem document of an incident: a rich-text `Y.XmlFragment` named `body`, laid out
 * from a no-blame template, and a root `Y.Map` named `fields` with the status and two `Y.Map`s of
 * people (authors, reviewers) keyed by {@link authorKey}, so adding the same person twice at the
 * same moment still lists them once.
 */

/** Name of the root rich-text fragment. Tiptap binds to it with `field: 'body'`. */
export const POSTMORTEM_BODY = 'body';

/** Name of the root map of structured fields. */
export const POSTMORTEM_FIELDS = 'fields';

/** Where a postmortem is in its review. */
export const POSTMORTEM_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED'] as const;

/** One of {@link POSTMORTEM_STATUSES}. */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** A section of the template: its heading, and the question an editor shows while it is empty. */
export interface PostmortemSection {
  key: string;
  title: string;
  prompt: string;
}

/**
 * The sections of a new postmortem, in order. The prompts ask about systems and decisions, not
 * about who was at fault: a postmortem that blames teaches people to hide what they saw.
 */
export const POSTMORTEM_SECTIONS: readonly PostmortemSection[] = [
  {
    key: 'summary',
    title: 'Summary',
    prompt: 'What happened and how it was resolved, in a few sentences anyone can follow.',
  },
  {
    key: 'impact',
    title: 'Impact',
    prompt: 'Who and what was affected, for how long, and what it cost.',
  },
  {
    key: 'timeline-highlights',
    title: 'Timeline highlights',
    prompt: 'The moments that shaped the response; pinned timeline entries are a good start.',
  },
  {
    key: 'contributing-factors',
    title: 'Contributing factors',
    prompt: 'The conditions that made this possible or worse. Systems and gaps, not people.',
  },
  {
    key: 'decision-timing',
    title: 'Decision timing',
    prompt: 'When each key decision was made, what was known then, and what would have helped.',
  },
  {
    key: 'what-went-well',
    title: 'What went well',
    prompt: 'What helped detection, response or recovery, and should be kept.',
  },
  {
    key: 'what-was-hard',
    title: 'What was hard',
    prompt: 'Where people lacked information, access, tools or time.',
  },
  {
    key: 'action-items',
    title: 'Action items',
    prompt: 'Changes that would prevent a repeat or shorten the next one; each is tracked in Keel.',
  },
];

/** Keys of the `fields` map. */
export const POSTMORTEM_FIELD_KEYS = {
  status: 'status',
  /** `Y.Map<AuthorRef>` keyed by {@link authorKey}. */
  authors: 'authors',
  /** `Y.Map<AuthorRef>` keyed by {@link authorKey}. */
  reviewers: 'reviewers',
} as const;

/** The structured fields read as plain data. */
export interface PostmortemFields {
  status: PostmortemStatus;
  authors: AuthorRef[];
  reviewers: AuthorRef[];
}

/** A section's text, read back by heading. */
export interface PostmortemSectionText {
  title: string;
  text: string;
}

/**
 * The Yjs client id the template is written under. The template is the same update every time,
 * so it can be applied by anyone, any number of times, and still appear once. A changed template
 * must use a new id, or it would collide with documents made from the old one.
 */
export const POSTMORTEM_TEMPLATE_CLIENT_ID = 1;

let templateUpdate: Uint8Array | null = null;

/**
 * The template as one Yjs update: headings with an empty paragraph under each, status DRAFT and
 * empty people maps. Identical bytes on every call and every machine, so applying it to a
 * document that already has it changes nothing.
 */
export function postmortemTemplateUpdate(): Uint8Array {
  if (templateUpdate) return templateUpdate;

  const doc = new Y.Doc({ gc: false });
  doc.clientID = POSTMORTEM_TEMPLATE_CLIENT_ID;
  doc.transact(() => {
    const body = doc.getXmlFragment(POSTMORTEM_BODY);
    for (const section of POSTMORTEM_SECTIONS) {
      appendBlock(body, RICH_TEXT_NODES.heading, section.title, { level: 2 });
      appendBlock(body, RICH_TEXT_NODES.paragraph, '');
    }

    const fields = doc.getMap<unknown>(POSTMORTEM_FIELDS);
    fields.set(POSTMORTEM_FIELD_KEYS.status, 'DRAFT');
    fields.set(POSTMORTEM_FIELD_KEYS.authors, new Y.Map<AuthorRef>());
    fields.set(POSTMORTEM_FIELD_KEYS.reviewers, new Y.Map<AuthorRef>());
  });

  templateUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return templateUpdate;
}

/** Applies the template if the document does not have it yet; harmless when it does. */
export function ensurePostmortemTemplate(doc: Y.Doc): void {
  Y.applyUpdate(doc, postmortemTemplateUpdate());
}

/** The rich-text body. */
export function postmortemBody(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(POSTMORTEM_BODY);
}

/** Reads the structured fields; malformed or missing values read as DRAFT and no people. */
export function readPostmortemFields(doc: Y.Doc): PostmortemFields {
  const fields = doc.getMap<unknown>(POSTMORTEM_FIELDS);
  const status = fields.get(POSTMORTEM_FIELD_KEYS.status);
  return {
    status: isOneOf(status, POSTMORTEM_STATUSES) ? status : 'DRAFT',
    authors: readPeople(fields.get(POSTMORTEM_FIELD_KEYS.authors)),
    reviewers: readPeople(fields.get(POSTMORTEM_FIELD_KEYS.reviewers)),
  };
}

/** Sets the review status. */
export function setPostmortemStatus(doc: Y.Doc, status: PostmortemStatus): void {
  if (!isOneOf(status, POSTMORTEM_STATUSES)) {
    throw new CollabShapeError(`Unknown postmortem status "${String(status)}".`);
  }
  doc.transact(() => doc.getMap(POSTMORTEM_FIELDS).set(POSTMORTEM_FIELD_KEYS.status, status));
}

/** Adds an author; adding someone already listed changes nothing. */
export function addPostmortemAuthor(doc: Y.Doc, author: AuthorRef): void {
  addPerson(doc, POSTMORTEM_FIELD_KEYS.authors, author);
}

/** Removes an author. */
export function removePostmortemAuthor(doc: Y.Doc, author: AuthorRef): void {
  removePerson(doc, POSTMORTEM_FIELD_KEYS.authors, author);
}

/** Adds a reviewer; adding someone already listed changes nothing. */
export function addPostmortemReviewer(doc: Y.Doc, reviewer: AuthorRef): void {
  addPerson(doc, POSTMORTEM_FIELD_KEYS.reviewers, reviewer);
}

/** Removes a reviewer. */
export function removePostmortemReviewer(doc: Y.Doc, reviewer: AuthorRef): void {
  removePerson(doc, POSTMORTEM_FIELD_KEYS.reviewers, reviewer);
}

/**
 * The body's text grouped under its level-2 headings, in document order. Text before the first
 * heading is returned under an empty title.
 */
export function readPostmortemSections(doc: Y.Doc): PostmortemSectionText[] {
  const sections: PostmortemSectionText[] = [];
  let current: { title: string; lines: string[] } | null = null;

  for (const node of postmortemBody(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;

    if (node.nodeName === RICH_TEXT_NODES.heading && Number(node.getAttribute('level')) === 2) {
      if (current) sections.push(finish(current));
      current = { title: plainTextOf(node), lines: [] };
    } else {
      current ??= { title: '', lines: [] };
      current.lines.push(plainTextOf(node));
    }
  }
  if (current) sections.push(finish(current));
  return sections;
}

function finish(section: { title: string; lines: string[] }): PostmortemSectionText {
  return { title: section.title, text: section.lines.join('\n').trim() };
}

/**
 * Makes the body of `doc` read as the body of `source` (typically an earlier version of the same
 * postmortem), in one transaction: every block is deleted and copies of the source's blocks are
 * inserted. Nothing is rewound, so the change is an ordinary edit that collaborators receive and
 * that a later restore can undo in turn. The structured fields (status, authors, reviewers) are
 * left as they are: they record the review, not the text.
 */
export function replacePostmortemBody(doc: Y.Doc, source: Y.Doc): void {
  const body = postmortemBody(doc);
  doc.transact(() => {
    if (body.length > 0) body.delete(0, body.length);
    appendRichTextCopy(postmortemBody(source), body);
  });
}

/** The body as plain text, one line per block, headings included. */
export function postmortemPlainText(doc: Y.Doc): string {
  return plainTextOf(postmortemBody(doc));
}

/**
 * The map of people under `key`. The template creates it; a document without the template gets
 * the template first rather than a map of its own, since two maps created at the same moment
 * would replace each other and lose names.
 */
function peopleMap(doc: Y.Doc, key: string): Y.Map<AuthorRef> {
  let people = doc.getMap<unknown>(POSTMORTEM_FIELDS).get(key);
  if (!(people instanceof Y.Map)) {
    ensurePostmortemTemplate(doc);
    people = doc.getMap<unknown>(POSTMORTEM_FIELDS).get(key);
  }
  if (!(people instanceof Y.Map)) {
    throw new CollabShapeError(`The postmortem's "${key}" field is not a list of people.`);
  }
  return people as Y.Map<AuthorRef>;
}

function addPerson(doc: Y.Doc, key: string, person: AuthorRef): void {
  const checked = checkedAuthor(person);
  const people = peopleMap(doc, key);
  doc.transact(() => people.set(authorKey(checked), checked));
}

function removePerson(doc: Y.Doc, key: string, person: AuthorRef): void {
  const people = peopleMap(doc, key);
  doc.transact(() => people.delete(authorKey(person)));
}

function readPeople(value: unknown): AuthorRef[] {
  if (!(value instanceof Y.Map)) return [];

  const people: AuthorRef[] = [];
  for (const [key, raw] of (value as Y.Map<unknown>).entries()) {
    const person = readAuthor(raw);
    if (person && authorKey(person) === key) people.push(person);
  }
  return people.sort(
    (a, b) => a.name.localeCompare(b.name) || authorKey(a).localeCompare(authorKey(b)),
  );
}
