import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, printKeelSchema } from './emit-schema.js';

describe('the committed schema.graphql', () => {
  // When this fails, regenerate the file with `pnpm --filter @keel/server schema:emit`.
  it('matches the schema the server builds', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');

    expect(await printKeelSchema()).toBe(committed);
  });
});
