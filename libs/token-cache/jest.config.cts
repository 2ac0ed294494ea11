module.exports = {
  displayName: 'token-cache',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/token-cache',
};
