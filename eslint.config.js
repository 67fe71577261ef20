import { readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const NO_INNER_HTML = { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never set innerHTML: build DOM nodes with textContent.' };

/*
 * Boundaries (issue #13 item 3); each rule below is shown to catch a violation by tests/lint/boundaries.test.ts.
 *
 * server/src/shared is the one part of the server that the client may import, through its alias `@shared/*` only.
 */
const SHARED_ALIASES = ['shared'];
const SHARED_DIRS = ['server/src/shared'];

/** npm scopes of the declared dependencies: any other `@x/` import is a path alias (e.g. `@server/…`), not a package. */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const NPM_SCOPES = [...new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n.startsWith('@')).map((n) => n.slice(1).split('/')[0]))];
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CLIENT_SERVER_MESSAGE = 'The client imports nothing of the server except the shared contracts, through their alias (@shared/…).';
const clientImports = {
  patterns: [
    // a relative path into the server folder: '../../../server/src/…'
    { regex: '^\\.{1,2}/(?:.*/)?server(?:/|$)', message: CLIENT_SERVER_MESSAGE },
    // an alias that is not the shared one and not the scope of a declared npm package; '~/…', '#…' aliases too
    { regex: `^(?:@(?!(?:${[...SHARED_ALIASES, ...NPM_SCOPES].map(esc).join('|')})/)|~|#)`, message: CLIENT_SERVER_MESSAGE },
    // the shared alias used to climb out of the shared folder: '@shared/../db/database'
    { regex: `^@(?:${SHARED_ALIASES.join('|')})/(?:.*/)?\\.\\.(?:/|$)`, message: CLIENT_SERVER_MESSAGE },
  ],
};
// the same for `import('…')`; esquery regexes cannot hold '/', hence \x2F
const CLIENT_DYNAMIC_IMPORT = {
  selector: String.raw`ImportExpression[source.value=/(^|\x2F)server(\x2F|$)/]`,
  message: CLIENT_SERVER_MESSAGE,
};

const DRIVER_MESSAGE = 'Only server/src/db/** and *-repository.ts files use a database driver; take the `Db` type (import type) from server/src/db.';
const DRIVER_REGEX = '^(?:better-sqlite3|sqlite3|node:sqlite|pg|pg-[a-z-]+|postgres)(?:/.*)?$';
const DRIVER_DYNAMIC_IMPORT = {
  selector: String.raw`ImportExpression[source.value=/^(better-sqlite3|sqlite3|node:sqlite|pg|pg-[a-z-]+|postgres)(\x2F|$)/]`,
  message: DRIVER_MESSAGE,
};

/** An SQL statement in a string or template literal: upper-case keyword at the start (the repositories' style). */
const SQL_START = String.raw`^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|PRAGMA|DROP|ALTER|REPLACE|UPSERT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|VACUUM|ANALYZE|EXPLAIN|ATTACH)\s`;
const SQL_MESSAGE = 'Routers and services hold no SQL: put the statement in a *-repository.ts.';
const NO_SQL = [
  { selector: `Literal[value=/${SQL_START}/]`, message: SQL_MESSAGE },
  { selector: `TemplateLiteral[quasis.0.value.cooked=/${SQL_START}/]`, message: SQL_MESSAGE },
];

const SHARED_MESSAGE = 'The shared contracts import only each other, zod and geojson types: nothing else of the server, no node built-ins.';
/** The shared folder may hold subfolders: a file n folders deep may climb at most n levels (generated for depths 0–4). */
const sharedConfigs = [0, 1, 2, 3, 4].map((depth) => ({
  files: SHARED_DIRS.map((dir) => `${dir}/${'*/'.repeat(depth)}*.ts`),
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { regex: `^(?:\\.\\./){${depth + 1},}`, message: SHARED_MESSAGE },
        // bare specifiers: zod, geojson, the shared alias, vitest (in tests) only
        { regex: `^(?!\\.{1,2}/|zod(?:/|$)|geojson$|vitest$|@(?:${SHARED_ALIASES.join('|')})/)`, message: SHARED_MESSAGE },
      ],
    }],
  },
}));

