import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as Y from 'yjs';

/**
 * The machine's PostgreSQL, reached through DATABASE_URL when set. Each test file gets a database
 * of its own on it; the server itself is never stopped, because other suites use it.
 */
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway database and the means to disturb the Keel processes that use it. */
export interface TestDatabase {
  name: string;
  /** URL for Keel's DATABASE_URL. */
  url: string;
  /** Runs one statement in the test database. */
  sql<Row>(text: string, values?: unknown[]): Promise<Row[]>;
  /** Ends every other session on the database, as a failover or a restart would. */
  terminateSessions(): Promise<number>;
  /** Refuses (or allows again) new sessions, so an outage lasts until it is lifted. */
  allowConnections(allowed: boolean): Promise<void>;
  /** Drops the database, ending whatever still uses it. */
  drop(): Promise<void>;
}

/** Creates a database named `keel_<label>_<random>`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `keel_${label}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);

  const url = withDatabase(SERVER_URL, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // Sessions of this pool are ended too when the test terminates everyone's.
  pool.on('error', () => {});

  return {
    name,
    url,
    sql: async <Row>(text: string, values: unknown[] = []) =>
      (await pool.query(text, values)).rows as Row[],
    terminateSessions: async () => {
      const rows = await admin<{ ended: boolean }>(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [name],
      );
      return rows.filter((row) => row.ended).length;
    },
    allowConnections: async (allowed) => {
      await admin(`alter database ${name} with allow_connections ${allowed}`);
    },
    drop: async () => {
      await pool.end();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Rebuilds a live document from its stored snapshots and journal rows, oldest first. */
export async function storedDocument(database: TestDatabase, documentName: string) {
  const doc = new Y.Doc();
  const snapshots = await database.sql<{ data: Buffer }>(
    'select data from collab_snapshot where document_name = $1 order by up_to_seq',
    [documentName],
  );
  const updates = await database.sql<{ data: Buffer }>(
    'select data from collab_update where document_name = $1 order by seq',
    [documentName],
  );
  for (const row of [...snapshots, ...updates]) Y.applyUpdate(doc, row.data);
  return doc;
}

async function admin<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: withDatabase(SERVER_URL, 'postgres') });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
