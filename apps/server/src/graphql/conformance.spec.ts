import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKeel, type TestKeel } from '../test-support/keel.js';

/*
 * The GraphQL-over-HTTP audits of graphql-http, run against a real Keel. Every MUST audit has to
 * pass: the endpoint is a public contract. Audits of lower level that Keel does not meet are
 * listed below with the reason, so that a change either way is noticed.
 */

/**
 * SHOULD audits Keel fails (graphql-http 1.23.1): 572B, FDE2, 7B9B — a document that does not
 * parse or validate, or variables that do not coerce, get 400 rather than 200 when the client
 * accepts only application/json. Apollo Server answers 400 for both media types; the spec asks
 * 200 for the legacy one. (GETs without a preflight header pass: Keel refuses them only when
 * they carry a session cookie.)
 */
const KNOWN_GAPS: Record<string, string> = {
  '572B': 'status 400 on a parse failure when accepting application/json',
  FDE2: 'status 400 on a validation failure when accepting application/json',
  '7B9B': 'status 400 on a variable coercion failure when accepting application/json',
};

let keel: TestKeel;

beforeAll(async () => {
  keel = await startTestKeel();
});

afterAll(async () => {
  await keel?.close();
});

const audits = serverAudits({ url: () => `${keel.url}/graphql`, fetchFn: fetch });

async function explain(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '(body already read)');
  return `${result.reason}; status ${result.response.status}; body ${body.slice(0, 300)}`;
}

describe('GraphQL over HTTP, MUST', () => {
  it.each(audits.filter((audit) => audit.name.startsWith('MUST')))('$id: $name', async (audit) => {
    const result = await audit.fn();
    expect(result.status, await explain(result)).toBe('ok');
  });
});

describe('GraphQL over HTTP, SHOULD and MAY', () => {
  it('passes every audit but the known gaps', async () => {
    const failed: Record<string, string> = {};
    for (const audit of audits.filter((candidate) => !candidate.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed[audit.id] = `${audit.name}: ${await explain(result)}`;
    }

    expect(Object.keys(failed).sort(), JSON.stringify(failed, null, 2)).toEqual(
      Object.keys(KNOWN_GAPS).sort(),
    );
  });
});
