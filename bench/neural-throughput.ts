/**
 * Training throughput of a fixed MLP (784-256-256-10, batch 128, SGD) on each available TensorFlow.js backend,
 * in GFLOP/s (forward + backward ≈ 3 × 2 × weights × batch multiply-adds per step). Run interleaved in one process.
 *   node --import tsx bench/neural-throughput.ts [--steps 30]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initBackend, tf, type BackendName } from '../src/neural/backend.ts';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '30' } } });
const steps = Number(values.steps);
const sizes = [784, 256, 256, 10], batch = 128;
const weights = sizes.slice(1).reduce((s, n, i) => s + n * sizes[i]!, 0);
const flopsPerStep = 3 * 2 * weights * batch;
const rows: { backend: string; msPerStep: number; gflops: number }[] = [];
for (const name of ['wasm', 'cpu'] as BackendName[]) {
  try { await initBackend(name); } catch { continue; }
  const model = tf.sequential();
  sizes.slice(1).forEach((n, i) => model.add(tf.layers.dense({ units: n, activation: i < sizes.length - 2 ? 'relu' : undefined, inputShape: i === 0 ? [784] : undefined, kernelInitializer: tf.initializers.glorotUniform({ seed: i }) })));
  const opt = tf.train.sgd(0.01);
  const x = tf.randomNormal([batch, 784], 0, 1, 'float32', 1), y = tf.oneHot(tf.zeros([batch], 'int32'), 10);
  const step = () => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar);
  for (let i = 0; i < 3; i++) step(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  await (model.getWeights()[0]!.data());
  const ms = (performance.now() - t0) / steps;
  rows.push({ backend: name, msPerStep: ms, gflops: flopsPerStep / (ms * 1e6) });
  console.log(`${name.padEnd(6)} ${ms.toFixed(1)} ms/step  ${(flopsPerStep / (ms * 1e6)).toFixed(2)} GFLOP/s`);
  model.dispose(); x.dispose(); y.dispose();
}
if (rows.length === 2) console.log(`wasm / cpu speed ratio: ${(rows[1]!.msPerStep / rows[0]!.msPerStep).toFixed(1)}x`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/neural-throughput.json', import.meta.url), JSON.stringify(rows, null, 2));
