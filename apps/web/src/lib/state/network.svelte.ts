import { createSubscriber } from 'svelte/reactivity';

/**
 * Whether the browser has a network, from its `online` and `offline` events. True during
 * server rendering; "online" only means a network interface, "offline" is certain.
 */
class Network {
  #subscribe = createSubscriber((update) => {
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  });

  /** Whether the browser is online; reading it in an effect re-runs the effect on a change. */
  get online(): boolean {
    if (typeof navigator === 'undefined') return true;
    this.#subscribe();
    return navigator.onLine;
  }
}

/** The app's one view of the network. */
export const network = new Network();
