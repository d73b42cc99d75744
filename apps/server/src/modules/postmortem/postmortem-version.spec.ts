import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  appendBlock,
  appendParagraphs,
  postmortemBody,
  postmortemDocumentName,
  postmortemPlainText,
  readPostmortemFields,
  setPostmortemStatus,
} from '@keel/collab';
import { MAX_TITLE_LENGTH } from '@keel/domain';
import * as Y from 'yjs';
import { sqlStatementCounter } from '../../db/statement-counter.js';
import { keyOf, toGlobalId } from '../../ids.js';
import {
  credentialsOf,
  eventually,
  incidentKey,
  openProvider,
  storedDocument,
  type TestProvider,
} from '../../test-support/collab.js';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import type { GraphqlClient } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';
import { automaticVersionName } from './postmortem-version.service.js';

/*
 * Named versions of postmortems on a real server, with real providers editing the live
 * document: saving what editors typed, listing and viewing versions, restoring one into open
 * editors, and every refusal writing nothing.
 */

const VERSION_FIELDS = `id number name automatic createdAt text incidentId author { kind name }`;

const SAVE = `mutation Save($input: SavePostmortemVersionInput!) {
  savePostmortemVersion(input: $input) { ${VERSION_FIELDS} }
}`;

const RESTORE = `mutation Restore($input: RestorePostmortemVersionInput!) {
  restorePostmortemVersion(input: $input) {
    savedBefore { ${VERSION_FIELDS} }
    restored { id number }
  }
}`;

const VERSIONS = `query Versions($id: ID!, $first: Int, $after: String) {
  incident(id: $id) {
    postmortemVersions(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${VERSION_FIELDS} }
    }
  }
}`;

const VERSION = `query Version($id: ID!) {
  node(id: $id) {
    ... on PostmortemVersion {
      ${VERSION_FIELDS}
      content { kind text depth level marker }
    }
  }
}`;

const CONTENTS = `query Contents($id: ID!) {
  incident(id: $id) {
    postmortemVersions(first: 10) { nodes { content { text } } }
  }
}`;

interface VersionNode {
  id: string;
  number: number;
  name: string;
  automatic: boolean;
  createdAt: string;
  text: string;
  incidentId: string;
  author: { kind: string; name: string };
}

interface Block {
  kind: string;
  text: string;
  depth: number;
  level: number | null;
  marker: string | null;
}

interface VersionPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: VersionNode[];
}

let keel: TestKeel;
let acme: OrganizationFixture;
let globex: OrganizationFixture;
const providers: TestProvider[] = [];

beforeAll(async () => {
  keel = await startTestKeel();
  [acme, globex] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
});

afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
});

afterAll(async () => {
  await keel?.close();
});

async function newIncident(org = acme): Promise<string> {
  return (await declareIncident(org.admin.client)).id;
}

/** A provider on the incident's postmortem, synced. */
async function openPostmortem(
  incidentId: string,
  client: GraphqlClient = acme.responder.client,
): Promise<TestProvider> {
  const provider = openProvider(
    keel.url,
    postmortemDocumentName(incidentKey(incidentId)),
    credentialsOf(client),
  );
  providers.push(provider);
  await provider.synced();
  return provider;
}

/** Types paragraphs at the end of the body and waits until the server has stored them. */
async function type(provider: TestProvider, text: string): Promise<void> {
  appendParagraphs(postmortemBody(provider.doc), text);
  await provider.confirmed();
}

async function save(
  incidentId: string,
  name: string,
  client: GraphqlClient = acme.responder.client,
): Promise<VersionNode> {
  const data = await client.data<{ savePostmortemVersion: VersionNode }>(SAVE, {
    input: { incidentId, name },
  });
  return data.savePostmortemVersion;
}

async function restore(
  versionId: string,
  expectedVersion?: number,
  client: GraphqlClient = acme.responder.client,
) {
  const data = await client.data<{
    restorePostmortemVersion: { savedBefore: VersionNode; restored: { id: string } };
  }>(RESTORE, { input: { versionId, expectedVersion } });
  return data.restorePostmortemVersion;
}

async function versions(
  incidentId: string,
  variables: Record<string, unknown> = {},
  client: GraphqlClient = acme.responder.client,
): Promise<VersionPage> {
  const data = await client.data<{ incident: { postmortemVersions: VersionPage } }>(VERSIONS, {
    id: incidentId,
    ...variables,
  });
  return data.incident.postmortemVersions;
}

async function version(
  id: string,
  client: GraphqlClient = acme.responder.client,
): Promise<(VersionNode & { content: Block[] }) | null> {
  const data = await client.data<{ node: (VersionNode & { content: Block[] }) | null }>(VERSION, {
    id,
  });
  return data.node;
}

