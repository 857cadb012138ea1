/**
 * TensorFlow.js set-up: the only place the backend is chosen. Prefers tfjs-node when it is installed (native),
 * then the wasm backend, then the plain JS ('cpu') backend. Reports which one is in use.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: BackendName | null = null;

/** Initializes (once) and returns the backend in use. `prefer` forces one, e.g. for benchmarks. */
export async function initBackend(prefer?: BackendName): Promise<BackendName> {
  if (chosen && (!prefer || prefer === chosen)) return chosen;
  const order: BackendName[] = prefer ? [prefer] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    try {
      if (name === 'tensorflow') {
        const mod = '@tensorflow/tfjs-node';
        await import(mod); // registers the 'tensorflow' backend when the native addon is present
      } else if (name === 'wasm') {
        // The emscripten loader installs process-wide handlers that rethrow with its whole minified source;
        // remove them so errors elsewhere keep their normal, readable report.
        const before = { ue: process.listeners('uncaughtException'), ur: process.listeners('unhandledRejection') };
        await import('@tensorflow/tfjs-backend-wasm');
        if (await tf.setBackend(name)) await tf.ready();
        for (const l of process.listeners('uncaughtException')) if (!before.ue.includes(l)) process.removeListener('uncaughtException', l);
        for (const l of process.listeners('unhandledRejection')) if (!before.ur.includes(l)) process.removeListener('unhandledRejection', l);
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        chosen = name;
        const { registerFallbackKernels } = await import('./kernels.ts');
        registerFallbackKernels(name);
        return name;
      }
    } catch {
      // not installed or failed to start: try the next one
    }
  }
  throw new Error('no TensorFlow.js backend could be started');
}

/** The backend in use, or null before initBackend. */
export const backendName = (): BackendName | null => chosen;

export { tf };
