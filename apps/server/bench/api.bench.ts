import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { secretDigest } from '../src/auth/secrets.js';
import { createOrm, migrateToLatest } from '../src/db/orm.js';
import { sqlStatementCounter } from '../src/db/statement-counter.js';
import { startKeelServer } from '../src/http/server.js';
import { toGlobalId } from '../src/ids.js';
import { createLogger } from '../src/logger.js';
import { mergeResults, percentile, printTable, runLoad, type LoadResult } from './load.js';

const INCIDENTS = 1_000;
const PAGE_SIZE = 50;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TURN_MS = Number(process.env.BENCH_TURN_MS ?? 5_000);
const TURNS = 3;

const BOARD_QUERY =
  process.env.BENCH_QUERY ??
  `query Board($first: Int!) {
  incidents(first: $first) {
    nodes {
      id reference title status severity priority createdAt
      automations { id name platform }
      roles { role holder { id name } }
    }
  }
}`;

/**
 * The incident board as Keel serves it, against the same JSON from one hand-written SQL query on
 * a bare HTTP route. Both run in this process, in alternating turns, so machine noise hits both.
 */
export async function runApiBenchmark(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `keel_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${databaseName}`);
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${databaseName}` }).toString();

  const logger = createLogger('warn');
  const orm = await createOrm({ databaseUrl, logger });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // pg-pool settles `end()` before its clients' sockets have closed, so the forced drop of the
  // database below can reach a closing client; that error must not stop the process.
  pool.on('error', (error) => logger.debug({ err: error }, 'baseline pool client ended'));
  try {
    await migrateToLatest(orm);
    const token = await seed(pool);
    const keel = await startKeelServer({
      config: {
        environment: 'production',
        host: '127.0.0.1',
        port: 0,
        redisUrl: null,
        rateLimitBurst: 1_000_000,
        rateLimitPerSecond: 1_000_000,
        shutdownTimeoutMs: 5_000,
      },
      orm,
      logger,
    });
    const baseline = await startBaseline(pool);

    const keelRequest = (first: number) => async () => {
      const response = await fetch(`${keel.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: BOARD_QUERY, variables: { first } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      return response.ok && !body.errors;
    };
    const baselineRequest = async () => {
      const response = await fetch(`${baseline.url}/incidents?first=${PAGE_SIZE}`);
      await response.json();
      return response.ok;
    };

    if (!process.env.BENCH_QUERY)
      await checkSameJson(keelRequestBody(keel.url, token), baseline.url);
    await runLoad(keelRequest(PAGE_SIZE), CONCURRENCY, 1_000);
    await runLoad(baselineRequest, CONCURRENCY, 1_000);

    const keelRuns: LoadResult[] = [];
    const baselineRuns: LoadResult[] = [];
    for (let turn = 0; turn < TURNS; turn += 1) {
      keelRuns.push(await runLoad(keelRequest(PAGE_SIZE), CONCURRENCY, TURN_MS));
      if (!process.env.BENCH_KEEL_ONLY) {
        baselineRuns.push(await runLoad(baselineRequest, CONCURRENCY, TURN_MS));
      }
    }

    const cpu = [
      ['keel /graphql', await cpuPerRequest(keelRequest(PAGE_SIZE))],
      ['baseline SQL route', await cpuPerRequest(baselineRequest)],
    ];

    const statements = [];
    for (const first of [10, 100]) {
      const before = sqlStatementCounter.count;
      await keelRequest(first)();
      statements.push([first, sqlStatementCounter.count - before]);
    }

    report(mergeResults(keelRuns), mergeResults(baselineRuns), statements);
    console.log('');
    printTable(['target', 'CPU ms per request (sequential, this process)'], cpu);
    await keel.close();
    await new Promise((resolve) => keel.httpServer.close(resolve));
    await new Promise((resolve) => baseline.server.close(resolve));
  } finally {
    await orm.close();
    await pool.end();
    await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
  }
}

