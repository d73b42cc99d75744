import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { CLIENT_ERROR_CODES } from '../errors/client-error.js';
import { MAX_BODY_BYTES } from '../http/app.js';
import { createLogger } from '../logger.js';
import { createOrganization, type OrganizationFixture } from '../test-support/fixtures.js';
import type { GraphqlClient, ResponseError } from '../test-support/graphql-client.js';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import { GENERIC_ERROR_MESSAGE, formatClientError } from './format-error.js';
import { DEFAULT_QUERY_LIMITS, createLimitRules } from './limits/index.js';

/*
 * GraphQL over HTTP as a client meets it: the document limits, page sizes, rate limits, the
 * transport's own refusals (batches, mutations over GET, CSRF), what production hides, and the
 * probes and metrics beside the API.
 */

const LIMITS = DEFAULT_QUERY_LIMITS;

let keel: TestKeel;
let org: OrganizationFixture;

beforeAll(async () => {
  keel = await startTestKeel();
  org = await createOrganization(keel);
});

afterAll(async () => {
  await keel?.close();
});

/** A response read as JSON, whatever its status. */
interface RawResponse {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: ResponseError[] };
}

async function raw(target: TestKeel, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(`${target.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

/** A POST to /graphql with any JSON body, as a client that is not our GraphqlClient would. */
function postJson(target: TestKeel, body: unknown, headers: Record<string, string> = {}) {
  return raw(target, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function codes(errors: ResponseError[] | undefined): (string | undefined)[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

/** Sends a query as the admin and expects it to pass every limit and run without errors. */
async function expectAccepted(query: string, variables?: Record<string, unknown>) {
  const response = await org.admin.client.request(query, variables);
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
}

/** Sends a query as the admin and expects a 400 with one BAD_USER_INPUT error. */
async function expectRefused(query: string, message: RegExp, variables?: object) {
  const response = await org.admin.client.request(query, variables as Record<string, unknown>);
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.message).toMatch(message);
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(response.status).toBe(400);
  return response.errors![0]!;
}

/**
 * A query `depth` fields deep that runs cheaply: incident, then automations, incidents, edges
 * and node in turn, ending in id. An unknown incident id makes it return null at once.
 */
function queryOfDepth(depth: number): string {
  const steps = ['automations', 'incidents(first: 1)', 'edges', 'node'];
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) {
    selection = `${steps[(level - 2) % steps.length]} { ${selection} }`;
  }
  return `{ incident(id: "Incident:none") { ${selection} } }`;
}

/**
 * A query whose estimated cost is exactly `cost` by the model of limits/cost.ts:
 * `incidents(first: 100) { nodes { id activity(first: b) { nodes { id } } } }` costs
 * 1 + 100 × (3 + 2b), and each top-level `__typename` adds 1.
 */
function queryCosting(cost: number): string {
  const pageSize = Math.floor((cost - 301) / 200);
  const base = 1 + 100 * (3 + 2 * pageSize);
  const inner = `activity(first: ${pageSize}) { nodes { id } }`;
  return `{ incidents(first: 100) { nodes { id ${inner} } } ${'__typename '.repeat(cost - base)}}`;
}

/** A query of exactly `tokens` lexical tokens: a long enum list in a filter. */
function queryOfTokens(tokens: number): string {
  // `{ incidents ( filter : { severities : [` and `] } ) { totalCount } }` are 16 tokens.
  const severities = ' SEV1'.repeat(tokens - 16);
  return `{ incidents(filter: { severities: [${severities} ] }) { totalCount } }`;
}

/** The teams' names, read through the API. */
async function teamNames(): Promise<string[]> {
  const data = await org.admin.client.data<{ teams: { name: string }[] }>('{ teams { name } }');
  return data.teams.map((team) => team.name);
}

describe('document limits', () => {
  it(`accepts a depth of ${LIMITS.maxDepth} and refuses one more`, async () => {
    await expectAccepted(queryOfDepth(LIMITS.maxDepth));
    await expectRefused(queryOfDepth(LIMITS.maxDepth + 1), /depth 11 exceeds the limit of 10/);
  });

  it('measures depth through fragments', async () => {
    const query = (innermost: string) => `
      query { incident(id: "Incident:none") { ...A } }
      fragment A on Incident { automations { ... on Automation { ...B } } }
      fragment B on Automation { incidents(first: 1) { edges { node { ...C } } } }
      fragment C on Incident { automations { incidents(first: 1) { edges { ${innermost} } } } }
    `;
    await expectAccepted(query('node { id }'));
    await expectRefused(query('node { automations { id } }'), /depth 11/);
  });

  it(`accepts ${LIMITS.maxAliases} aliases and refuses more, counting each spread`, async () => {
    const aliases = (count: number) =>
      Array.from({ length: count }, (_, i) => `a${i}: viewer { name }`).join(' ');
    await expectAccepted(`{ ${aliases(LIMITS.maxAliases)} }`);
    await expectRefused(`{ ${aliases(LIMITS.maxAliases + 1)} }`, /alias count 31/);

    // Sixteen aliases, spread twice, are 32.
    await expectRefused(
      `{ ...Sixteen ...Sixteen } fragment Sixteen on Query { ${aliases(16)} }`,
      /alias count 32 exceeds the limit of 30/,
    );
  });

  it(`accepts ${LIMITS.maxDirectives} directives and refuses more, also in fragments`, async () => {
    const directives = (count: number) => 'name @include(if: true) '.repeat(count);
    await expectAccepted(`{ viewer { ${directives(LIMITS.maxDirectives)} } }`);
    await expectRefused(
      `{ viewer { ${directives(LIMITS.maxDirectives + 1)} } }`,
      /directive count 21 exceeds the limit of 20/,
    );
    await expectRefused(
      `{ viewer { ...Eleven ...Eleven } } fragment Eleven on Viewer { ${directives(11)} }`,
      /directive count 22/,
    );
  });

  it(`accepts a cost of ${LIMITS.maxCost} and refuses one more, naming both figures`, async () => {
    await expectAccepted(queryCosting(LIMITS.maxCost));

    const error = await expectRefused(queryCosting(LIMITS.maxCost + 1), /cost/);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      cost: LIMITS.maxCost + 1,
      maxCost: LIMITS.maxCost,
    });
  });

  it('refuses nested pages of 100, also through fragments', async () => {
    const nested = '{ incidents(first: 100) { nodes { activity(first: 100) { nodes { id } } } } }';
    const error = await expectRefused(nested, /cost/);
    expect(error.extensions?.cost).toBe(20_201);

    await expectRefused(
      `{ ...Incidents }
       fragment Incidents on Query { incidents(first: 100) { nodes { ...Activity } } }
       fragment Activity on Incident { activity(first: 100) { nodes { id } } }`,
      /cost/,
    );
  });

  it('prices page sizes given in variables by their values', async () => {
    const query = `query Pages($outer: Int = 10, $inner: Int = 10) {
      incidents(first: $outer) { nodes { activity(first: $inner) { nodes { id } } } }
    }`;
    await expectAccepted(query, { outer: 100, inner: 10 });

    const error = await expectRefused(query, /cost/, { outer: 100, inner: 100 });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      cost: 20_201,
      maxCost: LIMITS.maxCost,
    });
  });

  it(`accepts ${LIMITS.maxTokens} tokens and refuses one more`, async () => {
    await expectAccepted(queryOfTokens(LIMITS.maxTokens));
    await expectRefused(queryOfTokens(LIMITS.maxTokens + 1), /2000 tokens/);
  });

  it(`accepts a ${LIMITS.maxDocumentBytes}-byte document and refuses more with 413`, async () => {
    const query = '{ viewer { name } }';
    const padded = (bytes: number) => `${'#'.repeat(bytes - query.length - 1)}\n${query}`;
    await expectAccepted(padded(LIMITS.maxDocumentBytes));

    const response = await org.admin.client.request(padded(LIMITS.maxDocumentBytes + 1));
    expect(response.status).toBe(413);
    expect(codes(response.errors)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, whatever the document`, async () => {
    const response = await org.admin.client.request('query Q($pad: String) { viewer { name } }', {
      pad: 'x'.repeat(MAX_BODY_BYTES),
    });

    expect(response.status).toBe(413);
    expect(codes(response.errors)).toEqual(['PAYLOAD_TOO_LARGE']);
  });
});

