import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInHref } from './redirect';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query string', () => {
    expect(safeReturnPath('/incidents/abc?tab=roles')).toBe('/incidents/abc?tab=roles');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    [''],
    [null],
  ])('refuses %s and returns to the board', (target) => {
    expect(safeReturnPath(target)).toBe('/');
  });
});

describe('signInHref', () => {
  it('names the page to return to', () => {
    expect(signInHref('/automations?after=x')).toBe(
      '/signin?redirectTo=%2Fautomations%3Fafter%3Dx',
    );
  });

  it('leaves the parameter out for the board', () => {
    expect(signInHref('/')).toBe('/signin');
  });
});
