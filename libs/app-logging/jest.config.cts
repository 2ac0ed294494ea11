module.exports = {
  displayName: 'app-logging',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/app-logging',
};
