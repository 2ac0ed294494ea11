module.exports = {
  displayName: 'protected-api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/protected-api',
};
