// The app's own additions to SvelteKit's types: https://svelte.dev/docs/kit/types#app.d.ts
// The adapter's types add `platform.req`, the Node request a page was asked with.
/// <reference types="@sveltejs/adapter-node" />

import type { ErrorCode } from '$lib/graphql/errors';

declare global {
  namespace App {
    /** What error pages receive: a sentence for people and, from the API, its code. */
    interface Error {
      message: string;
      code?: ErrorCode;
    }
  }
}

export {};
