import tseslint from 'typescript-eslint';

const FORGE_ONLY_AT_THE_ROOT = {
  group: ['@forge/*'],
  message: 'Only src/composition.ts and src/adapters/forge import @forge/*.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'static/admin/dist/**',
      '.local/**',
      'coverage/**',
      'test-artifacts/**',
      '.stryker-tmp/**',
      'reports/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The pure core and the engine never touch the platform: only the composition root and handlers may.
    files: ['src/settings/**', 'src/ports/**', 'src/adapters/graph/**', 'src/adapters/jira/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [FORGE_ONLY_AT_THE_ROOT] }],
    },
  },
  {
    // The core and the engine see the outside world through ports only; handlers call the engine, never the reverse.
    files: ['src/core/**', 'src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            FORGE_ONLY_AT_THE_ROOT,
            {
              group: ['**/adapters/**', '**/handlers/**', '**/composition', '**/index'],
              message:
                'src/core and src/engine use ports, never adapters, handlers, the composition root or src/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Small files and short functions (the Done-when of issue 16); src/ has no React components.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 250 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The core does no I/O.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The core takes time as an argument.' },
        { object: 'Math', property: 'random', message: 'The core is deterministic.' },
      ],
    },
  },
);