/** Rows in the tables a refused mutation must leave alone. */
async function written(): Promise<number[]> {
  return Promise.all(
    ['postmortem_version', 'collab_update', 'audit_record'].map(async (table) => {
      const [row] = await keel.sql<{ count: string }>(`select count(*) from ${table}`);
      return Number(row!.count);
    }),
  );
}

/** The version's stored body, as the live document would show it. */
async function storedBody(versionId: string): Promise<string> {
  const [row] = await keel.sql<{ state: Buffer }>(
    'select state from postmortem_version where id = $1',
    [keyOf(versionId, 'PostmortemVersion')],
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row!.state);
  return postmortemBody(doc).toJSON();
}

describe('saving a version', () => {
  it('captures what a connected editor has typed, with its author, name and time', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    await type(editor, 'Stripe webhooks to the Make scenario failed for 40 minutes.');

    const before = Date.now();
    const saved = await save(incidentId, '  Submitted for review  ');

    expect(saved).toMatchObject({
      number: 1,
      name: 'Submitted for review',
      automatic: false,
      incidentId,
      author: { kind: 'USER', name: 'RESPONDER person' },
    });
    expect(Date.parse(saved.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(saved.text).toContain('Stripe webhooks to the Make scenario failed');
    expect(await storedBody(saved.id)).toBe(postmortemBody(editor.doc).toJSON());
  });

  it('saves while an editor keeps typing: all it confirmed, and a state it can merge', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    for (let i = 1; i <= 5; i += 1) appendParagraphs(postmortemBody(editor.doc), `Edit ${i}`);
    await editor.confirmed();

    let typing = true;
    const typist = (async () => {
      for (let i = 1; typing; i += 1) {
        appendParagraphs(postmortemBody(editor.doc), `Meanwhile ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const saved = await save(incidentId, 'Mid-edit').finally(() => (typing = false));
    await typist;
    await editor.confirmed();

    expect(saved.text).toContain('Edit 5');
    const [row] = await keel.sql<{ state: Buffer }>(
      'select state from postmortem_version where id = $1',
      [keyOf(saved.id, 'PostmortemVersion')],
    );
    // Everything in the version is in the editor's document: applying it adds nothing.
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(editor.doc));
    const vector = Y.encodeStateVector(merged);
    Y.applyUpdate(merged, row!.state);
    expect(Y.encodeStateVector(merged)).toEqual(vector);
  });

  it('reads what is stored when nobody has it open, and the template when new', async () => {
    const typedId = await newIncident();
    const editor = await openPostmortem(typedId);
    await type(editor, 'Written, then everyone left.');
    editor.destroy();
    const untouchedId = await newIncident();

    const fromStorage = await save(typedId, 'After the meeting');
    const fromTemplate = await save(untouchedId, 'Empty template');

    expect(fromStorage.text).toContain('Written, then everyone left.');
    expect(fromTemplate.text.split('\n')).toContain('Contributing factors');
  });

  it('records an audit entry naming the version', async () => {
    const incidentId = await newIncident();
    const saved = await save(incidentId, 'Audited');

    const audits = await keel.sql<{ action: string; changes: unknown }>(
      'select action, changes from audit_record where target_id = $1',
      [incidentKey(incidentId)],
    );
    expect(audits).toContainEqual({
      action: 'incident.postmortem.save_version',
      changes: { [`postmortemVersion.${saved.number}`]: { before: null, after: 'Audited' } },
    });
  });

  it('lets a WRITE token save, stamped with the token', async () => {
    const incidentId = await newIncident();
    const saved = await save(incidentId, 'From the integration', acme.writeToken);

    expect(saved.author).toEqual({ kind: 'TOKEN', name: 'token WRITE' });
  });
});

describe('listing and viewing versions', () => {
  it('lists versions newest first with author and time, in pages', async () => {
    const incidentId = await newIncident();
    for (const name of ['First draft', 'Submitted for review', 'Published']) {
      await save(incidentId, name);
    }

    const first = await versions(incidentId, { first: 2 });
    const second = await versions(incidentId, { first: 2, after: first.pageInfo.endCursor });

    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.nodes.map((node) => [node.number, node.name])).toEqual([
      [3, 'Published'],
      [2, 'Submitted for review'],
    ]);
    expect(first.nodes[0]!.author).toEqual({ kind: 'USER', name: 'RESPONDER person' });
    expect(second.nodes.map((node) => node.name)).toEqual(['First draft']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('shows the text as it was when saved, not later edits', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    await type(editor, 'The first account.');
    const saved = await save(incidentId, 'Early');
    await type(editor, 'Added after the version was saved.');

    const viewed = await version(saved.id, acme.viewer.client);

    expect(viewed?.text).toContain('The first account.');
    expect(viewed?.text).not.toContain('Added after');
    expect(viewed?.content).toContainEqual({
      kind: 'HEADING',
      text: 'Summary',
      depth: 0,
      level: 2,
      marker: null,
    });
    expect(viewed?.content.map((block) => block.text)).toContain('The first account.');
    expect(viewed?.content.map((block) => block.text)).not.toContain(
      'Added after the version was saved.',
    );
  });

  it('hands crafted text back as plain text, never markup', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    appendBlock(postmortemBody(editor.doc), 'paragraph', '<img src=x onerror=alert(1)>');
    await editor.confirmed();

    const saved = await save(incidentId, '<b>bold</b> name');
    const viewed = await version(saved.id);

    expect(viewed?.name).toBe('<b>bold</b> name');
    expect(viewed?.content.at(-1)).toMatchObject({
      kind: 'PARAGRAPH',
      text: '<img src=x onerror=alert(1)>',
    });
  });

  it("reads a page of versions' content in the same number of statements as one", async () => {
    const incidentId = await newIncident();
    await save(incidentId, 'One');
    // The fewest of three: work in the background (projections, unloads) only ever adds.
    const statementsFor = async () => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const start = sqlStatementCounter.count;
        await acme.responder.client.data(CONTENTS, { id: incidentId });
        counts.push(sqlStatementCounter.count - start);
      }
      return Math.min(...counts);
    };

    const one = await statementsFor();
    await save(incidentId, 'Two');
    await save(incidentId, 'Three');

    expect(await statementsFor()).toBe(one);
  });
});

describe('restoring a version', () => {
  it("makes a connected editor's document match the old version at once", async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    const watcher = await openPostmortem(incidentId, acme.admin.client);
    await type(editor, 'Root cause: the Airtable base hit its API limit.');
    const reviewed = await save(incidentId, 'Submitted for review');
    await type(editor, 'A rewrite nobody agreed with.');
    const expected = await storedBody(reviewed.id);
    expect(postmortemBody(watcher.doc).toJSON()).not.toBe(expected);

    const result = await restore(reviewed.id, reviewed.number);

    await eventually(
      () =>
        postmortemBody(editor.doc).toJSON() === expected &&
        postmortemBody(watcher.doc).toJSON() === expected,
      'both editors to show the restored text',
    );
    expect(postmortemPlainText(editor.doc)).not.toContain('A rewrite nobody agreed with.');
    expect(result.restored.id).toBe(reviewed.id);
  });

  it('first saves what it replaces as an automatic version, so nothing is lost', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    await type(editor, 'Version one text.');
    const first = await save(incidentId, 'Submitted for review');
    await type(editor, 'Text that the restore replaces.');

    const firstBody = await storedBody(first.id);

    const { savedBefore } = await restore(first.id);

    expect(savedBefore).toMatchObject({
      number: 2,
      name: 'Before restoring «Submitted for review»',
      automatic: true,
      author: { kind: 'USER', name: 'RESPONDER person' },
    });
    expect(savedBefore.text).toContain('Text that the restore replaces.');
    expect((await versions(incidentId)).nodes.map((node) => node.number)).toEqual([2, 1]);
    expect(await storedBody(first.id)).toBe(firstBody);
  });

  it('journals the restore with its author, beside its audit record', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    await type(editor, 'Kept.');
    const first = await save(incidentId, 'Good');
    await type(editor, 'Dropped.');
    const name = postmortemDocumentName(incidentKey(incidentId));
    const [{ seq: before } = { seq: '0' }] = await keel.sql<{ seq: string }>(
      'select max(seq) as seq from collab_update where document_name = $1',
      [name],
    );

    await restore(first.id);

    const rows = await keel.sql<{ author_kind: string; author_id: string }>(
      'select author_kind, author_id from collab_update where document_name = $1 and seq > $2',
      [name, before],
    );
    expect(rows).toEqual([
      { author_kind: 'USER', author_id: keyOf(acme.responder.userId, 'User') },
    ]);
    expect(postmortemBody(await storedDocument(keel, name)).toJSON()).toBe(
      await storedBody(first.id),
    );
    const audits = await keel.sql<{ action: string; changes: unknown }>(
      `select action, changes from audit_record
        where target_id = $1 and action = 'incident.postmortem.restore_version'`,
      [incidentKey(incidentId)],
    );
    expect(audits).toEqual([
      {
        action: 'incident.postmortem.restore_version',
        changes: {
          postmortem: {
            before: { version: 2, name: 'Before restoring «Good»' },
            after: { version: 1, name: 'Good' },
          },
        },
      },
    ]);
  });

  it('keeps the review status and people', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    const draft = await save(incidentId, 'Draft');
    setPostmortemStatus(editor.doc, 'IN_REVIEW');
    await editor.confirmed();

    await restore(draft.id);

    expect(readPostmortemFields(editor.doc).status).toBe('IN_REVIEW');
  });

  it('restores into a postmortem nobody has open', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    await type(editor, 'Before.');
    const first = await save(incidentId, 'Before');
    await type(editor, 'After.');
    editor.destroy();

    await restore(first.id);

    const stored = await storedDocument(keel, postmortemDocumentName(incidentKey(incidentId)));
    expect(postmortemPlainText(stored)).toContain('Before.');
    expect(postmortemPlainText(stored)).not.toContain('After.');
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const incidentId = await newIncident();
    const editor = await openPostmortem(incidentId);
    const first = await save(incidentId, 'One');
    await save(incidentId, 'Two');
    await type(editor, 'Must survive.');
    const before = await written();

    const response = await acme.responder.client.request(RESTORE, {
      input: { versionId: first.id, expectedVersion: 1 },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await written()).toEqual(before);
    expect(postmortemPlainText(editor.doc)).toContain('Must survive.');
  });
});

describe('refusals', () => {
  it('refuses viewers and READ tokens with FORBIDDEN, and writes nothing', async () => {
    const incidentId = await newIncident();
    const saved = await save(incidentId, 'Existing');
    const before = await written();

    for (const client of [acme.viewer.client, acme.readToken]) {
      const saving = await client.request(SAVE, { input: { incidentId, name: 'Mine' } });
      const restoring = await client.request(RESTORE, { input: { versionId: saved.id } });

      expect(saving.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(restoring.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await written()).toEqual(before);
    expect((await versions(incidentId, {}, acme.viewer.client)).totalCount).toBe(1);
  });

  it("treats another organisation's incident and versions as missing", async () => {
    const incidentId = await newIncident();
    const saved = await save(incidentId, 'Acme only');
    const before = await written();
    const intruder = globex.admin.client;

    const saving = await intruder.request(SAVE, { input: { incidentId, name: 'Peek' } });
    const restoring = await intruder.request(RESTORE, { input: { versionId: saved.id } });

    expect(saving.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(restoring.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await version(saved.id, intruder)).toBeNull();
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a blank name', { name: '   ' }, 'BAD_USER_INPUT'],
    ['a name over the title limit', { name: 'x'.repeat(MAX_TITLE_LENGTH + 1) }, 'BAD_USER_INPUT'],
    ['a name with a line break', { name: 'Line one\nLine two' }, 'BAD_USER_INPUT'],
    ['an unknown incident', { incidentId: toGlobalId('Incident', randomUUID()) }, 'NOT_FOUND'],
    ['a malformed id', { incidentId: 'not-an-id' }, 'NOT_FOUND'],
  ])('refuses saving with %s and writes nothing', async (_label, input, code) => {
    const incidentId = await newIncident();
    const before = await written();

    const response = await acme.responder.client.request(SAVE, {
      input: { incidentId, name: 'Fine', ...input },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(await written()).toEqual(before);
  });

  it('accepts a name of exactly the title limit', async () => {
    const incidentId = await newIncident();
    const name = 'n'.repeat(MAX_TITLE_LENGTH);

    expect((await save(incidentId, name)).name).toBe(name);
  });

  it.each([
    [
      'an unknown version',
      { versionId: toGlobalId('PostmortemVersion', randomUUID()) },
      'NOT_FOUND',
    ],
    ['an incident id as the version', 'incident', 'NOT_FOUND'],
    ['a negative expectedVersion', { expectedVersion: -1 }, 'BAD_USER_INPUT'],
  ])('refuses restoring %s and writes nothing', async (_label, override, code) => {
    const incidentId = await newIncident();
    const saved = await save(incidentId, 'Target');
    const before = await written();
    const input =
      override === 'incident'
        ? { versionId: incidentId }
        : { versionId: saved.id, ...(override as Record<string, unknown>) };

    const response = await acme.responder.client.request(RESTORE, { input });

    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(await written()).toEqual(before);
  });
});

describe('automaticVersionName', () => {
  it('names the version restored, shortened so the whole stays within the title limit', () => {
    const long = automaticVersionName('r'.repeat(MAX_TITLE_LENGTH));

    expect(automaticVersionName('Submitted for review')).toBe(
      'Before restoring «Submitted for review»',
    );
    expect(long).toHaveLength(MAX_TITLE_LENGTH);
    expect(long.endsWith('r…»')).toBe(true);
  });
});
