/** Where sign-in sends people back to, kept to this site's own pages. */

/** The sign-in page's parameter naming the page to return to. */
export const RETURN_PARAM = 'redirectTo';

/**
 * `target` when it is a path on this site, otherwise `/`. Refuses absolute URLs and
 * protocol-relative ones (`//evil.example`, `/\evil.example`), which browsers would follow off
 * the site: sign-in must not become an open redirect.
 */
export function safeReturnPath(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return '/';
  }

  return target;
}

/** The sign-in page's address for someone who wanted `path` (with its query string). */
export function signInHref(path: string): string {
  const target = safeReturnPath(path);
  return target === '/' ? '/signin' : `/signin?${RETURN_PARAM}=${encodeURIComponent(target)}`;
}