/**
 * CPU time this process spends per request, sent one at a time. Less sensitive to other load on
 * the machine than wall-clock figures; it includes the client's share, equal for both targets.
 */
async function cpuPerRequest(send: () => Promise<boolean>, count = 200): Promise<string> {
  const session = process.env.BENCH_PROFILE ? await startProfile() : null;
  const before = process.cpuUsage();
  for (let i = 0; i < count; i += 1) await send();
  const used = process.cpuUsage(before);
  if (session) await session.stop();
  return ((used.user + used.system) / 1000 / count).toFixed(2);
}

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(
        `${process.env.BENCH_PROFILE}-${Date.now()}.cpuprofile`,
        JSON.stringify(profile),
      );
      session.disconnect();
    },
  };
}

function keelRequestBody(url: string, token: string) {
  return async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: BOARD_QUERY, variables: { first: PAGE_SIZE } }),
    });
    return response.json();
  };
}

/** Fails the benchmark when the two sides do not serve the same data. */
async function checkSameJson(keel: () => Promise<unknown>, baselineUrl: string) {
  const [fromKeel, fromBaseline] = await Promise.all([
    keel(),
    fetch(`${baselineUrl}/incidents?first=${PAGE_SIZE}`).then((r) => r.json()),
  ]);
  if (JSON.stringify(fromKeel) !== JSON.stringify(fromBaseline)) {
    console.error(JSON.stringify(fromKeel).slice(0, 600));
    console.error(JSON.stringify(fromBaseline).slice(0, 600));
    throw new Error('Keel and the baseline serve different JSON; the comparison would be unfair');
  }
}

function report(keel: LoadResult, baseline: LoadResult, statements: number[][]): void {
  const row = (name: string, r: LoadResult) => [
    name,
    r.requests,
    r.failures,
    (r.requests / r.seconds).toFixed(0),
    percentile(r.latenciesMs, 50).toFixed(1),
    percentile(r.latenciesMs, 95).toFixed(1),
    percentile(r.latenciesMs, 99).toFixed(1),
  ];
  const throughputRatio = keel.requests / keel.seconds / (baseline.requests / baseline.seconds);
  const ratio = (q: number) =>
    (percentile(keel.latenciesMs, q) / percentile(baseline.latenciesMs, q)).toFixed(2);

  console.log(
    `\nIncident list, ${PAGE_SIZE} per page with automations and role holders, ` +
      `${CONCURRENCY} concurrent clients, ${TURNS} turns of ${TURN_MS / 1000} s each\n`,
  );
  printTable(
    ['target', 'requests', 'failed', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms'],
    [row('keel /graphql', keel), row('baseline SQL route', baseline)],
  );
  console.log(
    `\nthroughput ratio keel/baseline: ${throughputRatio.toFixed(2)}×   ` +
      `latency ratio p50 ${ratio(50)}×  p95 ${ratio(95)}×  p99 ${ratio(99)}×\n`,
  );
  printTable(['page size', 'SQL statements per request'], statements);
}

interface BaselineRow {
  id: string;
  number: number;
  title: string;
  status: string;
  severity: string;
  priority: string | null;
  created_at: Date;
  automations: { id: string; name: string; platform: string }[];
  roles: { role: string; holder_id: string; holder_name: string }[];
}

/** A bare HTTP route answering the board from one SQL statement. */
async function startBaseline(pool: pg.Pool): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const first = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('first') ?? 50);
    pool
      .query<BaselineRow>(
        `select i.id, i.number, i.title, i.status, i.severity, i.priority, i.created_at,
                coalesce((select json_agg(json_build_object(
                            'id', a.id, 'name', a.name, 'platform', a.platform) order by a.name)
                            from incident_automation ia join automation a on a.id = ia.automation_id
                           where ia.incident_id = i.id), '[]') as automations,
                coalesce((select json_agg(json_build_object(
                            'role', r.role, 'holder_id', u.id, 'holder_name', u.name)
                            order by r.role)
                            from incident_role_assignment r join app_user u on u.id = r.holder_id
                           where r.incident_id = i.id and r.ended_at is null), '[]') as roles
           from incident i
          order by i.created_at desc, i.id desc
          limit $1`,
        [first],
      )
      .then(({ rows }) => {
        const nodes = rows.map((row) => ({
          id: toGlobalId('Incident', row.id),
          reference: `INC-${row.number}`,
          title: row.title,
          status: row.status,
          severity: row.severity,
          priority: row.priority,
          createdAt: row.created_at.toISOString(),
          automations: row.automations.map((a) => ({ ...a, id: toGlobalId('Automation', a.id) })),
          roles: row.roles.map((r) => ({
            role: r.role,
            holder: { id: toGlobalId('User', r.holder_id), name: r.holder_name },
          })),
        }));
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { incidents: { nodes } } }));
      })
      .catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** An organisation with a thousand incidents, two automations and two role holders each. */
