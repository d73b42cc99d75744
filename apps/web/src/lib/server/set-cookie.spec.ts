import { describe, expect, it } from 'vitest';
import { clearsCookie, parseSetCookie } from './set-cookie';

describe('parseSetCookie', () => {
  it('reads the session cookie as Express writes it', () => {
    const cookie = parseSetCookie(
      'keel_session=abc%2Fdef; Path=/; Expires=Wed, 10 Dec 2025 12:00:00 GMT; HttpOnly; ' +
        'SameSite=Lax',
    );

    expect(cookie).toEqual({
      name: 'keel_session',
      value: 'abc/def',
      path: '/',
      expires: new Date('2025-12-10T12:00:00Z'),
      maxAge: null,
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
    });
  });

  it('reads Secure and Max-Age', () => {
    const cookie = parseSetCookie('keel_session=x; Max-Age=3600; Secure; SameSite=Strict');

    expect(cookie?.secure).toBe(true);
    expect(cookie?.maxAge).toBe(3600);
    expect(cookie?.sameSite).toBe('strict');
  });

  it('refuses a header without a name', () => {
    expect(parseSetCookie('=value; Path=/')).toBeNull();
    expect(parseSetCookie('garbage')).toBeNull();
  });
});

describe('clearsCookie', () => {
  const now = new Date('2025-12-03T12:00:00Z');

  it('sees the clearing header Express sends on sign-out', () => {
    const cookie = parseSetCookie('keel_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT');

    expect(cookie && clearsCookie(cookie, now)).toBe(true);
  });

  it('keeps a cookie that expires later', () => {
    const cookie = parseSetCookie('keel_session=abc; Expires=Wed, 10 Dec 2025 12:00:00 GMT');

    expect(cookie && clearsCookie(cookie, now)).toBe(false);
  });
});
