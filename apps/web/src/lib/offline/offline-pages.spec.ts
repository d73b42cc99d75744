import { describe, expect, it } from 'vitest';
import {
  FRESH_MS,
  OfflinePages,
  PAGES_CACHE,
  changesSession,
  isKeepPageMessage,
  isKeptPage,
} from './offline-pages';

const ORIGIN = 'https://keel.example';
const WAR_ROOM = `${ORIGIN}/incidents/SW5jaWRlbnQ6MQ`;

/** Cache Storage in memory, with only what the worker uses. */
class MemoryCaches {
  readonly stores = new Map<string, Map<string, Response>>();

  constructor(private readonly fetch: (request: Request) => Promise<Response>) {}

  async open(name: string): Promise<Cache> {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new Map()));
    const entries = store;
    const urlOf = (key: RequestInfo | URL) =>
      key instanceof Request ? key.url : new URL(String(key), ORIGIN).href;
    const fetch = this.fetch;

    return {
      match: async (key: RequestInfo | URL) => entries.get(urlOf(key))?.clone(),
      put: async (key: RequestInfo | URL, response: Response) => {
        entries.set(urlOf(key), response);
      },
      addAll: async (keys: RequestInfo[]) => {
        for (const key of keys) entries.set(urlOf(key), await fetch(new Request(urlOf(key))));
      },
    } as unknown as Cache;
  }

  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }

  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }
}

function html(body: string, init: ResponseInit = {}): Response {
  return new Response(body, { headers: { 'content-type': 'text/html' }, ...init });
}

/** A worker whose network answers with `answer`, or fails while `offline` is set. */
function setUp(answer: (request: Request) => Response = () => html('<p>page</p>')) {
  const network = { offline: false, requests: [] as string[] };
  const fetch = async (request: Request) => {
    network.requests.push(request.url);
    if (network.offline) throw new TypeError('Failed to fetch');
    return answer(request);
  };
  const caches = new MemoryCaches(fetch);
  let now = 1_000_000;
  const pages = new OfflinePages({
    caches: caches as unknown as CacheStorage,
    fetch,
    origin: ORIGIN,
    version: 'v2',
    assets: ['/_app/immutable/entry/start.js'],
    now: () => now,
  });
  const pending: Promise<unknown>[] = [];
  const respond = async (url: string, mode: RequestMode = 'navigate') => {
    const response = pages.respond(new Request(url), mode, (work) => pending.push(work));
    const result = response ? await response : null;
    await Promise.all(pending);
    return result;
  };
  return { pages, caches, network, respond, advance: (ms: number) => (now += ms) };
}

describe('which pages are kept', () => {
  it('keeps war rooms and postmortems, and nothing else', () => {
    expect(isKeptPage(new URL(WAR_ROOM))).toBe(true);
    expect(isKeptPage(new URL(`${WAR_ROOM}/postmortem`))).toBe(true);
    expect(isKeptPage(new URL(`${ORIGIN}/`))).toBe(false);
    expect(isKeptPage(new URL(`${ORIGIN}/automations/x`))).toBe(false);
    expect(isKeptPage(new URL(`${WAR_ROOM}/__data.json`))).toBe(false);
  });

  it('treats posts to sign-in and sign-out as a change of session', () => {
    const post = (path: string) => new Request(`${ORIGIN}${path}`, { method: 'POST' });
    expect(changesSession(post('/signout'), ORIGIN)).toBe(true);
    expect(changesSession(post('/signin'), ORIGIN)).toBe(true);
    expect(changesSession(new Request(`${ORIGIN}/signin`), ORIGIN)).toBe(false);
    expect(changesSession(post('/incidents/x'), ORIGIN)).toBe(false);
  });

  it('recognises only well-formed keep messages', () => {
    expect(isKeepPageMessage({ type: 'keel:keep-page', url: WAR_ROOM })).toBe(true);
    expect(isKeepPageMessage({ type: 'keel:keep-page' })).toBe(false);
    expect(isKeepPageMessage(null)).toBe(false);
  });
});

