import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    adapter: adapter({ out: 'build' }),
    // The app registers its worker itself, once the page no longer needs the network first
    // (src/lib/offline/worker-registration.ts).
    serviceWorker: { register: false },
    // A page's stylesheets (the war room's come to about 17 KB) go into its HTML. As files they
    // took five to nine requests of their own, each ahead of the page's code in the browser's
    // six connections to the server.
    inlineStyleThreshold: 16_384,
    typescript: {
      // The codegen configuration is TypeScript too, and SvelteKit leaves the service worker
      // out of the project; the type check and the type-aware lint need both in it.
      config: (tsconfig) => ({
        ...tsconfig,
        include: [...tsconfig.include, '../codegen.ts'],
        exclude: tsconfig.exclude.filter((path) => !path.includes('/service-worker')),
      }),
    },
  },
};

export default config;
