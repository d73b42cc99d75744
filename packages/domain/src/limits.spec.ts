import { describe, expect, it } from 'vitest';

import {
  checkListSize,
  checkPassword,
  checkText,
  hasText,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PAGE_SIZE,
  MAX_PASSWORD_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './limits.js';

describe('limits', () => {
  it('keeps the agreed values, which the database columns and forms are sized by', () => {
    expect({
      MAX_TITLE_LENGTH,
      MAX_SUMMARY_LENGTH,
      MAX_NOTE_LENGTH,
      MAX_NAME_LENGTH,
      MAX_URL_LENGTH,
      MAX_LIST_ITEMS,
      MAX_PAGE_SIZE,
      MIN_PASSWORD_LENGTH,
      MAX_PASSWORD_LENGTH,
    }).toEqual({
      MAX_TITLE_LENGTH: 200,
      MAX_SUMMARY_LENGTH: 10_000,
      MAX_NOTE_LENGTH: 2_000,
      MAX_NAME_LENGTH: 120,
      MAX_URL_LENGTH: 2_048,
      MAX_LIST_ITEMS: 50,
      MAX_PAGE_SIZE: 100,
      MIN_PASSWORD_LENGTH: 10,
      MAX_PASSWORD_LENGTH: 200,
    });
  });
});

describe('hasText', () => {
  it.each([
    [null, false],
    [undefined, false],
    ['', false],
    [' \t\n', false],
    ['x', true],
    ['  Zap failed  ', true],
  ])('says %j has text: %s', (value, expected) => {
    expect(hasText(value)).toBe(expected);
  });
});

describe('checkText', () => {
  const title = { field: 'Title', max: MAX_TITLE_LENGTH, required: true };
  const note = { field: 'Note', max: MAX_NOTE_LENGTH };

  it.each([
    ['a required field that is missing', null, title, 'Title is required.'],
    ['a required field that is empty', '', title, 'Title is required.'],
    ['a required field of spaces', '    ', title, 'Title is required.'],
    ['an optional field that is missing', null, note, null],
    ['an optional field of spaces', '   ', note, null],
    ['a value at the limit', 'x'.repeat(200), title, null],
    [
      'a value one over the limit',
      'x'.repeat(201),
      title,
      'Title must be at most 200 characters (it has 201).',
    ],
    [
      'an optional value over the limit',
      'y'.repeat(2_001),
      note,
      'Note must be at most 2000 characters (it has 2001).',
    ],
    [
      'a value under its minimum',
      'abc',
      { field: 'Code', max: 10, min: 4 },
      'Code must be at least 4 characters (it has 3).',
    ],
    ['a value at its minimum', 'abcd', { field: 'Code', max: 10, min: 4 }, null],
  ] as const)('judges %s', (_case, value, rule, expected) => {
    expect(checkText(value, rule)).toBe(expected);
  });

  it('counts the surrounding spaces a value would be stored with', () => {
    const padded = ` ${'x'.repeat(199)} `;

    expect(checkText(padded, title)).toBe('Title must be at most 200 characters (it has 201).');
  });

  it('counts characters outside the basic plane as two, like a form field does', () => {
    expect(checkText('🚨'.repeat(100), title)).toBeNull();
    expect(checkText('🚨'.repeat(101), title)).toBe(
      'Title must be at most 200 characters (it has 202).',
    );
  });
});

describe('checkPassword', () => {
  it.each([
    [null, 'Password is required.'],
    ['short', 'Password must be at least 10 characters (it has 5).'],
    ['123456789', 'Password must be at least 10 characters (it has 9).'],
    ['1234567890', null],
    ['correct horse battery staple', null],
    ['p'.repeat(200), null],
    ['p'.repeat(201), 'Password must be at most 200 characters (it has 201).'],
  ])('judges %j', (value, expected) => {
    expect(checkPassword(value)).toBe(expected);
  });

  it('counts spaces in a passphrase instead of trimming them', () => {
    expect(checkPassword('  abcdef  ')).toBeNull();
  });
});

describe('checkListSize', () => {
  it.each([
    [0, null],
    [50, null],
    [51, 'Data kinds can have at most 50 entries (it has 51).'],
  ])('judges a list of %i items against the default limit', (count, expected) => {
    expect(
      checkListSize(
        Array.from({ length: count }, () => 'x'),
        'Data kinds',
      ),
    ).toBe(expected);
  });

  it('applies a smaller limit when given one', () => {
    expect(checkListSize([1, 2, 3], 'Tags', 2)).toBe('Tags can have at most 2 entries (it has 3).');
  });
});
