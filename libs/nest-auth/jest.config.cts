module.exports = {
  displayName: 'nest-auth',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/nest-auth',
};
