import baseConfig from '../../eslint.config.mjs';

// Layers inside the engine, one way only (docs/decisions/010): a folder may import the folders
// listed before it, never those after it.
//   xml, errors, model, keys -> context -> expressions -> policies -> pipeline -> routing, subscriptions -> engine -> testing -> catalogue -> doctor
// (doctor: the token doctor's targets, read from policy documents; it needs only xml, model and keys.)
const LAYERS = [
  ['xml', 'errors', 'model', 'keys'],
  ['context'],
  ['expressions'],
  ['policies'],
  ['pipeline'],
  ['routing', 'subscriptions'],
  ['engine'],
  ['testing'],
  ['catalogue'],
  ['doctor'],
];

const above = (index) => LAYERS.slice(index + 1).flat();

export default [
  ...baseConfig,
  ...LAYERS.map((folders, index) => ({
    files: folders.map((folder) => `src/lib/${folder}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: above(index).map((folder) => ({
            group: [`**/${folder}/*`, `**/${folder}`, `./${folder}/*`],
            message: `${folders.join('/')} sits below ${folder} in the engine's layers (docs/decisions/010); move the shared piece down instead.`,
          })),
        },
      ],
    },
  })),
  {
    // The README's example imports the package as a user would; inside the project Nx would want a relative path.
    files: ['src/*.example.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
