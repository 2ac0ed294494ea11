module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  coverageDirectory: '../coverage/tools',
  // tools/bench is its own Nx project with its own Jest config.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/bench/'],
};
