import { randomBytes } from 'node:crypto';

/** A signed-in person of a benchmark: their session cookie, user and organisation. */
export interface BenchSession {
  /** `keel_session=…`, for a `Cookie` header. */
  cookie: string;
  /** The session cookie's value alone, for a browser context. */
  token: string;
  userId: string;
  userName: string;
}

/** Signs up a new person with a new organisation, through the API as the sign-up page does. */
export async function signUp(baseUrl: string, organizationName: string): Promise<BenchSession> {
  const name = `Bench ${organizationName}`;
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id name } } }`,
      variables: {
        input: {
          email: `bench-${randomBytes(4).toString('hex')}@keel.example`,
          name,
          organizationName,
          password: randomBytes(12).toString('hex'),
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { signUp: { user: { id: string } } } };
  const token = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('keel_session='))
    ?.slice('keel_session='.length);
  if (!token || !body.data) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);

  return {
    cookie: `keel_session=${token}`,
    token,
    userId: body.data.signUp.user.id,
    userName: name,
  };
}

/** Runs one GraphQL operation with the session and returns its data, failing on any error. */
export async function graphql<Data>(
  baseUrl: string,
  session: BenchSession,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return body.data;
}

/** The database key inside a GraphQL id (base64url of `Type:key`). */
export function keyOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url')
    .toString('utf8')
    .replace(/^[A-Za-z]+:/, '');
}

/** Runs `work` for each of `items`, at most `concurrency` at a time, in order of start. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}
