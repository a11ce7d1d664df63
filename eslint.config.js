import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { builtinModules } from 'node:module'

/** Node's own modules by their bare names (`fs`, `path`, `crypto`, `fs/promises`…); `node:*` is a pattern. */
function nodeBuiltins(message) {
  return builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message }))
}

/** Packages that reach the server, a database or the file system. */
const SERVER_PACKAGES = ['fastify', '@fastify/*', 'fastify-*', 'pg', 'pg-*', 'ioredis', 'redis']
/** Packages that do I/O or tie code to a framework: none of them in domain/. */
const IO_AND_FRAMEWORK_PACKAGES = [
  ...SERVER_PACKAGES,
  'electron',
  'electron/*',
  'electron-*',
  'vue',
  'vue/*',
  '@vue/*',
  'vue-*',
  'pinia',
  'element-plus',
  'element-plus/*',
  '@element-plus/*',
  'rxdb',
  'rxdb/*',
  'rxjs',
  'rxjs/*',
  'dexie',
  'exceljs',
]

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'data',
      'test-results',
      'playwright-report',
      'bench/results',
      'domain/generated/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': 'off',
    },
  },
  // DESIGN §2: dependencies point one way — renderer → domain, sync-server → domain, electron → nothing of the
  // others (it may use domain's pure code, e.g. the shared CSP); the renderer reaches electron only through the
  // type-only contract electron/preload/api.ts. `domain/` does no I/O and knows no framework.
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins('domain/ is pure: no I/O'),
          patterns: [
            { group: ['node:*'], message: 'domain/ is pure: no I/O' },
            { group: IO_AND_FRAMEWORK_PACKAGES, message: 'domain/ is pure: no I/O, no framework' },
            {
              group: ['**/renderer/**', '**/sync-server/**', '**/electron/**'],
              message: 'domain/ depends on nothing',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins('the renderer runs in a browser: no Node modules'),
          patterns: [
            { group: ['node:*'], message: 'the renderer runs in a browser: no Node modules' },
            {
              group: ['electron', 'electron/*'],
              message: 'the renderer reaches Electron through window.desktop only',
            },
            { group: SERVER_PACKAGES, message: 'server-side packages do not belong in the renderer' },
            { group: ['**/sync-server/**'], message: 'the renderer talks to the server over HTTP only' },
            {
              group: ['**/electron/**', '!**/electron/preload/api.ts'],
              message: 'the renderer reaches Electron through window.desktop only',
            },
            {
              group: ['**/electron/preload/api.ts'],
              allowTypeImports: true,
              message: 'the window.desktop contract is imported with `import type` only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sync-server/**/*.{ts,js}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', '**/electron/**'],
              message: 'the sync server knows no Electron',
            },
            {
              group: ['**/renderer/**'],
              message: 'the sync server shares code with the renderer through domain/ only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ knows no renderer code (DESIGN §2)' },
            { group: ['**/sync-server/**'], message: 'electron/ knows no server code (DESIGN §2)' },
          ],
        },
      ],
    },
  },
  prettier,
)
