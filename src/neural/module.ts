/**
 * NeuralModule: a small trainable network (MLP, CNN or embedding) that owns its tensors. Saved and loaded in the
 * TensorFlow.js layers-model format (model topology JSON + weight specs + binary weights).
 */
import { tf } from './backend.ts';

export type ModuleSpec =
  | { readonly kind: 'mlp'; readonly inputSize: number; readonly hidden: readonly number[]; readonly outputSize: number; readonly activation?: 'relu' | 'tanh' | 'elu' }
  | { readonly kind: 'cnn'; readonly height: number; readonly width: number; readonly filters: readonly number[]; readonly outputSize: number }
  | { readonly kind: 'embedding'; readonly vocab: number; readonly dim: number };

/** The saved form: `{kind, config, weights}` with the tfjs artifacts inside; JSON-serializable. */
export interface SavedModule {
  readonly format: 'arbor-neural';
  readonly version: 1;
  readonly spec: ModuleSpec;
  readonly modelTopology: unknown;
  readonly weightSpecs: readonly tf.io.WeightsManifestEntry[];
  /** Base64 of the concatenated little-endian float32 weights. */
  readonly weightData: string;
}

export interface NeuralModule {
  readonly spec: ModuleSpec;
  readonly model: tf.LayersModel;
  /** Raw outputs (logits) for a batch. Call inside tf.tidy. */
  apply(x: tf.Tensor): tf.Tensor;
  trainableWeights(): tf.Variable[];
  setTrainable(on: boolean): void;
  save(): Promise<SavedModule>;
  dispose(): void;
}

function build(spec: ModuleSpec, seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed * 101 + k });
  const m = tf.sequential();
  switch (spec.kind) {
    case 'mlp': {
      let k = 0;
      spec.hidden.forEach((h, i) => m.add(tf.layers.dense({
        units: h, activation: spec.activation ?? 'relu', kernelInitializer: init(k++),
        ...(i === 0 ? { inputShape: [spec.inputSize] } : {}),
      })));
      m.add(tf.layers.dense({ units: spec.outputSize, kernelInitializer: init(k++), ...(spec.hidden.length === 0 ? { inputShape: [spec.inputSize] } : {}) }));
      return m;
    }
    case 'cnn': {
      m.add(tf.layers.reshape({ targetShape: [spec.height, spec.width, 1], inputShape: [spec.height * spec.width] }));
      spec.filters.forEach((f, i) => m.add(tf.layers.conv2d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(i) })));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: spec.outputSize, kernelInitializer: init(99) }));
      return m;
    }
    case 'embedding':
      m.add(tf.layers.embedding({ inputDim: spec.vocab, outputDim: spec.dim, inputLength: 1, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }) }));
      m.add(tf.layers.flatten());
      return m;
  }
}

function wrap(spec: ModuleSpec, model: tf.LayersModel): NeuralModule {
  return {
    spec,
    model,
    apply: (x) => model.apply(x, { training: true }) as tf.Tensor,
    trainableWeights: () => model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
    setTrainable: (on) => { model.trainable = on; },
    save: async () => {
      let saved: SavedModule | null = null;
      await model.save(tf.io.withSaveHandler(async (a) => {
        const data = a.weightData instanceof ArrayBuffer ? a.weightData : concat(a.weightData as ArrayBuffer[]);
        saved = {
          format: 'arbor-neural', version: 1, spec, modelTopology: a.modelTopology,
          weightSpecs: a.weightSpecs ?? [], weightData: Buffer.from(data).toString('base64'),
        };
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }));
      return saved!;
    },
    dispose: () => model.dispose(),
  };
}

function concat(bufs: ArrayBuffer[]): ArrayBuffer {
  const n = bufs.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const b of bufs) { out.set(new Uint8Array(b), o); o += b.byteLength; }
  return out.buffer;
}

/** A freshly initialized module; the same seed gives the same weights. */
export function createModule(spec: ModuleSpec, seed = 1): NeuralModule {
  return wrap(spec, build(spec, seed));
}

/** Restores a saved module (weights included). */
export async function loadModule(saved: SavedModule): Promise<NeuralModule> {
  if (saved.format !== 'arbor-neural' || saved.version !== 1) throw new Error('not an arbor-neural v1 module');
  const buf = Buffer.from(saved.weightData, 'base64');
  const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: saved.modelTopology as object, weightSpecs: [...saved.weightSpecs], weightData,
  }));
  return wrap(saved.spec, model);
}

/** Writes the standard TensorFlow.js files (model.json + weights.bin) content for a saved module. */
export function toTfjsFiles(saved: SavedModule): { modelJson: string; weightsBin: Buffer } {
  const modelJson = JSON.stringify({
    format: 'layers-model', generatedBy: 'arbor', convertedBy: null,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }],
    userDefinedMetadata: { arbor: { spec: saved.spec } },
  });
  return { modelJson, weightsBin: Buffer.from(saved.weightData, 'base64') };
}
