import { createHash } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { ClientBase, QueryResultRow } from 'pg';

/** A statement PostgreSQL keeps parsed and planned per connection, under its name. */
export interface PreparedStatement {
  name: string;
  /** The statement, with `$1`, `$2`… placeholders. */
  text: string;
}

/** The part of knex's client that lends out its pooled pg connections. */
interface ConnectionLender {
  acquireConnection(): Promise<ClientBase>;
  releaseConnection(connection: ClientBase): Promise<unknown>;
}

/**
 * Runs a prepared statement on a pg connection of MikroORM's pool, or on the connection of
 * `em`'s transaction (whose client lends out only that one). The ORM sends each statement as
 * text with its values written in, so PostgreSQL parses and plans it on every call; a named
 * statement is planned once per connection and then only bound and executed, and its values
 * travel as parameters. MikroORM's `execute` cannot run a named statement, so this goes
 * underneath it, while its logger still counts and times the statement and its driver still
 * translates errors as for any other query.
 *
 * Known shortcoming, until MikroORM 7 (which needs Node 22) replaces knex: this relies on knex's
 * client lending connections, which its types leave untyped.
 */
export async function runPrepared<Row extends QueryResultRow>(
  em: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<Row[]> {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getConnection().getKnex();
  const lender = knex.client as ConnectionLender;
  const started = Date.now();
  let level: 'info' | 'error' = 'info';
  try {
    const connection = await lender.acquireConnection();
    try {
      const result = await connection.query<Row>({ ...statement, values });
      return result.rows;
    } finally {
      await lender.releaseConnection(connection);
    }
  } catch (error) {
    level = 'error';
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  } finally {
    em.config.getLogger().logQuery({ query: statement.text, took: Date.now() - started, level });
  }
}

/** PostgreSQL's `feature_not_supported`, raised when a prepared plan's result type changed. */
const CACHED_PLAN_CHANGED = '0A000';

/** Statements remembered with their names; past it the cache starts over. */
const MAX_REMEMBERED = 256;
const remembered = new Map<string, PreparedStatement>();

/**
 * Runs a statement written with `?` placeholders, as for the ORM's `execute`, as a named prepared
 * statement ({@link runPrepared}). For a statement as large as the incident board's page,
 * planning cost more CPU than running it. The name is derived from the text, so a text always
 * gets its own name (node-postgres refuses one name for two texts). `sql` may not contain a
 * literal `?`.
 */
export async function queryPrepared<Row extends QueryResultRow>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<Row[]> {
  try {
    return await runPrepared<Row>(em, preparedText(sql), params);
  } catch (error) {
    // A migration run by another process since this connection prepared the statement (a column
    // added to a table it selects with `*`) makes PostgreSQL refuse the old plan. The statement
    // sent as text still answers; the connection's prepared copy goes with the connection. In a
    // transaction the error has ended the transaction, so it stands.
    const planChanged = (error as { code?: string }).code === CACHED_PLAN_CHANGED;
    if (!planChanged || em.getTransactionContext()) throw error;
    return em.execute<Row[]>(sql, params);
  }
}

function preparedText(sql: string): PreparedStatement {
  let prepared = remembered.get(sql);
  if (prepared) return prepared;

  let placeholder = 0;
  prepared = {
    name: `keel_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`,
    text: sql.replace(/\?/g, () => `$${(placeholder += 1)}`),
  };
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(sql, prepared);
  return prepared;
}
