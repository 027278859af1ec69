/** Creating onnxruntime sessions the same way for every model of this package: CPU, verified bytes. */
import type { InferenceSession } from 'onnxruntime-node';
import { readVerifiedModel } from './model-files.js';

/**
 * An onnxruntime-node session on the CPU execution provider for a model file whose SHA-256 is checked
 * first (`E_DEID_FAILED` when it is missing or differs).
 */
export async function createCpuSession(
  file: string,
  sha256: string,
  threads: number,
): Promise<InferenceSession> {
  const bytes = readVerifiedModel(file, sha256);
  const ort = await import('onnxruntime-node');
  return ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
}
