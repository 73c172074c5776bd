// @ts-check
import eslint from '@eslint/js';
import jest from 'eslint-plugin-jest';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The architecture, as lint (DESIGN.md): a module reaches another through its exported services,
 * never its repository (one owner per table); common/ imports nothing above it; the event kernel
 * imports no module. scripts/boundaries.spec.ts plants a violation of each and expects an error.
 */
const MODULES = [
  'identity',
  'backlog',
  'sprint',
  'workdays',
  'ceremony',
  'retrospective',
  'realtime',
  'webhooks',
  'comments',
  'sprint-export',
  'mail',
  'mail-admin',
  'notifications',
];
const ABOVE_THE_KERNEL = [...MODULES, 'client', 'charts', 'health', 'web'];

const restrict = (files, group, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
});

const boundaries = [
  ...MODULES.map((module) =>
    restrict(
      [`src/${module}/**/*.ts`],
      MODULES.filter((other) => other !== module).map((other) => `**/${other}/**/*.repository`),
      `A module reaches another through its exported services, never its repository: each table has one owner (DESIGN.md).`,
    ),
  ),
  restrict(
    ['src/common/**/*.ts'],
    ['events', ...ABOVE_THE_KERNEL].map((folder) => `**/${folder}/**`),
    'common/ is below every module and the event kernel: it may import config/, database/ and i18n/ only.',
  ),
  restrict(
    ['src/events/**/*.ts'],
    ABOVE_THE_KERNEL.map((folder) => `**/${folder}/**`),
    'The event kernel imports no module: modules merge their event types into EventCatalogue (declare module).',
  ),
];

export default tseslint.config(
  {
    ignores: [
      'dist-bench/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'bench/results/**',
      'test-results/**',
      'web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'expect*', 'request.**.expect', 'api.**.expect'] },
      ],
      // supertest and socket payloads are untyped JSON by nature.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The web client: React's rules of hooks, and dependency lists that say what they use.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['web/test/**/*.{ts,tsx}', 'web/src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  ...boundaries,
  prettier,
);