describe('errors from validation rules', () => {
  it('keep the code and figures a limit rule gave them, though Apollo re-codes them', async () => {
    // Apollo wraps every validation error as GRAPHQL_VALIDATION_FAILED; the rule's own error,
    // with its extensions, becomes the wrapper's originalError.
    const schema = buildSchema(`
      type Query { items(first: Int): [Item!]! }
      type Item { id: ID! children(first: Int): [Item!]! }
    `);
    const logger = createLogger('silent');
    const apollo = new ApolloServer({
      schema,
      validationRules: createLimitRules({ ...LIMITS, maxCost: 5000 }),
      formatError: (formatted, error) => formatClientError(formatted, error, logger),
    });
    await apollo.start();
    try {
      const response = await apollo.executeOperation({
        query: '{ items(first: 100) { children(first: 100) { id } } }',
      });
      const result = response.body.kind === 'single' ? response.body.singleResult : null;

      expect(response.http.status).toBe(400);
      expect(result?.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        cost: 10_101,
        maxCost: 5000,
      });
    } finally {
      await apollo.stop();
    }
  });
});

describe('page sizes', () => {
  it.each([0, -1, 101])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    for (const field of ['incidents', 'automations', 'auditLog']) {
      const response = await org.admin.client.request(
        `query Page($first: Int) { ${field}(first: $first) { totalCount } }`,
        { first },
      );
      expect(codes(response.errors), field).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).toMatch(/between 1 and 100/);
    }
  });

  it.each([1, 100])('accepts first: %i', async (first) => {
    await expectAccepted(`{ incidents(first: ${first}) { totalCount } }`);
  });
});

