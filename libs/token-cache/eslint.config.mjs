import baseConfig from '../../eslint.config.mjs';

// The tests of this library run against the real identity service and a real redis-server, which
// @stack/testing (tag type:testing) starts. Spec files and test fixtures may import it; library code may not.
export default [
  ...baseConfig,
  {
    files: ['**/*.spec.ts', '**/*.fixture.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          depConstraints: [{ sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] }],
        },
      ],
    },
  },
];
