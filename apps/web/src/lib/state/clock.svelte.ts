import { createSubscriber } from 'svelte/reactivity';

/** How often relative times ("12 min ago") are brought up to date, in milliseconds. */
const TICK_MS = 30_000;

/**
 * The current time for relative times on screen. One timer serves every reader; it runs only
 * while something on screen reads {@link Clock.now}, and not at all during server rendering.
 */
class Clock {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, TICK_MS);
    return () => clearInterval(timer);
  });

  /** Milliseconds since the epoch; reading it inside an effect re-runs the effect each tick. */
  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

/** The app's one clock. */
export const clock = new Clock();
