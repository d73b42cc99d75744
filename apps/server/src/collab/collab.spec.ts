import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  COLLAB_LIMITS,
  POSTMORTEM_SECTIONS,
  addEntry,
  listEntries,
  pinEntry,
  postmortemDocumentName,
  readEntry,
  readPostmortemSections,
  refusalReason,
  timelineDocumentName,
  type AuthorRef,
} from '@keel/collab';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../http/close-codes.js';
import { keyOf } from '../ids.js';
import {
  RawCollabSocket,
  credentialsOf,
  eventually,
  incidentKey,
  openProvider,
  startStandaloneCollab,
  storedDocument,
  type TestProvider,
} from '../test-support/collab.js';
import {
  addMember,
  createOrganization,
  createToken,
  declareIncident,
  type OrganizationFixture,
} from '../test-support/fixtures.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';

let keel: TestKeel;
let acme: OrganizationFixture;
let globex: OrganizationFixture;
let timeline: string;
let otherTenantsTimeline: string;
const providers: TestProvider[] = [];
const rawSockets: RawCollabSocket[] = [];

const ada: AuthorRef = { kind: 'USER', id: randomUUID(), name: 'Ada' };

beforeAll(async () => {
  keel = await startTestKeel();
  [acme, globex] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex'),
  ]);
  const [ours, theirs] = await Promise.all([
    declareIncident(acme.admin.client),
    declareIncident(globex.admin.client),
  ]);
  timeline = timelineDocumentName(incidentKey(ours.id));
  otherTenantsTimeline = timelineDocumentName(incidentKey(theirs.id));
});

afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const socket of rawSockets.splice(0)) socket.close();
});

afterAll(async () => {
  await keel?.close();
});

function open(name: string, credentials = credentialsOf(acme.responder.client)): TestProvider {
  const provider = openProvider(keel.url, name, credentials);
  providers.push(provider);
  return provider;
}

function raw(credentials = credentialsOf(acme.responder.client)): RawCollabSocket {
  const socket = new RawCollabSocket(keel.url, credentials);
  rawSockets.push(socket);
  return socket;
}

