/**
 * What the service worker keeps so that a war room opens again without a network: the built
 * app's files, and the last page the server rendered for each war room (and postmortem) this
 * person opened. The live timeline and postmortem then come from the browser's IndexedDB copy,
 * with the edits made offline, and reach the server once the network is back.
 *
 * Only those pages are kept. Everything else on them (status, roles, activity) is shown as it
 * was when the page was last kept, and the app says so while offline. The board and the other
 * pages show the browser's own offline error, as before: a stale board would mislead.
 *
 * A kept page holds the signed-in person's data, so every kept page is dropped when anyone
 * signs in or out in this browser, and when the server answers a kept address with a redirect
 * (the session has ended).
 */

/** Name of the cache of rendered pages; one per browser profile, across app versions. */
export const PAGES_CACHE = 'keel-pages';

/** Prefix of the caches of built files; one per app version. */
const ASSETS_CACHE_PREFIX = 'keel-assets-';

/** The header on a kept page that says when it was stored, in milliseconds since the epoch. */
const STORED_AT_HEADER = 'x-keel-stored-at';

/**
 * How long a kept page counts as current, in milliseconds: a request to keep a page stored
 * this recently (by the navigation that loaded it, usually) fetches nothing.
 * @default 30000
 */
export const FRESH_MS = 30_000;

/** A war room, or its postmortem: `/incidents/<id>` and `/incidents/<id>/postmortem`. */
const KEPT_PATH = /^\/incidents\/[^/]+(\/postmortem)?\/?$/;

/** The message a page posts to the worker to have its address kept. */
export interface KeepPageMessage {
  type: 'keel:keep-page';
  /** The page's address, on the worker's origin. */
  url: string;
}

/** Whether `value` is a {@link KeepPageMessage}. */
export function isKeepPageMessage(value: unknown): value is KeepPageMessage {
  const message = value as Partial<KeepPageMessage> | null;
  return message?.type === 'keel:keep-page' && typeof message.url === 'string';
}

/** Whether the page at `url` is one the worker keeps for offline use. */
export function isKeptPage(url: URL): boolean {
  return KEPT_PATH.test(url.pathname);
}

/** Whether a request signs someone in or out, after which no kept page may be shown. */
export function changesSession(request: Request, origin: string): boolean {
  if (request.method !== 'POST') return false;
  const url = new URL(request.url);
  return url.origin === origin && (url.pathname === '/signin' || url.pathname === '/signout');
}

/** What {@link OfflinePages} works with; the worker's globals, or fakes in tests. */
export interface OfflinePagesOptions {
  caches: CacheStorage;
  fetch: (request: Request) => Promise<Response>;
  /** The worker's origin. */
  origin: string;
  /** The app version; built files of older versions are deleted on activation. */
  version: string;
  /** Absolute paths of the built files and static files to keep for this version. */
  assets: readonly string[];
  /** The current time in milliseconds. @default Date.now */
  now?: () => number;
}

/** The service worker's decisions, kept apart from its event wiring so they can be tested. */
export class OfflinePages {
  readonly #options: OfflinePagesOptions;
  readonly #assets: Set<string>;
  readonly #assetsCache: string;
  readonly #now: () => number;

  constructor(options: OfflinePagesOptions) {
    this.#options = options;
    this.#assets = new Set(options.assets);
    this.#assetsCache = `${ASSETS_CACHE_PREFIX}${options.version}`;
    this.#now = options.now ?? Date.now;
  }

  /** Stores this version's built files; on install, before the worker takes over. */
  async install(): Promise<void> {
    const cache = await this.#options.caches.open(this.#assetsCache);
    await cache.addAll([...this.#assets]);
  }

  /** Deletes the built files of other versions; on activation. */
  async activate(): Promise<void> {
    const names = await this.#options.caches.keys();
    const stale = names.filter(
      (name) => name.startsWith(ASSETS_CACHE_PREFIX) && name !== this.#assetsCache,
    );
    await Promise.all(stale.map((name) => this.#options.caches.delete(name)));
  }

  /**
   * The answer to a request the worker intercepts, or null to let the browser fetch it as if
   * there were no worker. Built files come from the cache; kept pages from the network while
   * there is one, otherwise from the cache. Storing a page the network gave is handed to
   * `waitUntil`, so the browser gets the page without waiting for the cache.
   */
  respond(
    request: Request,
    mode: RequestMode,
    waitUntil: (work: Promise<unknown>) => void,
  ): Promise<Response> | null {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== this.#options.origin) return null;

    if (this.#assets.has(url.pathname)) return this.#asset(request);
    if (mode === 'navigate' && isKeptPage(url)) return this.#page(request, waitUntil);
    return null;
  }

  /** Drops every kept page; after a sign-in or sign-out. */
  async forgetPages(): Promise<void> {
    await this.#options.caches.delete(PAGES_CACHE);
  }

  /**
   * Keeps the page at `url` (a war room reached without a full page load, which the worker did
   * not see). Does nothing for other addresses, or when the page was stored moments ago.
   */
  async keep(url: string): Promise<void> {
    const target = new URL(url, this.#options.origin);
    if (target.origin !== this.#options.origin || !isKeptPage(target)) return;

    const cache = await this.#options.caches.open(PAGES_CACHE);
    const stored = await cache.match(target.href);
    const storedAt = Number(stored?.headers.get(STORED_AT_HEADER) ?? 0);
    if (this.#now() - storedAt < FRESH_MS) return;

    const request = new Request(target.href, { credentials: 'same-origin' });
    const response = await this.#options.fetch(request).catch(() => null);
    if (response) await this.#store(cache, request, response);
  }

  async #asset(request: Request): Promise<Response> {
    const cache = await this.#options.caches.open(this.#assetsCache);
    const cached = await cache.match(request);
    if (cached) return cached;

    const response = await this.#options.fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  }

  async #page(request: Request, waitUntil: (work: Promise<unknown>) => void): Promise<Response> {
    const cache = await this.#options.caches.open(PAGES_CACHE);
    let response: Response;
    try {
      response = await this.#options.fetch(request);
    } catch (cause) {
      const cached = await cache.match(request.url);
      if (cached) return cached;
      throw cause;
    }

    waitUntil(this.#store(cache, request, response));
    return response;
  }

  /**
   * Stores a rendered page; a redirect (to sign-in) drops every kept page instead. Copies the
   * response before returning, so the caller may hand the original to the browser at once.
   */
  #store(cache: Cache, request: Request, response: Response): Promise<void> {
    if (response.redirected || response.type === 'opaqueredirect') return this.forgetPages();
    const isPage = response.headers.get('content-type')?.startsWith('text/html') ?? false;
    if (!response.ok || !isPage) return Promise.resolve();

    const copy = response.clone();
    const headers = new Headers(copy.headers);
    headers.set(STORED_AT_HEADER, String(this.#now()));
    return copy
      .arrayBuffer()
      .then((body) => cache.put(request.url, new Response(body, { status: copy.status, headers })));
  }
}
