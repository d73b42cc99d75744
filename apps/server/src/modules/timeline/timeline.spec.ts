import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  addEntry,
  appendParagraphs,
  pinEntry,
  postmortemBody,
  postmortemDocumentName,
  readEntry,
  softDeleteEntry,
  timelineDocumentName,
  updateEntry,
  type AuthorRef,
} from '@keel/collab';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { keyOf } from '../../ids.js';
import {
  credentialsOf,
  eventually,
  incidentKey,
  openProvider,
  restartServer,
  startStandaloneCollab,
  type TestProvider,
} from '../../test-support/collab.js';
import {
  createOrganization,
  declareIncident,
  type OrganizationFixture,
} from '../../test-support/fixtures.js';
import { GraphqlClient } from '../../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../../test-support/keel.js';

/*
 * Timelines end to end on a real server: live edits projected into rows and events, entries
 * written through the API into live documents, system entries for transitions and roles, the
 * timeline's filters, and search over incidents and postmortems.
 */

const TIMELINE = `query T(
  $id: ID!
  $first: Int
  $after: String
  $filter: TimelineFilter
  $order: TimelineOrder
) {
  incident(id: $id) {
    timeline(first: $first, after: $after, filter: $filter, order: $order) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id incidentId kind source body pinned tags deleted occurredAt
        author { kind name } evidenceLinks { url label }
      }
    }
  }
}`;

const ADD = `mutation A($input: AddTimelineEntryInput!) {
  addTimelineEntry(input: $input) {
    id incidentId kind source body pinned tags occurredAt author { kind name }
    evidenceLinks { url label }
  }
}`;

const TIMELINE_CHANGED = `subscription S($incidentId: ID!) {
  timelineChanged(incidentId: $incidentId) { kind entry { id body pinned deleted source } }
}`;

const SEARCH = `query S($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    kind snippet highlights { start length } incident { id }
  }
}`;

interface EntryNode {
  id: string;
  incidentId: string;
  kind: string;
  source: string;
  body: string;
  pinned: boolean;
  tags: string[];
  deleted: boolean;
  occurredAt: string;
  author: { kind: string; name: string };
  evidenceLinks: { url: string; label: string }[];
}

interface TimelinePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: EntryNode[];
}

interface ChangeEvent {
  kind: string;
  entry: { id: string; body: string; pinned: boolean; deleted: boolean; source: string };
}

interface SearchHit {
  kind: string;
  snippet: string;
  highlights: { start: number; length: number }[];
  incident: { id: string };
}

let keel: TestKeel;
let acme: OrganizationFixture;
let globex: OrganizationFixture;
const providers: TestProvider[] = [];
const wsClients: Client[] = [];

const ada: AuthorRef = { kind: 'USER', id: randomUUID(), name: 'Ada' };

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
  await Promise.all(wsClients.splice(0).map((client) => client.dispose()));
  await keel?.close();
});

function open(name: string, client: GraphqlClient = acme.responder.client): TestProvider {
  const provider = openProvider(keel.url, name, credentialsOf(client));
  providers.push(provider);
  return provider;
}

async function newIncident(org = acme): Promise<string> {
  return (await declareIncident(org.admin.client)).id;
}

function timelineName(incidentId: string): string {
  return timelineDocumentName(incidentKey(incidentId));
}

async function timeline(
  incidentId: string,
  variables: Record<string, unknown> = {},
  client: GraphqlClient = acme.responder.client,
): Promise<TimelinePage> {
  const data = await client.data<{ incident: { timeline: TimelinePage } }>(TIMELINE, {
    id: incidentId,
    ...variables,
  });
  return data.incident.timeline;
}

async function addByApi(
  incidentId: string,
  input: Record<string, unknown> = {},
  client: GraphqlClient = acme.responder.client,
): Promise<EntryNode> {
  const data = await client.data<{ addTimelineEntry: EntryNode }>(ADD, {
    input: { incidentId, kind: 'NOTE', body: 'Checked the Zapier task history', ...input },
  });
  return data.addTimelineEntry;
}

