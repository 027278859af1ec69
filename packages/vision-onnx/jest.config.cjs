module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'vision-onnx',
  testEnvironment: '<rootDir>/test/environment.cjs',
};
