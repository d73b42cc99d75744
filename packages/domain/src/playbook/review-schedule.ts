/**
 * When a playbook is due for its periodic review. A playbook that nobody has looked at for a
 * long time drifts from the automations it describes, so each one names an interval after
 * which someone must read it again.
 *
 * Days are exact UTC days of 86,400,000 ms. Local calendars would make a due date depend on
 * where the server runs and shift an hour across daylight-saving changes.
 */

const MS_PER_DAY = 86_400_000;

/** What {@link playbookReviewState} needs to know about a playbook. */
export interface PlaybookReviewInput {
  /**
   * When the playbook was last reviewed. Publishing a new version counts as a review, since
   * its change request was read and approved, so pass the later of the two.
   */
  lastReviewedAt: Date;
  /** Days between reviews (the document's `reviewIntervalDays`). */
  reviewIntervalDays: number;
  now: Date;
  /**
   * How many days before the due date the review is reported as coming due.
   * @default 7
   */
  dueSoonDays?: number;
}

/** Where a playbook stands with its periodic review. */
export interface PlaybookReviewStatus {
  /** When the review falls due: `reviewIntervalDays` after the last review. */
  dueAt: Date;
  /**
   * CURRENT until `dueSoonDays` before `dueAt`; DUE_SOON from then up to and including
   * `dueAt`; OVERDUE after it.
   */
  state: 'CURRENT' | 'DUE_SOON' | 'OVERDUE';
  /** Whole days elapsed since `dueAt`: 0 unless overdue, and 0 during the first overdue day. */
  daysOverdue: number;
}

/**
 * Judges whether a playbook's periodic review is current, coming due or overdue.
 *
 * @throws RangeError when `reviewIntervalDays` or `dueSoonDays` is negative or not finite.
 */
export function playbookReviewState(input: PlaybookReviewInput): PlaybookReviewStatus {
  const { lastReviewedAt, reviewIntervalDays, now, dueSoonDays = 7 } = input;

  assertDays('reviewIntervalDays', reviewIntervalDays);
  assertDays('dueSoonDays', dueSoonDays);

  const dueMs = lastReviewedAt.getTime() + reviewIntervalDays * MS_PER_DAY;
  const nowMs = now.getTime();
  const dueAt = new Date(dueMs);

  if (nowMs > dueMs) {
    return { dueAt, state: 'OVERDUE', daysOverdue: Math.floor((nowMs - dueMs) / MS_PER_DAY) };
  }

  const dueSoonFrom = dueMs - dueSoonDays * MS_PER_DAY;
  return { dueAt, state: nowMs >= dueSoonFrom ? 'DUE_SOON' : 'CURRENT', daysOverdue: 0 };
}

function assertDays(name: string, days: number): void {
  if (!Number.isFinite(days) || days < 0) {
    throw new RangeError(`Invalid ${name}: ${days}.`);
  }
}
