import { redirect, type Handle } from '@sveltejs/kit';
import { signInHref } from '$lib/redirect';
import { SESSION_COOKIE } from '$lib/server/set-cookie';

/**
 * Sends a visitor without a session cookie straight to sign-in. The `(app)` layout checks the
 * session itself; this only spares the API the page's own queries, which SvelteKit runs
 * beside the layout's and which could only be refused.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const needsSession = event.route.id?.startsWith('/(app)') ?? false;

  if (needsSession && !event.cookies.get(SESSION_COOKIE)) {
    redirect(303, signInHref(event.url.pathname + event.url.search));
  }

  return resolve(event);
};
