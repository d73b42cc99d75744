import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Where `pnpm dev` sends API calls: the server's own `pnpm dev`. */
const API_ORIGIN = process.env.KEEL_API_ORIGIN ?? 'http://127.0.0.1:3000';

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
