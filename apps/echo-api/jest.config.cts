module.exports = {
  displayName: 'echo-api',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/echo-api',
};
