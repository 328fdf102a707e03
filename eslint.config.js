import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// Pure domain folders: no I/O layers, no CLI/server/web, no node:fs.
const pureFolders = ['answers', 'calculators', 'units', 'stats', 'catalog'];
const pureFiles = pureFolders.map((folder) => `src/${folder}/**/*.ts`);
// Pure-core tests that read the shared data files (../shared) and so need node:fs.
const pureTestsReadingSharedData = ['src/answers/medcalc-v1.conformance.test.ts'];

// Import boundaries (AGENTS.md). Only src/store/ talks to a database, only src/llm/ to a model SDK, and the
// pure core does no I/O. Tests may reach into a database or a mock model to check what was written.
const databasePackages = {
  group: [
    'drizzle-orm',
    'drizzle-orm/**',
    'pg',
    'pg/**',
    '@electric-sql/pglite*',
    '@electric-sql/pglite*/**',
  ],
  message: 'Only src/store/ touches the database: call a store repository instead.',
};
const languageModelPackages = {
  group: ['ai', 'ai/**', '@ai-sdk/*', '@ai-sdk/*/**'],
  message: 'Only src/llm/ uses the model SDKs: take what you need from llm/.',
};
const ioModules = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'node:http',
  'node:https',
  'node:net',
].map((name) => ({
  name,
  message: 'Keep the pure core free of I/O: do file and network work in dataset/ or cli/.',
}));

/** One config object per area, because a later `no-restricted-imports` replaces an earlier one instead of adding to it. */
function restrictImports({ files, ignores = [], paths = [], patterns = [] }) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

const importBoundaries = [
  restrictImports({
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/store/**', 'src/llm/**', ...pureFiles],
    patterns: [databasePackages, languageModelPackages],
  }),
  restrictImports({
    files: ['src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [languageModelPackages],
  }),
  restrictImports({ files: ['src/llm/**/*.ts'], ignores: ['**/*.test.ts'], patterns: [databasePackages] }),
  restrictImports({
    files: pureFiles,
    ignores: ['**/*.test.ts'],
    paths: ioModules,
    patterns: [databasePackages, languageModelPackages],
  }),
  restrictImports({
    files: pureFolders.map((folder) => `src/${folder}/**/*.test.ts`),
    ignores: pureTestsReadingSharedData,
    paths: ioModules,
  }),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', '.ci/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    // Sources import './x.js' for './x.ts' (NodeNext): without the alias no import resolves, and the
    // no-restricted-paths zones below would never fire.
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-default-export': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['error', 3],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...pureFolders.map((folder) => ({
              target: `./src/${folder}`,
              from: ['./src/cli', './src/store', './src/llm', './src/dataset/hub.ts', './src/config.ts'],
              message: 'Pure domain folders never import the CLI, the store, models, the network or config.',
            })),
            {
              target: './src/!(cli)/**/*',
              from: './src/cli',
              message: 'Domain folders never import cli/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in src/config.ts.',
        },
      ],
    },
  },
  ...importBoundaries,
  {
    files: ['src/config.ts', 'test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.d.ts'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  // The web app's Vite config runs in Node, apart from the browser code (web/tsconfig.json): its own project.
  {
    files: ['web/vite.config.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './web/tsconfig.node.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'import-x/no-default-export': 'off' },
  },
);
