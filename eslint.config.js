// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports that cost every server megabytes of resident memory at start, idle or not. */
const wholeLibraries = [
  { name: 'date-fns', message: "import each function from its own path ('date-fns/addDays'): the index costs ~10 MB of memory at start" },
  ...['format', 'formatDistanceStrict', 'formatDuration', 'intervalToDuration'].map((name) => ({
    name: `date-fns/${name}`,
    message: 'use lib/util/date-text.ts: date-fns formatting loads its locale machinery, ~5 MB at start',
  })),
];

/** Files in `files` may not import from the named folders (or files) of lib/. */
function layer(files, why, above) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { paths: wholeLibraries, patterns: above.map((name) => ({ group: [`**/${name}${name.endsWith('.js') ? '' : '/**'}`], message: why })) }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'data/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'spec/helpers/worker-loader.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['spec/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.true` style is an expression statement by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['scripts/**/*.ts', 'lib/cli/**/*.ts', 'lib/client/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  { files: ['lib/**/*.ts', 'scripts/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: wholeLibraries }] } },
  // The layers (docs/ARCHITECTURE.md): imports only go down.
  layer('lib/store/**/*.ts', 'storage imports nothing above it', ['chat', 'cluster', 'auth', 'session', 'commands', 'protocol', 'server', 'ops', 'cli', 'config.js']),
  layer('lib/chat/**/*.ts', 'the chat core speaks no wire format and knows no session or server', ['cluster', 'auth', 'session', 'commands', 'protocol', 'server', 'ops', 'cli', 'config.js']),
  layer('lib/session/**/*.ts', 'a session is the same for every protocol', ['commands', 'protocol', 'server', 'cli']),
  layer('lib/commands/**/*.ts', 'commands reply through their context, in no wire format', ['session', 'protocol', 'server', 'cli']),
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/chat/refusals.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='ChatError']", message: 'Refusals are worded in one place: add one to lib/chat/refusals.ts.' }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
