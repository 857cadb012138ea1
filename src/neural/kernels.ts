/**
 * Gradient kernels the wasm backend lacks, registered as fallbacks built from kernels it has.
 * Conv2DBackpropFilter (the filter gradient of conv2d), for stride 1 and dilation 1, as a sum over filter
 * offsets of (shifted input)^T · dy matrix products.
 */
import { tf } from './backend.ts';

let registered = false;

export function registerFallbackKernels(backend: string): void {
  if (registered || backend !== 'wasm') return;
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) { registered = true; return; }
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs as { x: tf.Tensor4D; dy: tf.Tensor4D };
      const { strides, pad, dataFormat, dilations, filterShape } = attrs as unknown as {
        strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat: string;
        dilations: number | [number, number]; filterShape: [number, number, number, number];
      };
      const s = typeof strides === 'number' ? [strides, strides] : strides;
      const d = typeof dilations === 'number' ? [dilations, dilations] : (dilations ?? [1, 1]);
      if (s[0] !== 1 || s[1] !== 1 || d[0] !== 1 || d[1] !== 1 || dataFormat === 'NCHW' || typeof pad === 'number')
        throw new Error('Conv2DBackpropFilter fallback supports stride 1, dilation 1, NHWC, same/valid padding only');
      const [kh, kw, ci, co] = filterShape;
      return tf.tidy(() => {
        const [b, oh, ow] = dy.shape;
        const xp = pad === 'same'
          ? tf.pad(x, [[0, 0], [Math.floor((kh - 1) / 2), Math.ceil((kh - 1) / 2)], [Math.floor((kw - 1) / 2), Math.ceil((kw - 1) / 2)], [0, 0]])
          : x;
        const dy2 = dy.reshape([b * oh * ow, co]);
        const parts: tf.Tensor[] = [];
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const patch = tf.slice(xp, [0, i, j, 0], [b, oh, ow, ci]).reshape([b * oh * ow, ci]);
            parts.push(tf.matMul(patch, dy2, true, false));
          }
        return tf.stack(parts).reshape([kh, kw, ci, co]);
      }) as unknown as tf.TensorInfo;
    },
  });
  registered = true;
}
