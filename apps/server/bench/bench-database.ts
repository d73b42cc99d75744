import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server benchmark databases are created on. */
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of one benchmark run, dropped at its end. */
export interface BenchDatabase {
  name: string;
  url: string;
  /** Runs one statement in the benchmark database. */
  sql<Row>(text: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

/** Creates an empty database named `keel_bench_<label>_<random>`. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `keel_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // `end()` settles before the clients' sockets close; the forced drop may then end one, and
  // that expected error must not stop the benchmark.
  pool.on('error', () => undefined);

  return {
    name,
    url,
    sql: async <Row>(text: string, values: unknown[] = []) =>
      (await pool.query(text, values)).rows as Row[],
    drop: async () => {
      await pool.end();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(text).finally(() => client.end());
}
