import * as sveltePlugin from 'prettier-plugin-svelte';
import rootConfig from '../../.prettierrc.json' with { type: 'json' };

/**
 * The repository's settings, plus the Svelte plugin for this app's components. Prettier reads
 * the nearest configuration, so `prettier --check apps/web` from the root uses this one. The
 * plugin is imported rather than named because Prettier resolves names from the working
 * directory, where the root package does not have it.
 * @type {import('prettier').Config}
 */
const config = {
  ...rootConfig,
  plugins: [sveltePlugin],
};

export default config;
