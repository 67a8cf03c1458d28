// Lint encodes the architecture: the engine and the protocol never import vscode, React or the DOM
// side; the webview reaches the host only through src/protocol; src/ never imports React.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const noVscode = { name: 'vscode', message: 'src/engine and src/protocol are pure: no vscode import (keep it in src/extension).' };
const noReact = [
  { name: 'react', message: 'src/ never imports React: UI lives in webview/.' },
  { name: 'react-dom', message: 'src/ never imports React: UI lives in webview/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-output/**', 'out/**', '**/*.d.ts', '**/*.d.mts', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/engine/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, ...noReact],
          patterns: [
            { group: ['**/extension/**', '**/cli/**', '**/webview/**'], message: 'The engine and protocol depend on nothing above them.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'acquireVsCodeApi'],
    },
  },
  {
    files: ['src/extension/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: noReact, patterns: [{ group: ['**/webview/**'], message: 'The host talks to the webview only through src/protocol.' }] }],
    },
  },
  {
    files: ['src/node/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/node is plain Node.js, shared by the CLI and the extension.' }, ...noReact] }] },
  },
  {
    files: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }, ...noReact] }] },
  },
  {
    files: ['webview/**/*.tsx', 'webview/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['webview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview cannot import vscode: use src/protocol messages.' }],
          patterns: [{ group: ['**/src/extension/**', '**/src/cli/**'], message: 'The webview imports only src/protocol (and the engine).' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
