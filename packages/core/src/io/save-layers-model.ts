import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs-core';

import '../backend/register-ops.js';
import type * as tfl from '@tensorflow/tfjs-layers';

import { writeFileAtomic } from './atomic-write.js';

const WEIGHTS_FILE = 'weights.bin';

/**
 * Saves a LayersModel in TensorFlow.js's standard format, `model.json` plus
 * one weights file, so that plain `tf.loadLayersModel` (in a browser, or in
 * Node over http or with tfjs-node's file:// handler) can load it without
 * this library. Both files are written atomically, weights first.
 *
 * @param model The model, e.g. `MixableNetwork.model`.
 * @param dir Output folder; created if missing.
 * @returns The path of model.json.
 */
export async function saveLayersModel(
    model: tfl.LayersModel, dir: string): Promise<string> {
  const modelJson = path.join(dir, 'model.json');
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const weights = artifacts.weightData === undefined ? new Uint8Array(0) :
        new Uint8Array(tf.io.concatenateArrayBuffers(
          Array.isArray(artifacts.weightData) ?
            artifacts.weightData : [artifacts.weightData]));
    writeFileAtomic(path.join(dir, WEIGHTS_FILE), weights);
    const json = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [
        { paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] },
      ],
    };
    writeFileAtomic(modelJson, JSON.stringify(json));
    return { modelArtifactsInfo: {
      dateSaved: new Date(), modelTopologyType: 'JSON',
      weightDataBytes: weights.byteLength,
    } };
  }));
  return modelJson;
}
