module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  coverageDirectory: '../coverage/tools',
  // tools/bench and tools/generators are Nx projects of their own, with their own Jest configs.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/bench/', '<rootDir>/generators/'],
};
