import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../logger.js';
import { ADMIN_DATABASE_URL } from '../test-support/keel.js';
import { createOrm, migrateToLatest } from './orm.js';
import { MIGRATIONS } from './migrations/index.js';

const databaseName = `keel_migrations_${randomBytes(5).toString('hex')}`;
let orm: MikroORM;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

beforeAll(async () => {
  await admin(`create database ${databaseName}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  orm = await createOrm({ databaseUrl: url.toString(), logger: createLogger('silent') });
});

afterAll(async () => {
  await orm?.close();
  await admin(`drop database if exists ${databaseName} with (force)`);
});

describe('committed migrations', () => {
  it('bring an empty database to exactly what the entities describe', async () => {
    const applied = await migrateToLatest(orm);

    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.name));
    const pending = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(pending.trim()).toBe('');
  });

  it('apply nothing the second time', async () => {
    expect(await migrateToLatest(orm)).toEqual([]);
  });
});