const FRONT_DOOR_MESSAGE = 'A feature imports another feature only through its front door ({{door}}), not {{target}}.';
/** `client/src/features/<name>/…` or `server/src/features/<name>/…` (project-relative, '/'-separated): the feature and the rest. */
const FEATURE_PATH = /^((?:client|server)\/src\/features\/([^/]+))(?:\/(.*))?$/;
/** Path aliases that point into the project (tsconfig `paths`), so that an alias cannot slip past the front-door rule. */
const PROJECT_ALIASES = { '@shared/': 'server/src/shared/' };

/**
 * (d) A file inside feature X imports a file of feature Y (Y ≠ X) only through Y's front door `index.ts`: by a
 * relative path or an alias, statically, as a type, as a re-export or by `import()`. Both sides, tests included.
 */
const frontDoorRule = {
  meta: { type: 'problem', docs: { description: 'imports across features go through the front door index.ts' }, messages: { deep: FRONT_DOOR_MESSAGE }, schema: [] },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const own = FEATURE_PATH.exec(file);
    if (!own) return {};
    /** The project-relative file a specifier names, or undefined for a package. */
    function targetOf(specifier) {
      const bare = specifier.replace(/[?#].*$/, '');
      if (bare.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), bare));
      const alias = Object.keys(PROJECT_ALIASES).find((a) => bare.startsWith(a));
      return alias ? path.posix.normalize(PROJECT_ALIASES[alias] + bare.slice(alias.length)) : undefined;
    }
    function check(source) {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = targetOf(source.value);
      const other = target && FEATURE_PATH.exec(target);
      // the other side's files are rule (a)'s business
      if (!other || other[1] === own[1] || other[1].split('/')[0] !== own[1].split('/')[0]) return;
      if (other[3] === undefined || /^index(?:\.[cm]?[jt]s)?$/.test(other[3])) return;
      context.report({ node: source, messageId: 'deep', data: { door: `${other[1]}/index.ts`, target } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', 'coverage/', 'data/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-restricted-syntax': ['error', NO_INNER_HTML],
      'vue/no-v-html': 'error',
    },
  },

  // (a) the client imports nothing of the server but the shared contracts, through their alias (.ts and <script setup>)
  {
    files: ['client/**/*.ts', 'client/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', clientImports],
      'no-restricted-syntax': ['error', NO_INNER_HTML, CLIENT_DYNAMIC_IMPORT],
    },
  },

  // (b) no database driver outside the db folder and the repositories (scripts/bench, tests and migrations are outside this glob)
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/db/**', '**/*-repository.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: DRIVER_REGEX, message: DRIVER_MESSAGE }] }],
      'no-restricted-syntax': ['error', NO_INNER_HTML, DRIVER_DYNAMIC_IMPORT],
    },
  },
  // (b) routers, services and the app hold no SQL either
  {
    files: ['server/src/**/router.ts', 'server/src/**/*-router.ts', 'server/src/**/service.ts', 'server/src/**/*-service.ts', 'server/src/app.ts'],
    rules: {
      'no-restricted-syntax': ['error', NO_INNER_HTML, DRIVER_DYNAMIC_IMPORT, ...NO_SQL],
    },
  },

  // (c) the shared contracts import only each other, zod and geojson types
  ...sharedConfigs,

  // (d) a feature imports another feature only through its front door (features/<name>/index.ts), on both sides
  {
    files: ['client/src/features/**/*.ts', 'client/src/features/**/*.vue', 'server/src/features/**/*.ts'],
    plugins: { qingbo: { rules: { 'front-door': frontDoorRule } } },
    rules: { 'qingbo/front-door': 'error' },
  },
);
