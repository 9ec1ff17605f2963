// Lint: typescript-eslint's recommended rules, no import cycles, and the layers (src/core ← src/engine ←
// src/areas ← src/app; bots/ and jobs/ are handed what they need). `layerZones` is exported so
// test/app/layers.test.ts can check that the rule really rejects an import that runs back up.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';

/** Each zone: files under `target` may not import from `from` (except the paths in `except`, relative to `from`). */
export const layerZones = [
  {
    target: './src/core',
    from: ['./src/engine', './src/areas', './src/app', './bots', './jobs'],
    message: 'src/core is the bottom layer: it imports nothing above it.',
  },
  {
    // MessageView is the shared vocabulary of every message (a type-only file); the renderers stay out of core.
    target: './src/core',
    from: './cards',
    except: ['./MessageView.ts'],
    message: 'src/core may use only cards/MessageView.',
  },
  {
    target: './src/engine',
    from: ['./src/areas', './src/app', './bots', './jobs'],
    message: 'src/engine imports only src/core (and cards/MessageView); areas register with it instead.',
  },
  {
    target: './src/engine',
    from: './cards',
    except: ['./MessageView.ts'],
    message: 'src/engine may use only cards/MessageView.',
  },
  {
    target: './src/areas',
    from: ['./src/app', './bots', './jobs'],
    message: 'An area imports core, engine and cards; what it needs from jobs/ or bots/ is passed in by src/app.',
  },
  {
    target: ['./bots', './jobs'],
    from: ['./src/areas', './src/app'],
    message: 'bots/ and jobs/ are handed what they need by src/app; they never import an area or the app.',
  },
  {
    target: './bots',
    from: './jobs',
    message: 'Adapters get ingest and a ReplyWaiter passed in (bots/ChatAdapter.ts); they never import jobs/.',
  },
  {
    target: './cards',
    from: ['./src/engine', './src/areas', './src/app', './bots', './jobs'],
    message: 'cards/ holds MessageView and the renderers; it imports only src/core.',
  },
];

export default defineConfig(
  { ignores: ['node_modules/**', 'src/core/generated/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      'import-x/ignore': ['node_modules'],
      // no-cycle follows only files it can parse: TypeScript ones through typescript-eslint's parser.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // A leading underscore marks a value left out on purpose (`{ bytes: _bytes, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The ideographic space (U+3000) is part of the Chinese text people see and type.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  {
    // The plain-JavaScript scripts run under Node.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
