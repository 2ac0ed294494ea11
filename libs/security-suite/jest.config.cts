module.exports = {
  displayName: 'security-suite',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/security-suite',
};
