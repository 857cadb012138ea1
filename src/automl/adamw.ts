/**
 * Adam with decoupled weight decay (AdamW, Loshchilov & Hutter 2019), taking the learning rate at each step so that a
 * schedule can change it; its moments live as long as the optimizer, so training one epoch at a time keeps them.
 * With weightDecay 0 it takes the same steps as tf.train.adam (same betas and epsilon).
 */
import { tf } from '../neural/backend.ts';

/** An optimizer owning Adam's moment estimates for a fixed list of variables. */
export interface AdamW {
  /** One update from `grads` (in the order of the variables) at learning rate `lr`. */
  step(grads: readonly tf.Tensor[], lr: number, weightDecay: number): void;
  dispose(): void;
}

/** Options of `adamW`. */
export interface AdamWOptions { readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number }

/** An AdamW optimizer for `vars`. */
export function adamW(vars: readonly tf.Variable[], o: AdamWOptions = {}): AdamW {
  const b1 = o.beta1 ?? 0.9, b2 = o.beta2 ?? 0.999, eps = o.epsilon ?? 1e-7;
  // the zeros are disposed once the variable holds them (tf.variable keeps its own reference)
  const zeros = (v: tf.Variable) => tf.tidy(() => tf.variable(tf.zerosLike(v), false));
  const m = vars.map(zeros), s = vars.map(zeros);
  let t = 0;
  return {
    step(grads, lr, weightDecay) {
      if (grads.length !== vars.length) throw new Error(`adamW: ${grads.length} gradients for ${vars.length} variables`);
      t++;
      const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
      tf.tidy(() => vars.forEach((v, i) => {
        const g = grads[i]!;
        m[i]!.assign(tf.add(tf.mul(m[i]!, b1), tf.mul(g, 1 - b1)));
        s[i]!.assign(tf.add(tf.mul(s[i]!, b2), tf.mul(tf.square(g), 1 - b2)));
        const update = tf.div(tf.div(m[i]!, c1), tf.add(tf.sqrt(tf.div(s[i]!, c2)), eps));
        const decayed = weightDecay > 0 ? tf.mul(v, 1 - lr * weightDecay) : v;
        v.assign(tf.sub(decayed, tf.mul(update, lr)));
      }));
    },
    dispose: () => [...m, ...s].forEach((x) => x.dispose()),
  };
}
