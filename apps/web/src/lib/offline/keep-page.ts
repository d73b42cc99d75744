import type { KeepPageMessage } from './offline-pages';

/**
 * Asks the service worker to keep the page at `url` for offline use. A page loaded in full was
 * kept as it loaded; one reached by the app's own navigation was not, since the worker sees
 * only the data request then. Does nothing where service workers are unavailable.
 */
export function keepPageOffline(url: URL): void {
  if (!('serviceWorker' in navigator)) return;

  const message: KeepPageMessage = { type: 'keel:keep-page', url: url.href };
  navigator.serviceWorker.ready.then(
    (registration) => registration.active?.postMessage(message),
    // Without a worker the page works as before, only not offline.
    () => undefined,
  );
}
