import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { CLOSE_CODES } from '../http/close-codes.js';
import {
  addMember,
  createOrganization,
  createToken,
  declareIncident,
  type OrganizationFixture,
} from '../test-support/fixtures.js';
import type { GraphqlClient } from '../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import { DEFAULT_QUERY_LIMITS } from './limits/index.js';

/*
 * graphql-ws on a real socket: authentication at connection_init, the protocol's close codes,
 * incidentChanged events and their tenant boundary, revocation, and the document limits and
 * rate limit that graphql-ws would not apply by itself.
 */

const INIT_TIMEOUT_MS = 400;

const INCIDENT_CHANGED = `subscription Changes($incidentId: ID) {
  incidentChanged(incidentId: $incidentId) {
    kind changedFields version
    incident { id title status roles { role holder { id } } }
  }
}`;

interface ChangeEvent {
  kind: string;
  changedFields: string[];
  version: number;
  incident: {
    id: string;
    title: string;
    status: string;
    roles: { role: string; holder: { id: string } }[];
  } | null;
}

let keel: TestKeel;
let acme: OrganizationFixture;
let globex: OrganizationFixture;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  keel = await startTestKeel({ wsInitTimeoutMs: INIT_TIMEOUT_MS });
  [acme, globex] = await Promise.all([
    createOrganization(keel, 'Acme Retail'),
    createOrganization(keel, 'Globex Logistics'),
  ]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  sockets.forEach((socket) => socket.terminate());
  await keel?.close();
});

