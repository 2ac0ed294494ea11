module.exports = {
  displayName: 'identity',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/identity',
};
