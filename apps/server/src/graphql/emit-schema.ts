import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { REPO_ROOT } from '../config.js';
import type { KeelTopics } from './pubsub.js';
import { buildKeelSchema } from './schema.js';

/** The committed API reference, at the repository's root. */
export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema.graphql');

/** The schema as SDL, sorted so the file changes only when the API does. */
export async function printKeelSchema(): Promise<string> {
  const schema = await buildKeelSchema(createPubSub<KeelTopics>());
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  await writeFile(SCHEMA_FILE, await printKeelSchema());
}
