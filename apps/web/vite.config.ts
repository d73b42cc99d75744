import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Where `pnpm dev` sends API calls: the server's own `pnpm dev`. */
const API_ORIGIN = process.env.KEEL_API_ORIGIN ?? 'http://127.0.0.1:3000';

/** Svelte's and SvelteKit's runtime, and Vite's preload helper: every page needs them. */
function isFramework(id: string): boolean {
  const path = id.replaceAll('\\', '/');
  return (
    /\/node_modules\/(svelte|@sveltejs\/kit|devalue|esm-env|clsx)\//.test(path) ||
    path.includes('vite/preload-helper')
  );
}

/** The app's small modules used by several pages: components, state, labels, the API client. */
function isSharedAppCode(id: string): boolean {
  const path = id.replaceAll('\\', '/');
  return (
    /\/src\/lib\/((components|graphql|offline|state)\/|[\w-]+\.ts$)/.test(path) ||
    path.includes('/packages/domain/') ||
    path.includes('/node_modules/graphql-ws/')
  );
}

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    // Workspace packages publish a `keel-source` condition: use their TypeScript, no build needed.
    conditions: ['keel-source', ...defaultClientConditions],
  },
  ssr: {
    resolve: {
      conditions: ['keel-source', ...defaultServerConditions],
    },
  },
  build: {
    rolldownOptions: {
      // Generated documents are built with `new TypedDocumentString(…)`; declaring it pure lets
      // the bundler drop every document a chunk does not use (the browser needs one).
      treeshake: { manualPureFunctions: ['TypedDocumentString'] },
      output: {
        // Left to itself the bundler split the shared code into some twenty files of a few
        // hundred bytes, and a browser fetches at most six at a time from one HTTP/1.1 server,
        // so the war room's 29 files queued behind one another. Grouped, it loads 11.
        codeSplitting: {
          groups: [
            { name: 'framework', test: isFramework },
            // The collaboration code (Yjs, the editor) and governance keep chunks of their own,
            // so pages without them do not load them.
            { name: 'shared', test: isSharedAppCode, minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: {
    // Queries from the page, the GraphQL WebSocket and the live documents reach the API as if
    // on one origin, as they do in production, so the session cookie travels with all three.
    proxy: {
      '/graphql': { target: API_ORIGIN, ws: true },
      '/collab': { target: API_ORIGIN, ws: true },
    },
  },
  test: {
    include: ['src/**/*.spec.ts'],
  },
});
