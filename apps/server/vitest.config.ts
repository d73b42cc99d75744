import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    conditions: ['keel-source'],
    // type-graphql and Apollo load graphql through require(); our sources would otherwise get the
    // ESM build, and graphql refuses objects made by "another module or realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['src/**/*.spec.ts'],
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