function note(text: string, occurredAt = '2026-03-01T10:00:00Z') {
  return {
    occurredAt,
    kind: 'NOTE' as const,
    source: 'PERSON' as const,
    author: ada,
    bodyText: text,
  };
}

async function count(table: string): Promise<number> {
  const [row] = await keel.sql<{ count: string }>(`select count(*) from ${table}`);
  return Number(row!.count);
}

/** Subscribes over graphql-ws with the client's session cookie or token. */
function subscribeTimeline(
  client: GraphqlClient,
  incidentId: string,
): { events: ChangeEvent[]; errors: unknown[] } {
  const { sessionSecret, token } = client;
  const ws = createClient({
    url: keel.wsUrl,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, {
          headers: sessionSecret ? { cookie: `keel_session=${sessionSecret}` } : {},
        });
      }
    },
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  wsClients.push(ws);

  const events: ChangeEvent[] = [];
  const errors: unknown[] = [];
  ws.subscribe<{ timelineChanged: ChangeEvent }>(
    { query: TIMELINE_CHANGED, variables: { incidentId } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data.timelineChanged);
      },
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => {},
    },
  );
  return { events, errors };
}

/**
 * Waits until a subscription is listening: the server subscribes to the bus a moment after the
 * subscribe message, so entries are added until one of them is announced.
 */
async function whenListening(events: ChangeEvent[], incidentId: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const probe = await addByApi(incidentId, { body: 'probe' });
    try {
      await eventually(() => events.some((event) => event.entry.id === probe.id), 'probe', 250);
      return;
    } catch {
      // Not listening yet; add another.
    }
  }
  throw new Error('the subscription never started');
}

describe('projecting live edits', () => {
  it('shows an editor’s entry in the timeline and on timelineChanged within 1 s', async () => {
    const incidentId = await newIncident();
    const { events } = subscribeTimeline(acme.viewer.client, incidentId);
    await whenListening(events, incidentId);
    const editor = open(timelineName(incidentId));
    await editor.synced();

    const started = Date.now();
    const id = addEntry(editor.doc, note('Stripe webhooks return 500'));

    await eventually(
      () => events.some((event) => event.kind === 'ADDED' && event.entry.id === id),
      'the timelineChanged event',
      1_000,
    );
    await eventually(
      async () => (await timeline(incidentId)).nodes.some((node) => node.id === id),
      'the projected row',
      1_000 - (Date.now() - started),
    );
    const node = (await timeline(incidentId)).nodes.find((entry) => entry.id === id);
    expect(node).toMatchObject({
      body: 'Stripe webhooks return 500',
      kind: 'NOTE',
      source: 'PERSON',
      author: { kind: 'USER', name: 'Ada' },
      incidentId,
    });
  });

  it('announces pins, edits and soft deletes by kind; hides deleted entries', async () => {
    const incidentId = await newIncident();
    const { events } = subscribeTimeline(acme.responder.client, incidentId);
    await whenListening(events, incidentId);
    const editor = open(timelineName(incidentId));
    await editor.synced();
    const id = addEntry(editor.doc, note('Make scenario paused'));
    await eventually(() => events.some((e) => e.entry.id === id), 'the ADDED event');

    pinEntry(editor.doc, id);
    await eventually(() => events.some((e) => e.entry.id === id && e.kind === 'PINNED'), 'pin');
    updateEntry(editor.doc, id, { tags: ['billing'] });
    await eventually(() => events.some((e) => e.entry.id === id && e.kind === 'UPDATED'), 'tag');
    softDeleteEntry(editor.doc, id, ada);
    await eventually(() => events.some((e) => e.entry.id === id && e.kind === 'DELETED'), 'del');

    expect((await timeline(incidentId)).nodes.map((node) => node.id)).not.toContain(id);
    const withDeleted = await timeline(incidentId, { filter: { includeDeleted: true } });
    expect(withDeleted.nodes.find((node) => node.id === id)).toMatchObject({
      deleted: true,
      pinned: true,
      tags: ['billing'],
    });
  });

  it('re-projects a document on its next load, restoring rows lost in a crash', async () => {
    const collab = await startStandaloneCollab(keel);
    try {
      const incidentId = await newIncident();
      const name = timelineName(incidentId);
      const first = openProvider(collab.url, name, credentialsOf(acme.responder.client));
      await first.synced();
      const id = addEntry(first.doc, note('Written before the crash'));
      await first.confirmed();
      await eventually(async () => (await timeline(incidentId)).totalCount === 1, 'the row');

      first.destroy();
      await eventually(() => !collab.endpoint.hocuspocus.documents.has(name), 'the unload');
      // As if the process had died after journaling and before projecting.
      await keel.sql('delete from timeline_entry where incident_id = $1', [
        incidentKey(incidentId),
      ]);

      const second = openProvider(collab.url, name, credentialsOf(acme.responder.client));
      await second.synced();
      await eventually(
        async () => (await timeline(incidentId)).nodes.some((node) => node.id === id),
        'the re-projected row',
      );
      second.destroy();
    } finally {
      await collab.close();
    }
  });
});

