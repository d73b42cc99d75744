import { describe, expect, it } from 'vitest';
import { resolveApiUrl } from './api-url';

const PAGE = 'http://localhost:5173';

describe('resolveApiUrl', () => {
  it('prefers the configured address', () => {
    const socket = { localAddress: '127.0.0.1', localPort: 3100 };

    expect(resolveApiUrl('http://api.internal/graphql', socket, undefined, PAGE)).toBe(
      'http://api.internal/graphql',
    );
  });

  it('goes through the dev server’s proxy without a socket (vite dev)', () => {
    expect(resolveApiUrl(undefined, undefined, undefined, PAGE)).toBe(
      'http://localhost:5173/graphql',
    );
  });

  it('calls the port the request arrived on, over loopback', () => {
    const socket = { localAddress: '::ffff:127.0.0.1', localPort: 41_873 };

    expect(resolveApiUrl(undefined, socket, undefined, PAGE)).toBe(
      'http://127.0.0.1:41873/graphql',
    );
  });

  it('keeps the IPv6 loopback the request arrived on', () => {
    const socket = { localAddress: '::1', localPort: 3000 };

    expect(resolveApiUrl(undefined, socket, 'localhost', PAGE)).toBe('http://[::1]:3000/graphql');
  });

  it('stays on loopback when the server listens on every interface', () => {
    const socket = { localAddress: '10.0.4.7', localPort: 3000 };

    expect(resolveApiUrl(undefined, socket, '0.0.0.0', PAGE)).toBe('http://127.0.0.1:3000/graphql');
    expect(resolveApiUrl(undefined, socket, '::', PAGE)).toBe('http://127.0.0.1:3000/graphql');
  });

  it('uses the arrival address when the server listens on that interface only', () => {
    expect(
      resolveApiUrl(undefined, { localAddress: '10.0.4.7', localPort: 3000 }, '10.0.4.7', PAGE),
    ).toBe('http://10.0.4.7:3000/graphql');
    expect(
      resolveApiUrl(undefined, { localAddress: 'fd00::7', localPort: 3000 }, 'fd00::7', PAGE),
    ).toBe('http://[fd00::7]:3000/graphql');
  });
});
