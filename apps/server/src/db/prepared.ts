import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The parts of a pooled node-postgres client used here; knex hands out such clients.
 */
interface PooledClient {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<PooledClient>;
  releaseConnection(connection: PooledClient): Promise<unknown>;
}

interface PreparedText {
  name: string;
  /** The statement with `$1`, `$2`… in place of its `?` placeholders. */
  text: string;
}

/** PostgreSQL's `feature_not_supported`, raised when a prepared plan's result type changed. */
const CACHED_PLAN_CHANGED = '0A000';

/** Statements remembered with their names; past it the cache starts over. */
const MAX_REMEMBERED = 256;
const remembered = new Map<string, PreparedText>();

/**
 * Runs a read statement as a named prepared statement, on a connection of the ORM's pool.
 *
 * The ORM sends each statement as text with its values written in, so PostgreSQL parses and
 * plans it on every call. For a statement as large as the incident board's page, planning costs
 * more CPU than running it. A named statement is parsed and planned once per connection and then
 * only bound and executed. The name is derived from the text, so a text always gets its own name
 * (node-postgres refuses one name for two texts).
 *
 * `sql` uses `?` placeholders, as the ORM's `execute` does, and may not contain a literal `?`.
 * Inside a transaction the statement goes through the transaction's connection, unprepared.
 * The statement is counted and logged (slow statements) as the ORM's are.
 */
export async function queryPrepared<R>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<R[]> {
  if (em.getTransactionContext()) return em.execute<R[]>(sql, params);

  const prepared = preparedText(sql);
  const knexClient = em.getConnection().getKnex().client as unknown as KnexClient;
  const connection = await knexClient.acquireConnection();
  const startedAt = performance.now();
  try {
    const { rows } = await connection.query<R>({ ...prepared, values: params });
    return rows;
  } catch (error) {
    // A migration run by another process since this connection prepared the statement (a column
    // added to a table it selects with `*`) makes PostgreSQL refuse the old plan. The statement
    // sent as text still answers; the connection's prepared copy goes with the connection.
    if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
    return em.execute<R[]>(sql, params);
  } finally {
    await knexClient.releaseConnection(connection);
    em.config.getLogger().logQuery({
      query: prepared.text,
      took: Math.round(performance.now() - startedAt),
      level: 'info',
    });
  }
}

function preparedText(sql: string): PreparedText {
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
