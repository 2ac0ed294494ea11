module.exports = {
  displayName: 'identity-server',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/identity-server',
};
