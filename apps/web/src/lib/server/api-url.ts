/**
 * Where server-side page code finds the API. Kept apart from the client in `api.ts` so the
 * choice can be tested without a request.
 */

/** The socket a page request arrived on, as far as finding the API needs. */
export interface ArrivalSocket {
  localAddress?: string | undefined;
  localPort?: number | undefined;
}

/** Host values that mean "every interface", so the loopback interface is among them. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/**
 * The API's address, in order of preference:
 *
 * 1. `configured` (`KEEL_API_URL`), when set.
 * 2. Inside the Keel server, which mounts this app on its own port: the port the request
 *    arrived on, over loopback whenever the server listens there (it arrived on loopback, or
 *    `HOST` is unset or a wildcard). The call never leaves the machine, works whatever port was
 *    chosen (even `PORT=0`), and comes from loopback, the one peer whose `X-Forwarded-For` the
 *    API trusts for rate limiting. A server bound to one other interface only is called on
 *    that interface, and rate limits its pages' calls under that address.
 * 3. Without a socket (`vite dev`), `/graphql` on the page's own origin, which the dev server
 *    proxies to the API just as it does for the browser.
 */
export function resolveApiUrl(
  configured: string | undefined,
  socket: ArrivalSocket | undefined,
  listenHost: string | undefined,
  pageOrigin: string,
): string {
  if (configured) {
    return configured;
  }

  if (!socket?.localAddress || !socket.localPort) {
    return new URL('/graphql', pageOrigin).href;
  }

  const arrival = socket.localAddress.replace(/^::ffff:/, '');
  const address =
    !isLoopback(arrival) && WILDCARD_HOSTS.has(listenHost?.trim() ?? '') ? '127.0.0.1' : arrival;

  return `http://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}/graphql`;
}
