// Jest runs tests in a vm context whose Float32Array differs from the one onnxruntime-common checks
// tensors against (`instanceof`); sharing the constructor lets the detector run under jest.
const { TestEnvironment } = require('jest-environment-node');

class SharedFloat32ArrayEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Float32Array = Float32Array;
  }
}

module.exports = SharedFloat32ArrayEnvironment;
