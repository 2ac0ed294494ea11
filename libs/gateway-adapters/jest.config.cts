module.exports = {
  displayName: 'gateway-adapters',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/gateway-adapters',
};