describe('the transport', () => {
  it('refuses a batch of operations sent as an array', async () => {
    const response = await postJson(keel, [{ query: '{ viewer { name } }' }], {
      cookie: `${SESSION_COOKIE}=${org.admin.client.sessionSecret}`,
    });

    expect(response.status).toBe(400);
    expect(codes(response.body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.data).toBeUndefined();
  });

  it('refuses a mutation over GET and runs nothing', async () => {
    const before = await teamNames();
    const mutation = 'mutation { createTeam(input: { name: "Made by GET" }) { id } }';

    const response = await raw(keel, `/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: {
        'apollo-require-preflight': 'true',
        cookie: `${SESSION_COOKIE}=${org.admin.client.sessionSecret}`,
      },
    });

    expect(response.status).toBe(405);
    expect(codes(response.body.errors)).toEqual(['BAD_USER_INPUT']);
    expect(await teamNames()).toEqual(before);
  });

  it('runs a query over GET that carries apollo-require-preflight', async () => {
    const response = await raw(
      keel,
      `/graphql?query=${encodeURIComponent('{ viewer { name } }')}`,
      {
        headers: {
          'apollo-require-preflight': 'true',
          cookie: `${SESSION_COOKIE}=${org.admin.client.sessionSecret}`,
        },
      },
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { viewer: { name: 'Alex Admin' } } });
  });

  it('runs a plain GET query from an integration that sends a token and no cookie', async () => {
    const response = await raw(
      keel,
      `/graphql?query=${encodeURIComponent('{ viewer { kind } }')}`,
      { headers: { authorization: `Bearer ${org.readToken.token!}` } },
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { viewer: { kind: 'TOKEN' } } });
  });

  it('refuses requests a browser could send cross-site without a preflight', async () => {
    const cookie = `${SESSION_COOKIE}=${org.admin.client.sessionSecret}`;
    const get = await raw(keel, `/graphql?query=${encodeURIComponent('{ viewer { name } }')}`, {
      headers: { cookie },
    });
    const form = await raw(keel, '/graphql', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { createTeam(input: { name: "CSRF" }) { id } }' }),
    });

    for (const response of [get, form]) {
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
      expect(codes(response.body.errors)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await teamNames()).not.toContain('CSRF');
  });

  it('refuses a subscription with BAD_USER_INPUT and points to WebSocket', async () => {
    const response = await org.viewer.client.request('subscription { incidentChanged { kind } }');

    expect(response.status).toBe(400);
    expect(codes(response.errors)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('gives every error a code from the closed set', async () => {
    const cookie = `${SESSION_COOKIE}=${org.viewer.client.sessionSecret}`;
    const json = { 'content-type': 'application/json', cookie };
    const post = (body: string, headers: Record<string, string> = json) =>
      raw(keel, '/graphql', { method: 'POST', headers, body });
    const query = (text: string, variables?: object, operationName?: string) =>
      post(JSON.stringify({ query: text, variables, operationName }));

    const responses = await Promise.all([
      query('{ viewer { name '),
      query('{ viewer { nickname } }'),
      query('query Q($id: ID!) { incident(id: $id) { id } }'),
      query('query Q($id: ID!) { incident(id: $id) { id } }', { id: { not: 'an id' } }),
      query('query A { viewer { name } } query B { viewer { name } }'),
      query('{ viewer { name } }', undefined, 'Missing'),
      query('mutation { createTeam(input: { name: "Viewers cannot" }) { id } }'),
      query('{ incidents(after: "not a cursor") { totalCount } }'),
      post('{"query": '),
      post('{}'),
      post('"just a string"'),
      post(JSON.stringify({ query: 42 })),
      post(JSON.stringify({ query: '{ viewer { name } }', variables: 'x' })),
      post(JSON.stringify({ query: '{ viewer { name } }' }), { 'content-type': 'application/xml' }),
      raw(keel, '/graphql', { method: 'PUT', headers: json, body: '{}' }),
      postJson(keel, { query: '{ viewer { name } }' }, { authorization: 'Bearer keel_unknown' }),
      postJson(keel, { query: '{ viewer { name } }' }, { authorization: 'Basic dXNlcg==' }),
    ]);

    const errors = responses.flatMap((response) => response.body.errors ?? []);
    expect(errors.length).toBeGreaterThanOrEqual(responses.length);
    for (const error of errors) {
      expect(CLIENT_ERROR_CODES, JSON.stringify(error)).toContain(error.extensions?.code);
    }
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|exception|GRAPHQL_/);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const given = await org.admin.client.request('{ viewer { name } }', undefined, {
      'x-request-id': 'trace-42.abc',
    });
    const malformed = await org.admin.client.request('{ viewer { name } }', undefined, {
      'x-request-id': 'has spaces & <markup>',
    });

    expect(given.headers.get('x-request-id')).toBe('trace-42.abc');
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('probes and metrics', () => {
  it('answers /healthz and /readyz while the database is up', async () => {
    const health = await raw(keel, '/healthz');
    const ready = await raw(keel, '/readyz');

    expect({ status: health.status, body: health.body }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    expect({ status: ready.status, body: ready.body }).toEqual({
      status: 200,
      body: { status: 'ready' },
    });
  });

  it('exposes operations, errors, open subscriptions and the database pool', async () => {
    await org.admin.client.request('query MetricsProbe { viewer { name } }');
    await org.admin.client.request('query MetricsRefused { incidents(first: 0) { totalCount } }');

    const response = await fetch(`${keel.url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toMatch(
      /^keel_graphql_operations_total\{operation="MetricsProbe",type="query",outcome="ok"\} 1$/m,
    );
    expect(text).toMatch(/^keel_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]\d*$/m);
    expect(text).toMatch(/^keel_graphql_subscriptions_open \d+$/m);
    expect(text).toMatch(/^keel_db_pool_connections\{state="used"\} \d+$/m);
    expect(text).toMatch(/^keel_db_pool_connections\{state="free"\} \d+$/m);
  });
});

describe('rate limits', () => {
  const BURST = 10;
  let limited: TestKeel;
  let limitedOrg: OrganizationFixture;

  beforeAll(async () => {
    // Refilling one request per 100 s keeps a spent budget spent for the whole test. Creating
    // the fixture spends 7 of this host's requests; the tests below use other addresses.
    limited = await startTestKeel({ rateLimitBurst: BURST, rateLimitPerSecond: 0.01 });
    limitedOrg = await createOrganization(limited);
  });

  afterAll(async () => {
    await limited?.close();
  });

  /** Sends `count` requests one after another and returns their statuses. */
  async function statuses(client: GraphqlClient, count: number, headers = {}) {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) {
      seen.push((await client.request('{ viewer { name } }', undefined, headers)).status);
    }
    return seen;
  }

  it('refuses a token past its burst with 429, RATE_LIMITED and Retry-After', async () => {
    const token = limitedOrg.readToken;
    expect(await statuses(token, BURST)).toEqual(Array(BURST).fill(200));

    const refused = await token.request('{ viewer { name } }');
    expect(refused.status).toBe(429);
    expect(codes(refused.errors)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);

    expect(await statuses(limitedOrg.writeToken, 1)).toEqual([200]);
  });

  it('refuses an address past its burst while other addresses and tokens go on', async () => {
    const anonymous = limitedOrg.admin.client.anonymous();
    const from = (address: string) => ({ 'x-forwarded-for': address });

    const spent = await statuses(anonymous, BURST + 1, from('198.51.100.7'));
    expect(spent).toEqual([...Array(BURST).fill(200), 429]);

    expect(await statuses(anonymous, 1, from('198.51.100.8'))).toEqual([200]);
    expect(await statuses(limitedOrg.writeToken, 1, from('198.51.100.7'))).toEqual([200]);
  });

  it('charges unknown tokens to the address, so made-up ones cannot dodge its limit', async () => {
    const anonymous = limitedOrg.admin.client.anonymous();
    const madeUp = (i: number) => ({
      'x-forwarded-for': '198.51.100.9',
      authorization: `Bearer keel_made_up_${i}`,
    });

    const seen: number[] = [];
    for (let i = 0; i <= BURST; i += 1) {
      seen.push((await anonymous.request('{ viewer { name } }', undefined, madeUp(i))).status);
    }
    expect(seen).toEqual([...Array(BURST).fill(401), 429]);

    const refused = await anonymous.request('{ viewer { name } }', undefined, madeUp(BURST + 1));
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: expect.any(Number),
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // A real token from that address still has a budget of its own.
    const fromThere = { 'x-forwarded-for': '198.51.100.9' };
    expect(await statuses(limitedOrg.writeToken, 1, fromThere)).toEqual([200]);
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

  const INTROSPECTION = [
    '{ __schema { queryType { name } } }',
    '{ __type(name: "Incident") { name } }',
    '{ ...Schema } fragment Schema on Query { __schema { types { name } } }',
  ];

  it('refuses introspection to anonymous callers with FORBIDDEN', async () => {
    for (const query of INTROSPECTION) {
      const response = await productionOrg.admin.client.anonymous().request(query);
      expect(codes(response.errors), query).toEqual(['FORBIDDEN']);
      expect(response.status, query).toBe(403);
      expect(response.data ?? null).toBeNull();
    }
  });

  it('allows introspection to signed-in people and tokens', async () => {
    for (const client of [productionOrg.viewer.client, productionOrg.readToken]) {
      const response = await client.request(INTROSPECTION[0]!);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('leaves "Did you mean" suggestions out of errors', async () => {
    const mistakes = [
      { query: '{ viewer { nmae } }' },
      {
        query: 'query Q($s: [Severity!]) { incidents(filter: { severities: $s }) { totalCount } }',
        variables: { s: ['SEV0'] },
      },
    ];

    for (const { query, variables } of mistakes) {
      // The same mistakes draw suggestions outside production, so this check can fail.
      const development = await org.admin.client.request(query, variables);
      expect(development.errors?.[0]?.message).toMatch(/Did you mean/);

      const response = await productionOrg.admin.client.request(query, variables);
      expect(codes(response.errors)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/i);
    }
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with no stack or SQL', async () => {
    // A table missing under the server's feet makes its query fail the way a real fault would.
    // (Through the server's own pool: the test database's extra pool can race its drop.)
    const sql = (text: string) => production.orm.em.getConnection().execute(text);
    await sql('alter table team rename to team_gone');
    let response;
    try {
      response = await productionOrg.admin.client.request('query Teams { teams { id name } }');
    } finally {
      await sql('alter table team_gone rename to team');
    }

    expect(response.errors).toEqual([
      {
        message: GENERIC_ERROR_MESSAGE,
        path: ['teams'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/select|relation|team_gone|\.ts:|\bat /i);
    expect((await productionOrg.admin.client.request('{ teams { id } }')).errors).toBeUndefined();
  });
});
