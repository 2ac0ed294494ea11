module.exports = {
  displayName: 'apim-policy',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/apim-policy',
};
