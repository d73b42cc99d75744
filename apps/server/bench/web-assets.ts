import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files the service worker stores on install: SvelteKit's built app (`_app/immutable`,
 * `_app/version.json`) and the static files beside it, under `build/client`. Precompressed
 * copies (`.gz`, `.br`) are the server's, not the worker's.
 */
export async function listBuiltFiles(clientDir: string): Promise<string[]> {
  const entries = await readdir(clientDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/\.(gz|br)$/.test(file) && !file.endsWith('service-worker.js'));
}
