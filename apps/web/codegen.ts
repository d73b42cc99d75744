import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's committed schema (`pnpm codegen`). Operations are written
 * with `graphql()` in `src/lib/graphql/operations/`; the generated files are committed, so a
 * build needs no codegen run. Documents are emitted as strings rather than syntax trees: the
 * app sends them with plain fetch and graphql-ws and never needs `graphql` in the browser.
 * The browser imports its one document from `generated/graphql` directly (`gql.ts` would bring
 * every document along); vite.config.ts lets the bundler drop the others.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/lib/graphql/operations/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/lib/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        strictScalars: true,
        scalars: {
          DateTimeISO: 'string',
          JSONObject: 'Record<string, unknown>',
          JSON: 'unknown',
        },
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