/** A graphql-ws client that connects at once and never retries, so a close code is final. */
function connect(
  target: TestKeel,
  credentials: { token?: string | null; cookie?: string | null },
): { client: Client; connections: () => number; closes: CloseInfo[] } {
  let connections = 0;
  const closes: CloseInfo[] = [];
  const client = createClient({
    url: target.wsUrl,
    webSocketImpl: credentials.cookie ? withCookie(credentials.cookie) : WebSocket,
    connectionParams: credentials.token ? { authorization: `Bearer ${credentials.token}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      connected: () => {
        connections += 1;
      },
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  clients.push(client);
  return { client, connections: () => connections, closes };
}

/** The `ws` WebSocket with a cookie header on its upgrade request, as a browser would send. */
function withCookie(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    }
  };
}

/** What a running subscription has received so far. */
interface Subscription<T> {
  events: T[];
  errors: unknown[];
}

function subscribe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  pick: (data: Record<string, unknown>) => T = (data) => data.incidentChanged as T,
): Subscription<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(pick(result.data));
      },
      // An error message carries a list of errors; a failed connection, a close event.
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => {},
    },
  );
  return { events, errors };
}

/**
 * Waits until a new subscription is listening. The server subscribes to the event bus a moment
 * after the subscribe message, and the protocol does not say when, so this triggers events until
 * one arrives. Assertions afterwards pick the events of the incidents they are about.
 */
async function whenListening(
  subscription: Subscription<ChangeEvent>,
  trigger: () => Promise<unknown>,
): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await trigger();
    try {
      await vi.waitFor(() => expect(subscription.events.length).toBeGreaterThan(0), {
        timeout: 250,
        interval: 10,
      });
      return;
    } catch {
      // Not listening yet; trigger again.
    }
  }
  throw new Error(`the subscription never started: ${JSON.stringify(subscription.errors)}`);
}

/** Declares an incident, for {@link whenListening}. */
function declareProbe(client: GraphqlClient): () => Promise<unknown> {
  return () => declareIncident(client, { title: 'Probe' });
}

/** What one query or mutation over WebSocket gave back: a result, or an error message. */
async function execute(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ result?: ExecutionResult; errors?: readonly GraphQLFormattedError[] }> {
  return new Promise((resolve) => {
    let result: ExecutionResult | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value as ExecutionResult;
        },
        error: (error) => resolve({ errors: error as GraphQLFormattedError[] }),
        complete: () => resolve({ result }),
      },
    );
  });
}

interface CloseInfo {
  code: number;
  reason: string;
}

/** A bare graphql-transport-ws socket, for testing the protocol itself. */
interface RawSocket {
  socket: WebSocket;
  messages: { type: string; id?: string; payload?: unknown }[];
  closed: Promise<CloseInfo>;
  send(message: Record<string, unknown>): void;
}

async function openRawSocket(cookie?: string): Promise<RawSocket> {
  const socket = new WebSocket(keel.wsUrl, 'graphql-transport-ws', {
    headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
  });
  sockets.push(socket);

  const messages: RawSocket['messages'] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<CloseInfo>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages, closed, send: (message) => socket.send(JSON.stringify(message)) };
}

/** A raw socket past connection_ack. */
async function acknowledgedSocket(init: { token?: string; cookie?: string }): Promise<RawSocket> {
  const raw = await openRawSocket(init.cookie);
  raw.send({
    type: 'connection_init',
    payload: init.token ? { authorization: `Bearer ${init.token}` } : {},
  });
  await vi.waitFor(() => expect(raw.messages.map((m) => m.type)).toContain('connection_ack'));
  return raw;
}

/** The value of an unlabelled (or singly labelled) gauge on /metrics. */
async function gauge(name: string): Promise<number> {
  const text = await (await fetch(`${keel.url}/metrics`)).text();
  if (!text.includes(`# TYPE ${name} gauge`)) throw new Error(`no ${name} on /metrics`);
  // A labelled gauge shows no sample until it is first set.
  const sample = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(text);
  return Number(sample?.[1] ?? 0);
}

describe('connection_init', () => {
  it('counts open sockets and forgets closed ones', async () => {
    const before = await gauge('keel_websocket_connections_open');
    const raw = await acknowledgedSocket({ token: acme.readToken.token! });
    await vi.waitFor(async () =>
      expect(await gauge('keel_websocket_connections_open')).toBe(before + 1),
    );

    raw.socket.close();
    await raw.closed;
    await vi.waitFor(async () =>
      expect(await gauge('keel_websocket_connections_open')).toBe(before),
    );
  });

  it('accepts a bearer token in connectionParams', async () => {
    const raw = await acknowledgedSocket({ token: acme.readToken.token! });
    expect(raw.messages[0]?.type).toBe('connection_ack');
    raw.socket.close();
    await raw.closed;
  });

  it('accepts the session cookie sent with the upgrade request', async () => {
    const { client, connections } = connect(keel, { cookie: acme.viewer.client.sessionSecret });
    const { result } = await execute(client, '{ viewer { name kind } }');

    expect(result?.data).toEqual({ viewer: { name: 'VIEWER person', kind: 'USER' } });
    expect(connections()).toBe(1);
  });

  it('closes with 4403 for an unknown token', async () => {
    const raw = await openRawSocket();
    raw.send({ type: 'connection_init', payload: { authorization: 'Bearer keel_not_a_token' } });

    expect((await raw.closed).code).toBe(CLOSE_CODES.forbidden);
    expect(raw.messages).toEqual([]);
  });

  it('closes with 4403 when neither a token nor a session is presented', async () => {
    const raw = await openRawSocket();
    raw.send({ type: 'connection_init', payload: {} });

    expect((await raw.closed).code).toBe(CLOSE_CODES.forbidden);
  });

  it('closes with 4408 when connection_init does not arrive in time', async () => {
    const raw = await openRawSocket();
    const openedAt = Date.now();

    expect((await raw.closed).code).toBe(CLOSE_CODES.initTimeout);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 50);
  });

  it('closes with 4429 on a second connection_init', async () => {
    const raw = await acknowledgedSocket({ token: acme.readToken.token! });
    raw.send({ type: 'connection_init', payload: {} });

    expect((await raw.closed).code).toBe(CLOSE_CODES.tooManyInitRequests);
  });
});

describe('subscribe messages', () => {
  it('closes with 4401 for a subscribe before the connection is acknowledged', async () => {
    const raw = await openRawSocket();
    raw.send({ type: 'subscribe', id: '1', payload: { query: '{ viewer { name } }' } });

    expect((await raw.closed).code).toBe(CLOSE_CODES.unauthorized);
  });

  it('closes with 4409 for a second subscription under an id in use', async () => {
    const raw = await acknowledgedSocket({ token: acme.readToken.token! });
    const subscribeMessage = {
      type: 'subscribe',
      id: 'same',
      payload: { query: INCIDENT_CHANGED },
    };
    raw.send(subscribeMessage);
    raw.send(subscribeMessage);

    expect((await raw.closed).code).toBe(CLOSE_CODES.subscriberExists);
  });
});

describe('incidentChanged', () => {
  it('delivers each kind of change with its changed fields and the incident', async () => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const subscription = subscribe<ChangeEvent>(client, INCIDENT_CHANGED);
    await whenListening(subscription, declareProbe(acme.responder.client));

    const responder = acme.responder.client;
    const declared = await declareIncident(responder, { title: 'Orders stuck in sync' });
    const updated = await responder.data<{ updateIncident: { version: number } }>(
      `mutation U($input: UpdateIncidentInput!) { updateIncident(input: $input) { version } }`,
      {
        input: { incidentId: declared.id, expectedVersion: declared.version, title: 'Orders lost' },
      },
    );
    const assigned = await responder.data<{ assignIncidentRole: { version: number } }>(
      `mutation A($input: AssignIncidentRoleInput!) {
        assignIncidentRole(input: $input) { version }
      }`,
      { input: { incidentId: declared.id, role: 'INCIDENT_LEAD', userId: acme.responder.userId } },
    );
    await responder.data(
      `mutation T($input: TransitionIncidentInput!) { transitionIncident(input: $input) { id } }`,
      {
        input: {
          incidentId: declared.id,
          expectedVersion: assigned.assignIncidentRole.version,
          to: 'CANCELLED',
          note: 'Raised twice',
        },
      },
    );

    const ofIncident = () => subscription.events.filter((e) => e.incident?.id === declared.id);
    await vi.waitFor(() => expect(ofIncident()).toHaveLength(4));
    const [first, second, third, fourth] = ofIncident();

    expect(first).toMatchObject({ kind: 'DECLARED', changedFields: ['status'] });
    expect(second).toMatchObject({
      kind: 'UPDATED',
      changedFields: ['title'],
      version: updated.updateIncident.version,
    });
    expect(third).toMatchObject({ kind: 'ROLE_ASSIGNED', changedFields: ['role.INCIDENT_LEAD'] });
    expect(fourth).toMatchObject({ kind: 'TRANSITIONED', changedFields: ['status'] });
    // The incident is read when the event is sent, so it shows the state of that moment or later.
    expect(fourth?.incident).toMatchObject({
      title: 'Orders lost',
      status: 'CANCELLED',
      roles: [{ role: 'INCIDENT_LEAD', holder: { id: acme.responder.userId } }],
    });
    expect(subscription.errors).toEqual([]);
  });

  it("never delivers another organisation's events", async () => {
    const acmeSide = subscribe<ChangeEvent>(
      connect(keel, { token: acme.readToken.token }).client,
      INCIDENT_CHANGED,
    );
    const globexSide = subscribe<ChangeEvent>(
      connect(keel, { cookie: globex.viewer.client.sessionSecret }).client,
      INCIDENT_CHANGED,
    );
    await whenListening(acmeSide, declareProbe(acme.responder.client));
    await whenListening(globexSide, declareProbe(globex.responder.client));

    const acmeIncident = await declareIncident(acme.responder.client, { title: 'Acme only' });
    await vi.waitFor(() =>
      expect(acmeSide.events.map((e) => e.incident?.id)).toContain(acmeIncident.id),
    );

    // One subscription's events arrive in order: once this later Globex event is in, an Acme
    // event leaking to Globex would have arrived too.
    const fence = await declareIncident(globex.responder.client, { title: 'Globex fence' });
    await vi.waitFor(() =>
      expect(globexSide.events.map((e) => e.incident?.id)).toContain(fence.id),
    );

    expect(globexSide.events.map((e) => e.incident?.title)).not.toContain('Acme only');
    // A leaked event would come with a null incident: the field is read within Globex.
    expect(globexSide.events.every((e) => e.incident !== null)).toBe(true);
  });

  it('delivers only the given incident when incidentId is set', async () => {
    const watched = await declareIncident(acme.responder.client, { title: 'Watched' });
    const other = await declareIncident(acme.responder.client, { title: 'Unwatched' });
    const subscription = subscribe<ChangeEvent>(
      connect(keel, { token: acme.readToken.token }).client,
      INCIDENT_CHANGED,
      { incidentId: watched.id },
    );

    let version = watched.version;
    const editWatched = async (title: string) => {
      const data = await acme.responder.client.data<{ updateIncident: { version: number } }>(
        `mutation U($input: UpdateIncidentInput!) { updateIncident(input: $input) { version } }`,
        { input: { incidentId: watched.id, expectedVersion: version, title } },
      );
      version = data.updateIncident.version;
    };
    let edits = 0;
    await whenListening(subscription, () => editWatched(`Watched ${(edits += 1)}`));

    await acme.responder.client.data(
      `mutation U($input: UpdateIncidentInput!) { updateIncident(input: $input) { id } }`,
      { input: { incidentId: other.id, expectedVersion: other.version, title: 'Still unwatched' } },
    );
    await declareIncident(acme.responder.client, { title: 'New and unwatched' });
    await editWatched('Watched, last edit');
    await vi.waitFor(() =>
      expect(subscription.events.map((e) => e.incident?.title)).toContain('Watched, last edit'),
    );

    expect(new Set(subscription.events.map((e) => e.incident?.id))).toEqual(new Set([watched.id]));
  });

  it("answers NOT_FOUND for another organisation's incident id and keeps the socket", async () => {
    const foreign = await declareIncident(globex.responder.client, { title: 'Globex secret' });
    const { client, connections, closes } = connect(keel, { token: acme.readToken.token });

    const subscription = subscribe<ChangeEvent>(client, INCIDENT_CHANGED, {
      incidentId: foreign.id,
    });
    await vi.waitFor(() => expect(subscription.errors).toHaveLength(1));

    expect(subscription.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(subscription.errors)).not.toContain('Globex secret');
    expect(subscription.events).toEqual([]);

    const { result } = await execute(client, '{ viewer { name } }');
    expect(result?.data).toEqual({ viewer: { name: 'token READ' } });
    expect({ connections: connections(), closes }).toEqual({ connections: 1, closes: [] });
  });

  it('counts a subscription as open only while it runs, also when its socket drops', async () => {
    const before = await gauge('keel_graphql_subscriptions_open');

    const raw = await acknowledgedSocket({ token: acme.readToken.token! });
    raw.send({ type: 'subscribe', id: 'gauge', payload: { query: INCIDENT_CHANGED } });
    await vi.waitFor(async () =>
      expect(await gauge('keel_graphql_subscriptions_open')).toBe(before + 1),
    );

    // No event follows: the subscription must end without waiting for one.
    raw.socket.terminate();
    await vi.waitFor(async () =>
      expect(await gauge('keel_graphql_subscriptions_open')).toBe(before),
    );
  });
});

describe('revocation', () => {
  it('closes the sockets of a revoked token with 4403', async () => {
    const token = await createToken(acme.admin.client, ['READ']);
    const raw = await acknowledgedSocket({ token: token.secret });
    raw.send({ type: 'subscribe', id: 'live', payload: { query: INCIDENT_CHANGED } });
    const bystander = await acknowledgedSocket({ token: acme.readToken.token! });

    await acme.admin.client.data(`mutation R($id: ID!) { revokeApiToken(id: $id) { id } }`, {
      id: token.id,
    });

    expect((await raw.closed).code).toBe(CLOSE_CODES.forbidden);
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
    bystander.socket.close();
  });

  it('closes a cookie-authenticated socket with 4403 when that session signs out', async () => {
    const member = await addMember(keel, acme.admin.client, 'VIEWER', acme.organizationId);
    const raw = await acknowledgedSocket({ cookie: member.client.sessionSecret! });
    raw.send({ type: 'subscribe', id: 'live', payload: { query: INCIDENT_CHANGED } });

    await member.client.data('mutation { signOut }');

    expect((await raw.closed).code).toBe(CLOSE_CODES.forbidden);
  });
});

describe('document limits over WebSocket', () => {
  /** incident, automations, incidents, edges, node, … : one field deeper per step. */
  function deepQuery(depth: number): string {
    const steps = ['automations', 'incidents(first: 1)', 'edges', 'node'];
    let selection = 'id';
    for (let level = depth - 1; level >= 2; level -= 1) {
      selection = `${steps[(level - 2) % steps.length]} { ${selection} }`;
    }
    return `{ incident(id: "x") { ${selection} } }`;
  }

  /** A query of exactly `tokens` lexical tokens: a long enum list in a filter. */
  function queryOfTokens(tokens: number): string {
    // `{ incidents ( filter : { severities : [` and `] } ) { totalCount } }` are 16 tokens.
    const severities = ' SEV1'.repeat(tokens - 16);
    return `{ incidents(filter: { severities: [${severities} ] }) { totalCount } }`;
  }

  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`;

  const cases: { limit: string; query: string; code: string; message: RegExp }[] = [
    { limit: 'depth', query: deepQuery(11), code: 'BAD_USER_INPUT', message: /depth 11/ },
    { limit: 'aliases', query: aliased(31), code: 'BAD_USER_INPUT', message: /alias count 31/ },
    {
      limit: 'directives',
      query: `{ viewer { ${'name @include(if: true) '.repeat(21)} } }`,
      code: 'BAD_USER_INPUT',
      message: /directive count 21/,
    },
    {
      limit: 'cost',
      query: '{ incidents(first: 100) { nodes { activity(first: 100) { nodes { id } } } } }',
      code: 'BAD_USER_INPUT',
      message: new RegExp(`cost 20201.* limit of ${DEFAULT_QUERY_LIMITS.maxCost}`),
    },
    {
      limit: 'tokens',
      query: queryOfTokens(2001),
      code: 'BAD_USER_INPUT',
      message: /token count exceeds the limit of 2000/,
    },
    {
      limit: 'document size',
      query: `${'#'.repeat(20_000)}\n{ viewer { name } }`,
      code: 'PAYLOAD_TOO_LARGE',
      message: /20\d{3} bytes exceeds the limit of 20000/,
    },
  ];

  it.each(cases)('refuses a document past the $limit limit with $code', async (limitCase) => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const { errors, result } = await execute(client, limitCase.query);

    expect(result).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.message).toMatch(limitCase.message);
    expect(errors?.[0]?.extensions?.code).toBe(limitCase.code);
  });

  it('accepts documents at each limit', async () => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const atLimits = [
      deepQuery(10),
      aliased(30),
      `{ viewer { ${'name @include(if: true) '.repeat(20)} } }`,
      queryOfTokens(2000),
      `${'#'.repeat(20_000 - '\n{ viewer { name } }'.length)}\n{ viewer { name } }`,
    ];

    for (const query of atLimits) {
      const { errors, result } = await execute(client, query);
      expect({ errors, resultErrors: result?.errors }).toEqual({
        errors: undefined,
        resultErrors: undefined,
      });
    }
  });

  it('prices page sizes given in variables and tells the cost in extensions', async () => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const query = `query Q($n: Int = 10) {
      incidents(first: $n) { nodes { activity(first: $n) { nodes { id } } } }
    }`;

    expect((await execute(client, query, { n: 10 })).result?.errors).toBeUndefined();
    const { errors } = await execute(client, query, { n: 100 });
    expect(errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      cost: 20_201,
      maxCost: DEFAULT_QUERY_LIMITS.maxCost,
    });
  });

  it('keeps the connection usable after refusing documents', async () => {
    const { client, connections, closes } = connect(keel, { token: acme.readToken.token });

    for (const { query } of cases) await execute(client, query);
    await execute(client, '{ incidents(first: 101) { totalCount } }');
    const { result } = await execute(client, '{ viewer { name } }');

    expect(result?.data).toEqual({ viewer: { name: 'token READ' } });
    expect({ connections: connections(), closes }).toEqual({ connections: 1, closes: [] });
  });
});

describe('queries and mutations over WebSocket', () => {
  it('refuses a page size of 101 with BAD_USER_INPUT', async () => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const { result } = await execute(client, '{ incidents(first: 101) { totalCount } }');

    expect(result?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result?.errors?.[0]?.message).toMatch(/between 1 and 100/);
  });

  it('refuses variables that do not coerce with BAD_USER_INPUT', async () => {
    const { client } = connect(keel, { token: acme.readToken.token });
    const { result } = await execute(
      client,
      'query Q($s: [Severity!]) { incidents(filter: { severities: $s }) { totalCount } }',
      { s: ['SEV0'] },
    );

    expect(result?.errors).toHaveLength(1);
    expect(result?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result?.errors?.[0]?.message).toMatch(/"SEV0" does not exist in "Severity"/);
  });

  it('refuses an oversized input with BAD_USER_INPUT and writes nothing', async () => {
    const writer = await createToken(acme.admin.client, ['WRITE']);
    const { client } = connect(keel, { token: writer.secret });
    // Counted through the API: the test database's own pool can race its drop at the end.
    const totals = async () =>
      acme.admin.client.data<{
        incidents: { totalCount: number };
        auditLog: { totalCount: number };
      }>('{ incidents { totalCount } auditLog { totalCount } }');
    const before = await totals();

    const { result } = await execute(
      client,
      `mutation D($input: DeclareIncidentInput!) { declareIncident(input: $input) { id } }`,
      {
        input: {
          title: 'Too long a summary',
          summary: 'x'.repeat(10_001),
          severity: 'SEV3',
          detectionSource: 'OTHER',
        },
      },
    );

    expect(result?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await totals()).toEqual(before);
  });
});

describe('rate limit over WebSocket', () => {
  let limited: TestKeel;
  let org: OrganizationFixture;

  beforeAll(async () => {
    // The fixture takes seven requests from this address, and one more makes a token below;
    // tokens have budgets of their own.
    limited = await startTestKeel({ rateLimitBurst: 10, rateLimitPerSecond: 0.01 });
    org = await createOrganization(limited);
  });

  afterAll(async () => {
    await limited?.close();
  });

  it('refuses operations past the burst with RATE_LIMITED and keeps the socket', async () => {
    const { client, connections, closes } = connect(limited, { token: org.readToken.token });

    const outcomes = [];
    for (let i = 0; i < 12; i += 1) outcomes.push(await execute(client, '{ viewer { name } }'));
    const refused = outcomes.filter((outcome) => outcome.errors);

    expect(outcomes.slice(0, 10).every((outcome) => outcome.result?.data)).toBe(true);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused[0]?.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
    expect({ connections: connections(), closes }).toEqual({ connections: 1, closes: [] });

    const other = connect(limited, { token: org.writeToken.token });
    expect((await execute(other.client, '{ viewer { name } }')).result?.data).toBeTruthy();
  });

  it("shares a token's budget with HTTP, so WebSocket is no way around it", async () => {
    const token = await createToken(org.admin.client, ['READ']);
    const overHttp = token.client(limited.url);
    for (let i = 0; i < 10; i += 1) await overHttp.request('{ viewer { name } }');
    expect((await overHttp.request('{ viewer { name } }')).status).toBe(429);

    const { client } = connect(limited, { token: token.secret });
    const { errors } = await execute(client, '{ viewer { name } }');

    expect(errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('in production', () => {
  let production: TestKeel;
  let productionOrg: OrganizationFixture;

  beforeAll(async () => {
    production = await startTestKeel({ environment: 'production' });
    productionOrg = await createOrganization(production);
  });

  afterAll(async () => {
    await production?.close();
  });

  it('leaves "Did you mean" suggestions out of errors', async () => {
    const mistakes = [
      { query: '{ viewer { nmae } }' },
      {
        query: 'query Q($s: [Severity!]) { incidents(filter: { severities: $s }) { totalCount } }',
        variables: { s: ['SEV0'] },
      },
    ];
    const development = connect(keel, { token: acme.readToken.token }).client;
    const client = connect(production, { token: productionOrg.readToken.token }).client;

    for (const { query, variables } of mistakes) {
      // Outside production the same mistakes draw suggestions, so this check can fail.
      const control = await execute(development, query, variables);
      expect(JSON.stringify(control)).toMatch(/Did you mean/);

      const outcome = await execute(client, query, variables);
      const errors = outcome.errors ?? outcome.result?.errors;
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean/i);
    }
  });
});
