import { describe, expect, it } from 'vitest';

import { playbookReviewState } from './review-schedule.js';

const DAY = 86_400_000;

describe('playbookReviewState', () => {
  const lastReviewedAt = new Date('2024-01-01T00:00:00.000Z');
  const dueAt = new Date('2024-01-31T00:00:00.000Z');
  const due = dueAt.getTime();

  it.each([
    ['the day after a review', lastReviewedAt.getTime() + DAY, 'CURRENT', 0],
    ['just before the due-soon window', due - 7 * DAY - 1, 'CURRENT', 0],
    ['at the start of the due-soon window', due - 7 * DAY, 'DUE_SOON', 0],
    ['at the due instant', due, 'DUE_SOON', 0],
    ['one millisecond past due', due + 1, 'OVERDUE', 0],
    ['just short of a day past due', due + DAY - 1, 'OVERDUE', 0],
    ['exactly a day past due', due + DAY, 'OVERDUE', 1],
    ['ten and a half days past due', due + 10.5 * DAY, 'OVERDUE', 10],
  ] as const)('should judge the moment %s', (_name, nowMs, state, daysOverdue) => {
    const result = playbookReviewState({
      lastReviewedAt,
      reviewIntervalDays: 30,
      now: new Date(nowMs),
    });

    expect(result).toEqual({ dueAt, state, daysOverdue });
  });

  it.each([
    [0, due - 1, 'CURRENT'],
    [0, due, 'DUE_SOON'],
    [30, lastReviewedAt.getTime(), 'DUE_SOON'],
    [14, due - 14 * DAY, 'DUE_SOON'],
    [14, due - 14 * DAY - 1, 'CURRENT'],
  ] as const)('should honour dueSoonDays %s at %s as %s', (dueSoonDays, nowMs, state) => {
    const result = playbookReviewState({
      lastReviewedAt,
      reviewIntervalDays: 30,
      now: new Date(nowMs),
      dueSoonDays,
    });

    expect(result.state).toBe(state);
  });

  it('should count whole UTC days across a daylight-saving change', () => {
    // 31 March 2024 is when much of Europe moved its clocks forward; UTC days do not notice.
    const result = playbookReviewState({
      lastReviewedAt: new Date('2024-03-20T23:30:00.000Z'),
      reviewIntervalDays: 20,
      now: new Date('2024-03-21T00:00:00.000Z'),
    });

    expect(result.dueAt.toISOString()).toBe('2024-04-09T23:30:00.000Z');
    expect(result.state).toBe('CURRENT');
  });

  it.each([
    { reviewIntervalDays: -1 },
    { reviewIntervalDays: Number.NaN },
    { reviewIntervalDays: 30, dueSoonDays: -2 },
    { reviewIntervalDays: 30, dueSoonDays: Number.POSITIVE_INFINITY },
  ])('should refuse %o', (days) => {
    expect(() => playbookReviewState({ lastReviewedAt, now: lastReviewedAt, ...days })).toThrow(
      RangeError,
    );
  });
});
