/**
 * When the service worker is registered. Installing it fetches every file of the build (some
 * seventy requests). SvelteKit's own registration starts that as soon as the page's `load` event
 * fires, which on a first visit to a war room is when its live timeline is loading: the worker's
 * requests shared the network and the server's one thread with the timeline's WebSocket, its
 * authentication and the document being sent, and made the war room slower to become usable.
 *
 * So a part of the page that is still getting ready holds registration back until it is done,
 * or for {@link MAX_HOLD_MS} at most; with nothing held, the worker is registered as soon as the
 * app has started. Offline use needs the worker installed before the network goes, which it
 * still is within a moment of the timeline being live.
 */
import { dev } from '$app/environment';

/**
 * The longest a hold delays registration, in milliseconds, in case what holds it never finishes
 * (a document that does not load, say).
 * @default 10000
 */
export const MAX_HOLD_MS = 10_000;

/** What {@link WorkerRegistration} works with: the browser's, or fakes in tests. */
export interface WorkerRegistrationDeps {
  /** Registers the worker; called at most once. */
  register: () => void;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
}

/** Registers the service worker once the app has started and nothing holds it back. */
export class WorkerRegistration {
  readonly #deps: WorkerRegistrationDeps;
  readonly #holds = new Set<symbol>();
  #started = false;
  #registered = false;

  constructor(deps: WorkerRegistrationDeps) {
    this.#deps = deps;
  }

  /** Whether the worker has been registered. */
  get registered(): boolean {
    return this.#registered;
  }

  /**
   * Holds registration back until the returned function is called (more than once is harmless)
   * or {@link MAX_HOLD_MS} has passed. Take it before the app starts, while the part of the page
   * that needs the network first is being created.
   */
  hold(): () => void {
    if (this.#registered) return () => undefined;

    const hold = Symbol('hold');
    this.#holds.add(hold);
    const timer = this.#deps.setTimeout(() => release(), MAX_HOLD_MS);
    const release = () => {
      if (!this.#holds.delete(hold)) return;
      this.#deps.clearTimeout(timer);
      this.#registerIfFree();
    };
    return release;
  }

  /** The app has started: registers now, or once the last hold is released. */
  start(): void {
    this.#started = true;
    this.#registerIfFree();
  }

  #registerIfFree(): void {
    if (!this.#started || this.#registered || this.#holds.size > 0) return;
    this.#registered = true;
    this.#deps.register();
  }
}

/**
 * The app's registration, set free by the root layout once the app has started. On the server
 * it never registers anything, and holds are not taken there.
 */
export const workerRegistration = new WorkerRegistration({
  register: () => {
    if (!('serviceWorker' in navigator)) return;
    // In development the worker is served as a module, which only some browsers can run.
    const type = dev ? 'module' : 'classic';
    // Without a worker the app works as before, only not offline.
    navigator.serviceWorker.register('/service-worker.js', { type }).catch(() => undefined);
  },
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
});
