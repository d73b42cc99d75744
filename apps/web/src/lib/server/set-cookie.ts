/**
 * Reading the API's `Set-Cookie` answers, so a form action can hand the session cookie on to
 * the browser: the action, not the browser, is the API's client when someone signs in.
 */

/** The cookie the API keeps the session in. */
export const SESSION_COOKIE = 'keel_session';

/** One `Set-Cookie` header, as far as relaying it needs. */
export interface SetCookie {
  name: string;
  /** Decoded, as `cookies.set` expects it. */
  value: string;
  path: string;
  expires: Date | null;
  /** In seconds; null when the header gives none. */
  maxAge: number | null;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none' | null;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Parses one `Set-Cookie` header; null when it has no `name=value` pair. */
export function parseSetCookie(header: string): SetCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const separator = pair.indexOf('=');

  if (separator <= 0) {
    return null;
  }

  const cookie: SetCookie = {
    name: pair.slice(0, separator).trim(),
    value: decode(pair.slice(separator + 1).trim()),
    path: '/',
    expires: null,
    maxAge: null,
    httpOnly: false,
    secure: false,
    sameSite: null,
  };

  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();

    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    if (key === 'httponly') cookie.httpOnly = true;
    if (key === 'secure') cookie.secure = true;
    if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);

    if (key === 'expires') {
      const expires = new Date(value);
      cookie.expires = Number.isNaN(expires.getTime()) ? null : expires;
    }

    if (key === 'samesite') {
      const sameSite = value.toLowerCase();
      if (sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none') {
        cookie.sameSite = sameSite;
      }
    }
  }

  return cookie;
}

/** Whether the header removes the cookie rather than setting it. */
export function clearsCookie(cookie: SetCookie, now: Date = new Date()): boolean {
  return (
    cookie.value === '' ||
    (cookie.maxAge !== null && cookie.maxAge <= 0) ||
    (cookie.expires !== null && cookie.expires.getTime() <= now.getTime())
  );
}
