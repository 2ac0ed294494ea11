import baseConfig from '../../eslint.config.mjs';

// Spec files may import @stack/testing (tag type:testing: the openssl-made PKI of the mTLS spec); library code may not.
export default [
  ...baseConfig,
  {
    files: ['**/*.spec.ts'],
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
