import { createLogger } from '../logger.js';
import { createOrm } from './orm.js';

/**
 * Writes a migration with the difference between the entities and the database named by
 * DATABASE_URL (which should be migrated to the latest committed state first). The new file
 * must then be added to `migrations/index.ts`.
 */
async function main(): Promise<void> {
  const logger = createLogger('info', 'migration');
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to a database migrated to the latest state');

  const orm = await createOrm({ databaseUrl, logger });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration();
    logger.info({ file: result.fileName, statements: result.diff.up.length }, 'migration written');
  } finally {
    await orm.close();
  }
}

await main();