describe('a war room opened again offline', () => {
  it('comes from the network while online, and from the kept copy once offline', async () => {
    const { network, respond } = setUp();
    expect(await (await respond(WAR_ROOM))!.text()).toBe('<p>page</p>');

    network.offline = true;
    const offline = await respond(WAR_ROOM);

    expect(await offline!.text()).toBe('<p>page</p>');
  });

  it('fails as without a worker when the page was never kept', async () => {
    const { network, respond } = setUp();
    network.offline = true;

    await expect(respond(WAR_ROOM)).rejects.toThrow('Failed to fetch');
  });

  it('leaves other pages, data requests and other origins to the browser', async () => {
    const { respond } = setUp();

    expect(await respond(`${ORIGIN}/`)).toBeNull();
    expect(await respond(WAR_ROOM, 'cors')).toBeNull();
    expect(await respond('https://elsewhere.example/incidents/x')).toBeNull();
  });

  it('does not keep error pages', async () => {
    const { caches, respond } = setUp(() => html('<p>gone</p>', { status: 404 }));

    await respond(WAR_ROOM);

    expect(caches.stores.get(PAGES_CACHE)?.size ?? 0).toBe(0);
  });

  it('drops every kept page when the server redirects (the session ended)', async () => {
    let signedIn = true;
    const { caches, respond } = setUp(() => {
      if (signedIn) return html('<p>page</p>');
      const redirected = html('<p>sign in</p>');
      Object.defineProperty(redirected, 'redirected', { value: true });
      return redirected;
    });
    await respond(`${WAR_ROOM}/postmortem`);
    await respond(WAR_ROOM);
    signedIn = false;

    await respond(WAR_ROOM);

    expect(caches.stores.has(PAGES_CACHE)).toBe(false);
  });

  it('forgets kept pages on a change of session', async () => {
    const { caches, pages, network, respond } = setUp();
    await respond(WAR_ROOM);

    await pages.forgetPages();
    network.offline = true;

    expect(caches.stores.has(PAGES_CACHE)).toBe(false);
    await expect(respond(WAR_ROOM)).rejects.toThrow();
  });
});

describe('keeping a page reached inside the app', () => {
  it('fetches and keeps it', async () => {
    const { pages, network, respond } = setUp();

    await pages.keep(WAR_ROOM);
    network.offline = true;

    expect(await (await respond(WAR_ROOM))!.text()).toBe('<p>page</p>');
  });

  it('fetches nothing when the page was kept moments ago, and again once it is older', async () => {
    const { pages, network, respond, advance } = setUp();
    await respond(WAR_ROOM);

    await pages.keep(WAR_ROOM);
    expect(network.requests).toEqual([WAR_ROOM]);

    advance(FRESH_MS + 1);
    await pages.keep(WAR_ROOM);
    expect(network.requests).toEqual([WAR_ROOM, WAR_ROOM]);
  });

  it('ignores addresses that are not kept pages or not on this origin', async () => {
    const { pages, network } = setUp();

    await pages.keep(`${ORIGIN}/automations`);
    await pages.keep('https://elsewhere.example/incidents/x');

    expect(network.requests).toEqual([]);
  });
});

describe('the built files', () => {
  it('are stored on install and served from the cache', async () => {
    const { pages, network, respond } = setUp(() => new Response('code'));
    await pages.install();
    network.offline = true;

    const response = await respond(`${ORIGIN}/_app/immutable/entry/start.js`, 'no-cors');

    expect(await response!.text()).toBe('code');
  });

  it('of older versions are deleted on activation, and kept pages are not', async () => {
    const { pages, caches, respond } = setUp();
    await caches.open('keel-assets-v1');
    await pages.install();
    await respond(WAR_ROOM);

    await pages.activate();

    expect([...caches.stores.keys()].sort()).toEqual(['keel-assets-v2', PAGES_CACHE]);
  });
});
