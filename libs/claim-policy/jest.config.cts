module.exports = {
  displayName: 'claim-policy',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/claim-policy',
};
