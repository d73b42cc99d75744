import { describe, expect, it } from 'vitest';
import { formatDuration, formatExact, formatRelative } from './time';

const NOW = new Date('2025-12-03T12:00:00Z');

function ago(ms: number): Date {
  return new Date(NOW.getTime() - ms);
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [44 * SECOND, 'just now'],
    [45 * SECOND, '1 min ago'],
    [59 * MINUTE, '59 min ago'],
    [HOUR, '1 h ago'],
    [23 * HOUR + 59 * MINUTE, '23 h ago'],
    [DAY, '1 day ago'],
    [13 * DAY, '13 days ago'],
    [14 * DAY, '2 weeks ago'],
    [59 * DAY, '8 weeks ago'],
    [60 * DAY, '2 months ago'],
    [400 * DAY, '1 year ago'],
    [800 * DAY, '2 years ago'],
  ])('reads %i ms ago as "%s"', (ms, expected) => {
    expect(formatRelative(ago(ms), NOW)).toBe(expected);
  });

  it('reads a time slightly ahead of the clock as just now', () => {
    expect(formatRelative(ago(-30 * SECOND), NOW)).toBe('just now');
  });

  it('reads a time further ahead as in the future', () => {
    expect(formatRelative(ago(-5 * MINUTE), NOW)).toBe('in 5 min');
  });

  it('accepts ISO strings and epoch milliseconds', () => {
    expect(formatRelative('2025-12-03T09:00:00Z', NOW.getTime())).toBe('3 h ago');
  });

  it('reads an invalid time as nothing rather than NaN', () => {
    expect(formatRelative('not a date', NOW)).toBe('');
  });
});

describe('formatExact', () => {
  it('gives the minute and the zone it is in', () => {
    expect(formatExact('2025-12-03T16:52:30Z', 'UTC')).toBe('3 Dec 2025, 16:52 UTC');
  });

  it('converts to the zone asked for', () => {
    expect(formatExact('2025-12-03T16:52:30Z', 'Europe/Paris')).toMatch(/^3 Dec 2025, 17:52 /);
  });

  it('keeps each zone apart when zones alternate', () => {
    const time = '2025-12-03T16:52:30Z';
    expect(formatExact(time, 'UTC')).toBe('3 Dec 2025, 16:52 UTC');
    expect(formatExact(time, 'Asia/Tokyo')).toMatch(/^4 Dec 2025, 01:52 /);
    expect(formatExact(time, 'UTC')).toBe('3 Dec 2025, 16:52 UTC');
  });

  it('reads an invalid time as nothing', () => {
    expect(formatExact('soon')).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [45 * SECOND, '45 s'],
    [12 * MINUTE + 10 * SECOND, '12 min'],
    [HOUR, '1 h'],
    [HOUR + 20 * MINUTE, '1 h 20 min'],
    [DAY, '1 day'],
    [2 * DAY + 3 * HOUR + 5 * MINUTE, '2 days 3 h'],
  ])('reads %i ms as "%s"', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('reads an unknown or impossible duration as a dash', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
