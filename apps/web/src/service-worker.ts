/// <reference types="@sveltejs/kit" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { OfflinePages, changesSession, isKeepPageMessage } from '$lib/offline/offline-pages';

/**
 * Keel's service worker: lets a war room that was open before open again without a network
 * (see offline-pages.ts for what is kept, and for how long). SvelteKit registers it.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;

const pages = new OfflinePages({
  caches,
  fetch: (request) => fetch(request),
  origin: worker.location.origin,
  version,
  assets: [...build, ...files],
});

worker.addEventListener('install', (event) => {
  // A new version takes over at once: its built files are all stored by then, and pages of
  // the old version load their files from the network, which the old build still serves.
  event.waitUntil(pages.install().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(pages.activate().then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (changesSession(request, worker.location.origin)) {
    event.waitUntil(pages.forgetPages());
    return;
  }

  const response = pages.respond(request, request.mode, (work) => event.waitUntil(work));
  if (response) event.respondWith(response);
});

worker.addEventListener('message', (event) => {
  if (isKeepPageMessage(event.data)) event.waitUntil(pages.keep(event.data.url));
});
