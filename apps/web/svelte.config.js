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
    typescript: {
      // The codegen configuration is TypeScript too; the type-aware lint needs it in a project.
      config: (tsconfig) => ({ ...tsconfig, include: [...tsconfig.include, '../codegen.ts'] }),
    },
  },
};

export default config;
