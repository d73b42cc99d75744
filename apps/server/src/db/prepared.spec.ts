import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';
import { createLogger } from '../logger.js';
import { createOrm } from './orm.js';
import { queryPrepared } from './prepared.js';
import { sqlStatementCounter } from './statement-counter.js';

let keel: TestKeel;

beforeAll(async () => {
  keel = await startTestKeel();
});

afterAll(async () => {
  await keel?.close();
});

const SUM_SQL = 'select (?::int + ?::int) as total, ?::text as label';

/**
 * Runs `test` on an ORM of its own with a single pooled connection, so each statement runs in the
 * session that prepared the ones before it.
 */
async function withOneConnection(test: (em: EntityManager) => Promise<void>): Promise<void> {
  const orm = await createOrm({
    databaseUrl: keel.orm.config.get('clientUrl')!,
    logger: createLogger('warn'),
    poolSize: 1,
  });
  try {
    await test(orm.em.fork());
  } finally {
    await orm.close();
  }
}

describe('queryPrepared', () => {
  it('binds `?` placeholders in order and returns the rows', async () => {
    const rows = await queryPrepared<{ total: number; label: string }>(
      keel.orm.em.fork(),
      SUM_SQL,
      [2, 40, 'answer'],
    );

    expect(rows).toEqual([{ total: 42, label: 'answer' }]);
  });

  it('prepares a text once per connection and runs it again with other values', async () => {
    await withOneConnection(async (em) => {
      const sql = 'select ?::int * 2 as doubled';

      const results = [];
      for (const value of [1, 2, 3, 4]) {
        results.push(...(await queryPrepared<{ doubled: number }>(em, sql, [value])));
      }
      const prepared = await queryPrepared<{ statement: string }>(
        em,
        'select statement from pg_prepared_statements where statement not like ?',
        ['%pg_prepared_statements%'],
      );

      expect(results.map((row) => row.doubled)).toEqual([2, 4, 6, 8]);
      expect(prepared.map((row) => row.statement)).toEqual(['select $1::int * 2 as doubled']);
    });
  });

  it('answers after a migration changed a table it selects with `*`', async () => {
    await withOneConnection(async (em) => {
      await keel.sql('create table migrated (n int)');
      await keel.sql('insert into migrated values (1)');
      const sql = 'select * from migrated where n = ?';
      expect(await queryPrepared(em, sql, [1])).toEqual([{ n: 1 }]);

      await keel.sql(`alter table migrated add column label text not null default 'new'`);

      expect(await queryPrepared(em, sql, [1])).toEqual([{ n: 1, label: 'new' }]);
    });
  });

  it('counts each statement as the ORM counts its own', async () => {
    const before = sqlStatementCounter.count;

    await queryPrepared(keel.orm.em.fork(), SUM_SQL, [1, 1, 'x']);

    expect(sqlStatementCounter.count - before).toBe(1);
  });

  it('runs in the EntityManager’s transaction, seeing its uncommitted rows', async () => {
    const seen = await keel.orm.em.fork().transactional(async (em) => {
      await em.execute('create temporary table scratch (n int) on commit drop');
      await em.execute('insert into scratch values (7)');
      return queryPrepared<{ n: number }>(em, 'select n from scratch where n = ?', [7]);
    });

    expect(seen).toEqual([{ n: 7 }]);
  });

  it('rejects a failing statement and leaves the pool usable', async () => {
    const em = keel.orm.em.fork();

    await expect(queryPrepared(em, 'select 1 / ?::int', [0])).rejects.toThrow(/division by zero/);

    const rows = await queryPrepared<{ total: number; label: string }>(em, SUM_SQL, [1, 2, 'ok']);
    expect(rows).toEqual([{ total: 3, label: 'ok' }]);
  });
});