describe('addTimelineEntry', () => {
  it('writes into the live document, so a connected editor sees the entry at once', async () => {
    const incidentId = await newIncident();
    const name = timelineName(incidentId);
    const editor = open(name);
    await editor.synced();

    const added = await addByApi(incidentId, {
      kind: 'ACTION',
      body: 'Paused the Zap\nRe-ran failed tasks',
      tags: ['zapier', ' payments '],
      evidenceLinks: [{ url: 'https://zapier.com/app/history/881', label: 'Task history' }],
      pinned: true,
    });

    await eventually(() => readEntry(editor.doc, added.id) !== null, 'the entry in the editor');
    expect(readEntry(editor.doc, added.id)).toMatchObject({
      kind: 'ACTION',
      source: 'PERSON',
      bodyText: 'Paused the Zap\nRe-ran failed tasks',
      pinned: true,
      tags: ['zapier', 'payments'],
      evidence: [{ url: 'https://zapier.com/app/history/881', label: 'Task history' }],
    });
    expect(added).toMatchObject({ kind: 'ACTION', source: 'PERSON', pinned: true, incidentId });
  });

  it('journals the change before answering, with its author and audit record', async () => {
    const incidentId = await newIncident();
    const added = await addByApi(incidentId, { body: 'Journaled' });

    const rows = await keel.sql<{ author_kind: string; author_id: string }>(
      'select author_kind, author_id from collab_update where document_name = $1',
      [timelineName(incidentId)],
    );
    expect(rows).toContainEqual({
      author_kind: 'USER',
      author_id: keyOf(acme.responder.userId, 'User'),
    });
    const audits = await keel.sql<{ action: string; changes: Record<string, unknown> }>(
      'select action, changes from audit_record where target_id = $1',
      [incidentKey(incidentId)],
    );
    expect(audits).toContainEqual({
      action: 'incident.timeline.add_entry',
      changes: { [`timeline.${added.id}`]: expect.objectContaining({ before: null }) },
    });
  });

  it('marks entries from API tokens as INTEGRATION and names the token', async () => {
    const incidentId = await newIncident();
    const added = await addByApi(incidentId, { kind: 'SIGNAL' }, acme.writeToken);

    expect(added).toMatchObject({ source: 'INTEGRATION', author: { kind: 'TOKEN' } });
  });

  it('labels an unlabelled evidence link with its host, so a long URL is kept', async () => {
    const incidentId = await newIncident();
    const url = `https://hook.eu1.make.com/${'a'.repeat(400)}`;
    const added = await addByApi(incidentId, { evidenceLinks: [{ url }] });

    expect(added.evidenceLinks).toEqual([{ url, label: 'hook.eu1.make.com' }]);
  });

  it('accepts a backdated occurredAt and orders the timeline by it', async () => {
    const incidentId = await newIncident();
    const late = await addByApi(incidentId, { body: 'Second', occurredAt: '2026-01-02T10:00:00Z' });
    const early = await addByApi(incidentId, { body: 'First', occurredAt: '2026-01-01T10:00:00Z' });

    expect((await timeline(incidentId)).nodes.map((node) => node.id)).toEqual([early.id, late.id]);
  });

  it.each([
    ['a blank body', { body: '   ' }],
    ['a body over 10 000 characters', { body: 'x'.repeat(10_001) }],
    ['an occurredAt in the future', { occurredAt: new Date(Date.now() + 3_600_000) }],
    ['an occurredAt before 2000', { occurredAt: '1999-12-31T23:00:00Z' }],
    ['a javascript: evidence link', { evidenceLinks: [{ url: 'javascript:alert(1)' }] }],
    ['a system kind', { kind: 'STATUS_CHANGE' }],
    ['too many tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['an over-long tag', { tags: ['x'.repeat(41)] }],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_label, input) => {
    const incidentId = await newIncident();
    const before = await Promise.all(
      ['timeline_entry', 'collab_update', 'audit_record'].map(count),
    );

    const response = await acme.responder.client.request(ADD, {
      input: { incidentId, kind: 'NOTE', body: 'Fine', ...input },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await Promise.all(['timeline_entry', 'collab_update', 'audit_record'].map(count));
    expect(after).toEqual(before);
  });

  it('refuses viewers and READ tokens with FORBIDDEN', async () => {
    const incidentId = await newIncident();
    const before = await count('collab_update');

    for (const client of [acme.viewer.client, acme.readToken]) {
      const response = await client.request(ADD, {
        input: { incidentId, kind: 'NOTE', body: 'Not allowed' },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count('collab_update')).toBe(before);
  });

  it("answers NOT_FOUND for another organisation's incident", async () => {
    const theirs = await newIncident(globex);
    const response = await acme.responder.client.request(ADD, {
      input: { incidentId: theirs, kind: 'NOTE', body: 'Crossing tenants' },
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('system entries', () => {
  it('writes a STATUS_CHANGE entry when an incident is transitioned', async () => {
    const incident = await declareIncident(acme.responder.client);
    await acme.responder.client.data(
      `mutation T($input: TransitionIncidentInput!) { transitionIncident(input: $input) { id } }`,
      {
        input: {
          incidentId: incident.id,
          expectedVersion: incident.version,
          to: 'CANCELLED',
          note: 'Duplicate of INC-1',
        },
      },
    );

    const page = await timeline(incident.id, { filter: { kinds: ['STATUS_CHANGE'] } });
    expect(page.nodes).toHaveLength(1);
    expect(page.nodes[0]).toMatchObject({
      source: 'SYSTEM',
      author: { kind: 'USER' },
      body: expect.stringMatching(/from Detected to Cancelled\.\nDuplicate of INC-1$/),
    });
  });

  it('writes ROLE_CHANGE entries for an assignment and a handover', async () => {
    const incidentId = await newIncident();
    const editor = open(timelineName(incidentId));
    await editor.synced();
    const assign = `mutation A($input: AssignIncidentRoleInput!) {
      assignIncidentRole(input: $input) { id }
    }`;
    const base = { incidentId, role: 'INCIDENT_LEAD' };

    await acme.admin.client.data(assign, { input: { ...base, userId: acme.responder.userId } });
    await acme.admin.client.data(assign, {
      input: { ...base, userId: acme.admin.userId, handoffNote: 'Vendor call at 3pm' },
    });

    const bodies = (await timeline(incidentId, { filter: { kinds: ['ROLE_CHANGE'] } })).nodes.map(
      (node) => node.body,
    );
    expect(bodies).toEqual([
      expect.stringMatching(/made RESPONDER person the incident lead\.$/),
      expect.stringMatching(/handed the incident lead role from RESPONDER person to Alex Admin\./),
    ]);
    expect(bodies[1]).toContain('Handoff note: Vendor call at 3pm');
    await eventually(() => editor.doc.getMap('entries').size === 2, 'both entries in the editor');
  });

  it('writes a STATUS_CHANGE that was never written when the timeline is next loaded', async () => {
    const incidentId = await newIncident();
    // A committed transition whose entry was lost when the process died right after the commit.
    await keel.sql(
      `insert into incident_transition
         (id, incident_id, from_status, to_status, note, actor_kind, actor_id, actor_name,
          created_at)
       values ($1, $2, 'DETECTED', 'CANCELLED', 'Lost entry', 'SYSTEM', null, 'Keel', now())`,
      [randomUUID(), incidentKey(incidentId)],
    );

    const editor = open(timelineName(incidentId));
    await editor.synced();

    await eventually(
      async () => (await timeline(incidentId)).nodes.some((node) => node.kind === 'STATUS_CHANGE'),
      'the repaired entry',
    );
    await eventually(() => editor.doc.getMap('entries').size === 1, 'the entry in the editor');
  });
});

describe('filtering and paging Incident.timeline', () => {
  let incidentId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    incidentId = await newIncident();
    const entries = [
      ['note', { kind: 'NOTE', occurredAt: '2026-02-01T10:00:00Z' }, acme.responder.client],
      ['decision', { kind: 'DECISION', occurredAt: '2026-02-01T11:00:00Z', pinned: true }],
      ['signal', { kind: 'SIGNAL', occurredAt: '2026-02-01T12:00:00Z' }, acme.writeToken],
      ['action', { kind: 'ACTION', occurredAt: '2026-02-01T13:00:00Z', pinned: true }],
    ] as const;
    for (const [label, input, client] of entries) {
      ids[label] = (await addByApi(incidentId, input, client ?? acme.responder.client)).id;
    }
  });

  it.each([
    ['kinds', { kinds: ['DECISION', 'SIGNAL'] }, ['decision', 'signal']],
    ['pinned', { pinned: true }, ['decision', 'action']],
    ['source', { source: 'INTEGRATION' }, ['signal']],
    [
      'a time window',
      { occurredAfter: '2026-02-01T11:00:00Z', occurredBefore: '2026-02-01T13:00:00Z' },
      ['decision', 'signal'],
    ],
  ])('filters by %s', async (_label, filter, expected) => {
    const page = await timeline(incidentId, { filter });

    expect(page.nodes.map((node) => node.id)).toEqual(expected.map((label) => ids[label]));
    expect(page.totalCount).toBe(expected.length);
  });

  it('pages forwards with cursors, in the order entries happened', async () => {
    const first = await timeline(incidentId, { first: 3 });
    const second = await timeline(incidentId, { first: 3, after: first.pageInfo.endCursor });

    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((node) => node.id)).toEqual(
      ['note', 'decision', 'signal', 'action'].map((label) => ids[label]),
    );
  });

  it('pages backwards from the latest entry with NEWEST_FIRST', async () => {
    const first = await timeline(incidentId, { first: 3, order: 'NEWEST_FIRST' });
    const second = await timeline(incidentId, {
      first: 3,
      after: first.pageInfo.endCursor,
      order: 'NEWEST_FIRST',
    });

    expect(first.totalCount).toBe(4);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((node) => node.id)).toEqual(
      ['action', 'signal', 'decision', 'note'].map((label) => ids[label]),
    );
  });

  it('rejects a cursor from another list with BAD_USER_INPUT', async () => {
    const response = await acme.responder.client.request(TIMELINE, {
      id: incidentId,
      after: Buffer.from('["nope"]').toString('base64url'),
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('search', () => {
  async function writePostmortem(org: OrganizationFixture, text: string): Promise<string> {
    const incidentId = await newIncident(org);
    const editor = open(postmortemDocumentName(incidentKey(incidentId)), org.responder.client);
    await editor.synced();
    appendParagraphs(postmortemBody(editor.doc), text);
    await editor.confirmed();
    return incidentId;
  }

  async function search(query: string, client = acme.viewer.client): Promise<SearchHit[]> {
    return (await client.data<{ search: SearchHit[] }>(SEARCH, { query })).search;
  }

  it('finds postmortem text and returns a snippet with the match highlighted', async () => {
    const incidentId = await writePostmortem(
      acme,
      'The Airtable automation retried the webhook until the quota ran out.',
    );

    await eventually(async () => (await search('quota')).length > 0, 'the postmortem hit');
    const [hit] = await search('quota');
    expect(hit).toMatchObject({ kind: 'POSTMORTEM', incident: { id: incidentId } });
    expect(hit!.snippet).toContain('until the quota ran out');
    expect(hit!.highlights).toHaveLength(1);
    const { start, length } = hit!.highlights[0]!;
    expect(hit!.snippet.slice(start, start + length)).toBe('quota');
  });

  it("never returns another organisation's incidents or postmortems", async () => {
    const word = `zephyrine${randomUUID().slice(0, 8)}`;
    const theirs = await writePostmortem(globex, `Their secret mentions ${word}.`);
    await declareIncident(globex.admin.client, { title: `Globex ${word} outage` });
    await eventually(async () => (await search(word, globex.viewer.client)).length === 2, 'hits');

    expect(await search(word)).toEqual([]);
    expect((await search(word, globex.viewer.client)).map((hit) => hit.incident.id)).toContain(
      theirs,
    );
  });

  it('does not match a postmortem on the headings of its template', async () => {
    const incidentId = await writePostmortem(acme, 'Only the webhook secret was rotated.');
    await eventually(async () => (await search('webhook secret rotated')).length > 0, 'the hit');

    const hits = await search('contributing factors');
    expect(hits.map((hit) => hit.incident.id)).not.toContain(incidentId);
  });

  it('finds incidents by title', async () => {
    const incident = await declareIncident(acme.admin.client, { title: 'Salesforce flow loop' });
    const hits = await search('salesforce loop');

    expect(hits.find((hit) => hit.incident.id === incident.id)).toMatchObject({
      kind: 'INCIDENT',
      snippet: expect.stringContaining('Salesforce flow loop'),
    });
  });

  it.each([
    ['a blank query', '   '],
    ['a query over 200 characters', 'x'.repeat(201)],
  ])('rejects %s with BAD_USER_INPUT', async (_label, query) => {
    const response = await acme.viewer.client.request(SEARCH, { query });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('timelineChanged', () => {
  it("answers NOT_FOUND for another organisation's incident", async () => {
    const theirs = await newIncident(globex);
    const { errors } = subscribeTimeline(acme.responder.client, theirs);

    await eventually(() => errors.length > 0, 'the refusal');
    expect(errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

// Last: the restart leaves every fixture client pointing at the old server.
describe('across a restart', () => {
  it('keeps an entry added by mutation across a server restart', async () => {
    const incidentId = await newIncident();
    const added = await addByApi(incidentId, { body: 'Survives the restart' });

    await restartServer(keel);

    const editor = open(timelineName(incidentId));
    await editor.synced();
    expect(readEntry(editor.doc, added.id)?.bodyText).toBe('Survives the restart');
    // Fixture clients keep the old server's address.
    const reader = new GraphqlClient(keel.url);
    reader.sessionSecret = acme.responder.client.sessionSecret;
    const page = await timeline(incidentId, {}, reader);
    expect(page.nodes.map((node) => node.id)).toContain(added.id);
  });
});