async function newTimeline(): Promise<string> {
  const incident = await declareIncident(acme.admin.client);
  return timelineDocumentName(incidentKey(incident.id));
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

describe('editing together', () => {
  it('converges two providers, one signed in and one with an API token', async () => {
    const name = await newTimeline();
    const person = open(name);
    const bot = open(name, credentialsOf(acme.writeToken));
    await Promise.all([person.synced(), bot.synced()]);

    const first = addEntry(person.doc, note('Stripe webhooks failing', '2026-03-01T10:05:00Z'));
    const second = addEntry(bot.doc, {
      ...note('Zap run 881 errored', '2026-03-01T10:01:00Z'),
      source: 'INTEGRATION',
    });
    pinEntry(bot.doc, second);

    await eventually(
      () => listEntries(person.doc).length === 2 && listEntries(bot.doc).length === 2,
      'both entries on both sides',
    );
    await eventually(() => readEntry(person.doc, second)?.pinned === true, 'the pin');
    expect(listEntries(person.doc)).toEqual(listEntries(bot.doc));
    expect(listEntries(person.doc).map((entry) => entry.id)).toEqual([second, first]);
    expect(Y.encodeStateVector(person.doc)).toEqual(Y.encodeStateVector(bot.doc));
  });

  it('stores each change with its author before the provider hears it is synced', async () => {
    const name = await newTimeline();
    const person = open(name);
    await person.synced();

    const id = addEntry(person.doc, note('Rolled back the Make scenario'));
    await person.confirmed();

    // No waiting here: the rows must already be committed when the confirmation arrives.
    expect(readEntry(await storedDocument(keel, name), id)?.bodyText).toBe(
      'Rolled back the Make scenario',
    );
    const authors = await keel.sql<{ author_kind: string; author_id: string }>(
      'select author_kind, author_id from collab_update where document_name = $1',
      [name],
    );
    expect(authors).toContainEqual({
      author_kind: 'USER',
      author_id: keyOf(acme.responder.userId, 'User'),
    });
  });

  it('gives a new postmortem the no-blame template once, as a stored change', async () => {
    const incident = await declareIncident(acme.admin.client);
    const name = postmortemDocumentName(incidentKey(incident.id));
    const first = open(name);
    const second = open(name);
    await Promise.all([first.synced(), second.synced()]);

    const titles = POSTMORTEM_SECTIONS.map((section) => section.title);
    expect(readPostmortemSections(first.doc).map((section) => section.title)).toEqual(titles);
    expect(readPostmortemSections(second.doc).map((section) => section.title)).toEqual(titles);

    const rows = await keel.sql<{ author_kind: string }>(
      'select author_kind from collab_update where document_name = $1',
      [name],
    );
    expect(rows).toEqual([{ author_kind: 'SYSTEM' }]);
  });
});

describe('authorising documents', () => {
  it.each([
    ['another organisation’s incident', () => otherTenantsTimeline],
    ['an incident that does not exist', () => timelineDocumentName(randomUUID())],
    ['a malformed name', () => 'incident/not-a-uuid/timeline'],
    ['a name with ..', () => `incident/../${timeline.split('/')[1]}/timeline`],
    ['a very long name', () => `${timeline}/${'x'.repeat(100_000)}`],
    ['an unknown kind', () => timeline.replace('timeline', 'secrets')],
  ])('refuses %s with 4404 and sends none of its state', async (_label, nameOf) => {
    const name = nameOf();
    const socket = raw();
    await socket.open(name);

    const answer = await socket.authAnswer(name);
    expect(answer).toMatchObject({ authType: 1, text: refusalReason('notFound') });
    expect(refusalReason('notFound')).toBe(`${CLOSE_CODES.collabNotFound} not-found`);

    // The provider's sync request went out with the authentication; nothing may answer it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.messagesFor(name).filter((message) => message.type !== 2)).toEqual([]);
  });

  it('refuses another tenant’s incident exactly as a missing one, to a provider', async () => {
    const theirs = open(otherTenantsTimeline);
    const missing = open(timelineDocumentName(randomUUID()));

    expect(await theirs.refused()).toBe('4404 not-found');
    expect(await missing.refused()).toBe('4404 not-found');
    expect(theirs.doc.share.size).toBe(0);
    expect(theirs.provider.isSynced).toBe(false);
  });

  it('refuses a socket without credentials, or with an unknown token, with 4401', async () => {
    const anonymous = open(timeline, {});
    const forged = open(timeline, { token: 'keel_not-a-real-secret' });

    expect(await anonymous.refused()).toBe(refusalReason('unauthenticated'));
    expect(await forged.refused()).toBe(refusalReason('unauthenticated'));
  });

  it('keeps the socket open for its other documents after a refusal', async () => {
    const socket = raw();
    await socket.open(otherTenantsTimeline);
    await socket.open(timeline);

    expect((await socket.authAnswer(otherTenantsTimeline)).authType).toBe(1);
    expect(await socket.authAnswer(timeline)).toMatchObject({ authType: 2, text: 'read-write' });
  });

  it('closes a socket that keeps asking for documents it may not open, with 4429', async () => {
    const socket = raw();
    for (let attempt = 0; attempt < 25; attempt += 1) {
      await socket.open(timelineDocumentName(randomUUID()));
    }

    expect(await socket.closedWith).toEqual({
      code: CLOSE_CODES.collabTooManyRefusals,
      reason: refusalReason('tooManyRefusals'),
    });
  });
});

describe('changing access', () => {
  it('closes the socket of a token that is revoked while it edits, with 4403', async () => {
    const token = await createToken(acme.admin.client, ['WRITE']);
    const bot = open(timeline, { token: token.secret });
    await bot.synced();

    await acme.admin.client.data(`mutation R($id: ID!) { revokeApiToken(id: $id) { id } }`, {
      id: token.id,
    });

    expect(await bot.closed()).toEqual({
      code: CLOSE_CODES.collabForbidden,
      reason: refusalReason('forbidden'),
    });
  });
  it('closes with 4409 when a member’s role changes; reopened, it is read-only', async () => {
    const member = await addMember(keel, acme.admin.client, 'RESPONDER', acme.organizationId);
    const before = open(timeline, credentialsOf(member.client));
    await before.synced();
    expect(before.provider.authorizedScope).toBe('read-write');

    await acme.admin.client.data(
      `mutation C($id: ID!) { changeMemberRole(membershipId: $id, role: VIEWER) { id } }`,
      { id: member.membershipId },
    );

    expect(await before.closed()).toEqual({
      code: CLOSE_CODES.collabAccessChanged,
      reason: refusalReason('accessChanged'),
    });
    const after = open(timeline, credentialsOf(member.client));
    await after.synced();
    expect(after.provider.authorizedScope).toBe('readonly');
  });
});

describe('read-only connections', () => {
  it.each([
    ['a viewer', () => credentialsOf(acme.viewer.client)],
    ['a READ token', () => credentialsOf(acme.readToken)],
  ])('refuse the edits of %s, which never reach others', async (_label, credentialsFor) => {
    const name = await newTimeline();
    const responder = open(name);
    const reader = open(name, credentialsFor());
    await Promise.all([responder.synced(), reader.synced()]);
    expect(reader.provider.authorizedScope).toBe('readonly');

    addEntry(reader.doc, note('I should not be able to write this'));
    await eventually(() => reader.notApplied() > 0, 'the server to refuse the update');

    const fromResponder = addEntry(responder.doc, note('Responder note'));
    await eventually(() => readEntry(reader.doc, fromResponder) !== null, 'reading still works');
    expect(listEntries(responder.doc).map((entry) => entry.id)).toEqual([fromResponder]);
    expect(readEntry(await storedDocument(keel, name), fromResponder)).not.toBeNull();
    expect(listEntries(await storedDocument(keel, name))).toHaveLength(1);
  });

  it('drop the presence of a viewer but show them everyone else', async () => {
    const name = await newTimeline();
    const responder = open(name);
    const viewer = open(name, credentialsOf(acme.viewer.client));
    await Promise.all([responder.synced(), viewer.synced()]);

    viewer.provider.setAwarenessField('user', { name: 'Viewer' });
    responder.provider.setAwarenessField('user', { name: 'Responder' });

    const viewerId = viewer.doc.clientID;
    const responderId = responder.doc.clientID;
    await eventually(
      () => viewer.provider.awareness!.getStates().has(responderId),
      'the viewer to see the responder',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(responder.provider.awareness!.getStates().has(viewerId)).toBe(false);
  });
});

describe('malformed input', () => {
  it.each([
    ['garbage', () => new TextEncoder().encode('definitely not yjs')],
    ['an empty update', () => new Uint8Array()],
    ['a truncated update', () => truncatedUpdate()],
  ])('%s closes only that socket with 4400; the others keep editing', async (_label, bytes) => {
    const name = await newTimeline();
    const person = open(name);
    const bot = open(name, credentialsOf(acme.writeToken));
    await Promise.all([person.synced(), bot.synced()]);
    const rowsBefore = await journalRows(name);

    const attacker = raw();
    await attacker.open(name);
    expect((await attacker.authAnswer(name)).authType).toBe(2);
    attacker.sendUpdate(name, bytes());

    expect(await attacker.closedWith).toEqual({
      code: CLOSE_CODES.collabInvalidUpdate,
      reason: refusalReason('invalidUpdate'),
    });
    const id = addEntry(person.doc, note('still working'));
    await eventually(() => readEntry(bot.doc, id) !== null, 'the edit to reach the other side');
    await person.confirmed();

    expect(person.closes).toEqual([]);
    expect(bot.closes).toEqual([]);
    expect(await journalRows(name)).toBe(rowsBefore + 1);
    const fresh = open(name);
    await fresh.synced();
    expect(readEntry(fresh.doc, id)?.bodyText).toBe('still working');
  });

  it('closes a socket that sends a frame over the size cap with 1009', async () => {
    const attacker = raw();
    await attacker.open(timeline);
    await attacker.authAnswer(timeline);

    attacker.send(new Uint8Array(COLLAB_LIMITS.maxMessageBytes + 1));

    expect((await attacker.closedWith).code).toBe(CLOSE_CODES.collabMessageTooBig);
    const person = open(timeline);
    await person.synced();
  });
});

describe('shutting down', () => {
  it('closes every socket with 1001 and turns new ones away', async () => {
    const collab = await startStandaloneCollab(keel);
    const person = openProvider(collab.url, timeline, credentialsOf(acme.responder.client));
    providers.push(person);
    await person.synced();

    await collab.close();

    expect(await person.closed()).toEqual({
      code: CLOSE_CODES.goingAway,
      reason: refusalReason('goingAway'),
    });
    const late = new RawCollabSocket(collab.url);
    await expect(late.open(timeline)).rejects.toThrow();
  });
});

function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  addEntry(doc, note('cut short'));
  const update = Y.encodeStateAsUpdate(doc);
  return update.subarray(0, Math.floor(update.byteLength / 2));
}

async function journalRows(name: string): Promise<number> {
  const [row] = await keel.sql<{ count: string }>(
    'select count(*) from collab_update where document_name = $1',
    [name],
  );
  return Number(row!.count);
}
