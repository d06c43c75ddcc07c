import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'static/admin/dist/**', '.local/**', 'coverage/**', 'test-artifacts/**', '.stryker-tmp/**', 'reports/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The pure core and the engine never touch the platform: only the composition root and handlers may.
    files: ['src/core/**', 'src/engine/**', 'src/settings/**', 'src/ports/**', 'src/adapters/graph/**', 'src/adapters/jira/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@forge/*'], message: 'Only src/composition.ts and src/adapters/forge import @forge/*.' }] }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The core does no I/O.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The core takes time as an argument.' }, { object: 'Math', property: 'random', message: 'The core is deterministic.' }],
    },
  },
);