async function seed(pool: pg.Pool): Promise<string> {
  const token = `keel_bench_${randomBytes(16).toString('hex')}`;
  await pool.query(`
    with org as (
      insert into organization (id, created_at, name, slug, next_incident_number)
      values (gen_random_uuid(), now(), 'Bench Retail', 'bench', ${INCIDENTS + 1}) returning id
    ), users as (
      insert into app_user (id, created_at, email, name, password_hash)
      select gen_random_uuid(), now(), 'user' || n || '@bench.example', 'Responder ' || n, 'x'
        from generate_series(1, 4) n returning id
    )
    insert into membership (id, created_at, organization_id, user_id, role)
    select gen_random_uuid(), now(), org.id, users.id, 'ADMIN' from org, users`);
  await pool.query(`
    insert into automation (id, created_at, organization_id, name, platform, business_process,
                            criticality, data_kinds, updated_at)
    select gen_random_uuid(), now(), o.id, 'Automation ' || n, 'ZAPIER', 'Order to cash', 'HIGH',
           '{ORDERS}', now()
      from organization o, generate_series(1, 20) n`);
  await pool.query(`
    insert into incident (id, created_at, organization_id, number, title, summary, severity,
                          priority, status, detection_source, detected_at, declared_by_kind,
                          declared_by_name, version, updated_at)
    select gen_random_uuid(), now() - n * interval '1 minute', o.id, n, 'Incident ' || n, '',
           'SEV2', 'P2', 'TRIAGED', 'MONITORING', now(), 'SYSTEM', 'Bench', 1, now()
      from organization o, generate_series(1, ${INCIDENTS}) n`);
  await pool.query(`
    insert into incident_automation (incident_id, automation_id)
    select i.id, a.id
      from (select id, number from incident) i
      join (select id, row_number() over (order by name) as k from automation) a
        on a.k in (i.number % 20 + 1, (i.number + 7) % 20 + 1)`);
  await pool.query(`
    insert into incident_role_assignment (id, created_at, incident_id, role, holder_id,
                                          assigned_by_kind, assigned_by_name)
    select gen_random_uuid(), now(), i.id, r.role, u.id, 'SYSTEM', 'Bench'
      from incident i
      cross join (values ('INCIDENT_LEAD', 1), ('TECHNICAL_RESOLVER', 2)) r(role, k)
      join (select id, row_number() over (order by email) as k from app_user) u on u.k = r.k`);
  await pool.query(
    `insert into api_token (id, created_at, organization_id, created_by_id, name, prefix,
                            secret_hash, scopes)
     select gen_random_uuid(), now(), o.id, m.user_id, 'bench', 'keel_bench', $1, '{READ}'
       from organization o join membership m on m.organization_id = o.id limit 1`,
    [secretDigest(token)],
  );
  return token;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(text).finally(() => client.end());
}
