import { describe, expect, it } from 'vitest';
import { MAX_HOLD_MS, WorkerRegistration } from './worker-registration';

/** A registration whose timers run only when the test says so. */
function setUp() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let nextTimer = 1;
  const calls = { register: 0 };

  const registration = new WorkerRegistration({
    register: () => {
      calls.register += 1;
    },
    setTimeout: (run, ms) => {
      timers.set(nextTimer, { run, ms });
      return nextTimer++;
    },
    clearTimeout: (timer) => {
      timers.delete(timer as number);
    },
  });

  /** Runs every pending timer of at most `ms` milliseconds. */
  const elapse = (ms: number) => {
    for (const [id, timer] of [...timers]) {
      if (timer.ms > ms) continue;
      timers.delete(id);
      timer.run();
    }
  };
  return { registration, calls, timers, elapse };
}

describe('WorkerRegistration', () => {
  it('registers once the app has started, when nothing holds it back', () => {
    const { registration, calls } = setUp();
    expect(calls.register).toBe(0);

    registration.start();
    registration.start();

    expect(calls.register).toBe(1);
    expect(registration.registered).toBe(true);
  });

  it('waits until every hold is released', () => {
    const { registration, calls } = setUp();
    const releaseTimeline = registration.hold();
    const releaseEditor = registration.hold();
    registration.start();

    releaseTimeline();
    expect(calls.register).toBe(0);

    releaseEditor();
    expect(calls.register).toBe(1);
  });

  it('does not register before the app has started, even with every hold released', () => {
    const { registration, calls } = setUp();
    registration.hold()();

    expect(calls.register).toBe(0);
  });

  it('gives up a hold that is never released after MAX_HOLD_MS', () => {
    const { registration, calls, elapse } = setUp();
    registration.hold();
    registration.start();

    elapse(MAX_HOLD_MS - 1);
    expect(calls.register).toBe(0);

    elapse(MAX_HOLD_MS);
    expect(calls.register).toBe(1);
  });

  it('forgets the timer of a released hold, and a second release changes nothing', () => {
    const { registration, calls, timers } = setUp();
    const release = registration.hold();
    const other = registration.hold();
    registration.start();

    release();
    release();
    expect(timers.size).toBe(1);
    expect(calls.register).toBe(0);

    other();
    expect(calls.register).toBe(1);
  });

  it('takes no hold once the worker is registered', () => {
    const { registration, calls, timers } = setUp();
    registration.start();

    registration.hold()();

    expect(timers.size).toBe(0);
    expect(calls.register).toBe(1);
  });
});
