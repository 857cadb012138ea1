// The Parzen estimator against Optuna 3.1's `_ParzenEstimator.log_pdf` (values computed with optuna 3.1.0 from
// Debian bookworm's python3-optuna): same kernels, bandwidths, weights, prior, discrete bins and unscaled kernels.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { buildParzen, logPdf, type Dim } from '../../src/optimize/hpo/parzen.ts';
import { toUnit } from '../../src/optimize/hpo/space.ts';
import { categorical, int, logUniform, uniform, type Param, type ParamValue } from '../../src/optimize/hpo/index.ts';

/** Optuna's `default_weights` for n observations (the ramp starts at 25). */
const weights = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => (n < 25 || i >= n - 25 ? 1 : n - 25 === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (n - 26)));

const specs: Param[] = [int(1, 64), logUniform(1e-3, 10), categorical(['a', 'b', 'c']), uniform(-2, 3)];
const dims: Dim[] = [{ kind: 'numeric', step: 1 / 64 }, { kind: 'numeric' }, { kind: 'categorical', size: 3 }, { kind: 'numeric' }];
const encode = (row: readonly ParamValue[]) => row.map((v, d) => toUnit(specs[d], v));

// rows: n = int(1, 64), lr = logUniform(1e-3, 10), opt = categorical([a, b, c]), x = uniform(-2, 3); the observed n are
// distinct because numpy's unstable argsort pairs tied kernels with age weights in its own order
const cases: { multivariate: boolean; obs: ParamValue[][]; points: ParamValue[][]; logPdf: number[] }[] = [
  {multivariate: false, obs: [], points: [[53, 1.296744, "b", -0.0705], [64, 3.541244, "b", -0.8345], [51, 0.500812, "b", -1.1211], [57, 1.591902, "c", -0.0075]], logPdf: [-5.231081946, -5.366308122, -5.244207434, -5.258138322]},
  {multivariate: false, obs: [[48, 0.218977, "b", -1.9589], [56, 0.004567, "a", -0.1919], [45, 0.036845, "c", -1.6819], [62, 6.000946, "c", -1.2526], [4, 0.023635, "c", -1.884], [27, 0.661122, "a", 0.6236]], points: [[39, 0.001611, "b", 2.7314], [10, 0.001017, "a", 1.0178], [24, 0.005104, "c", -0.5621], [27, 0.142463, "c", 1.3618]], logPdf: [-7.285196985, -7.266556081, -7.09058339, -7.074584332]},
  {multivariate: true, obs: [[39, 0.01329, "c", 0.8087], [18, 0.012179, "a", 2.4707], [13, 3.638084, "c", 0.9913], [19, 0.006517, "a", -0.3148], [51, 0.014603, "c", 2.9261], [46, 0.154497, "c", -1.4214]], points: [[18, 0.00883, "c", 0.1728], [26, 0.00112, "a", 2.3519], [32, 0.001836, "b", 1.7515], [7, 2.590376, "b", -1.4535]], logPdf: [-6.968670405, -7.010708447, -7.159706028, -7.297078556]},
  {multivariate: false, obs: [[36, 0.048831, "c", 2.4451], [52, 0.187802, "c", 2.288], [48, 0.022054, "c", -0.8781], [19, 1.593518, "b", -0.2532], [10, 0.001024, "b", 0.8478], [15, 2.701364, "a", 2.012], [16, 0.061774, "b", 2.7522], [20, 0.09403, "a", 2.959], [44, 0.013264, "b", -0.5938], [38, 3.240773, "b", -1.0382], [28, 0.04621, "b", 0.4386], [34, 7.493293, "c", 0.7878], [56, 0.037286, "c", 1.2835], [61, 2.339815, "c", -1.462], [25, 0.794483, "b", 1.2318], [33, 0.001953, "b", 2.6069], [45, 0.006958, "a", 2.576], [14, 0.363317, "c", 2.7189], [11, 9.647343, "a", 2.6117], [63, 0.002132, "c", 2.8039], [51, 0.03922, "a", -1.7565], [46, 0.001048, "a", 2.5801], [35, 0.081197, "a", -0.6439], [62, 0.011556, "b", -0.3967], [7, 9.895379, "a", 0.2931], [41, 0.001794, "a", 2.7764], [60, 0.213023, "b", 1.0254], [31, 7.042789, "a", -0.2365], [49, 5.779761, "a", -0.1292], [21, 0.002458, "c", 2.5246]], points: [[41, 0.00122, "a", -0.7309], [21, 0.002455, "c", 2.8044], [47, 0.00254, "b", 0.85], [51, 6.927536, "b", -0.1574]], logPdf: [-8.640954754, -8.117107684, -8.595028047, -8.522390046]},
  {multivariate: true, obs: [[35, 0.296991, "b", 1.5261], [27, 0.473661, "b", 1.6678], [13, 5.083406, "c", 2.4066], [20, 0.074137, "a", -1.3424], [36, 0.214542, "c", 1.9494], [49, 0.008057, "b", 2.2988], [58, 0.009324, "b", -0.4774], [31, 0.122588, "b", 0.2724], [54, 0.008257, "c", 1.0982], [53, 0.001321, "a", -0.7724], [50, 0.02976, "c", 2.3568], [4, 0.999495, "a", 1.496], [39, 0.012832, "a", 2.2834], [63, 2.823682, "c", 0.2496], [62, 0.645668, "b", 0.595], [29, 0.410465, "a", -1.0287], [48, 3.714775, "c", -0.4299], [8, 0.001974, "a", 1.6476], [24, 0.005189, "b", 2.795], [43, 4.335916, "a", -1.2395], [52, 4.247658, "c", -1.7468], [17, 0.002056, "c", -1.6627], [26, 1.250047, "a", 0.1774], [33, 0.001153, "a", 1.9634], [25, 0.003475, "c", -0.8756], [23, 0.002748, "b", 0.3857], [38, 0.014996, "b", 0.577], [19, 0.035733, "b", 2.1885], [7, 4.400433, "c", -1.1798], [46, 0.055666, "b", -1.9264]], points: [[35, 0.768826, "c", 2.962], [48, 0.295833, "a", 0.8297], [5, 0.004507, "b", -1.0899], [58, 0.165712, "a", 2.001]], logPdf: [-8.395530412, -8.486100586, -8.6521549, -8.584546956]},
];

it('scores points as Optuna 3.1 does (uni- and multivariate, 0 to 30 observations)', () => {
  for (const c of cases) {
    const p = buildParzen(c.obs.map(encode), weights(c.obs.length), dims, { multivariate: c.multivariate });
    c.points.forEach((x, i) => {
      const got = logPdf(p, encode(x));
      assert.ok(Math.abs(got - c.logPdf[i]) < 1e-5, `${c.multivariate ? 'multivariate' : 'univariate'}, ${c.obs.length} obs, point ${i}: ${got} vs ${c.logPdf[i]}`);
    });
  }
});

it('with density scoring the estimator is a true density: it integrates to 1 over the unit square (Scott bandwidths)', () => {
  const obs = [[0.1, 0.2], [0.15, 0.9], [0.5, 0.55], [0.52, 0.6], [0.8, 0.3]];
  const dims2: Dim[] = [{ kind: 'numeric' }, { kind: 'numeric' }];
  const integral = (density: boolean): number => {
    const p = buildParzen(obs, obs.map(() => 1), dims2, { multivariate: true, bandwidth: 'scott', density });
    const m = 200;
    let s = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) s += Math.exp(logPdf(p, [(i + 0.5) / m, (j + 0.5) / m]));
    return s / (m * m);
  };
  assert.ok(Math.abs(integral(true) - 1) < 1e-3, `integral ${integral(true)}`);
  assert.ok(integral(false) < 0.5, 'unscaled kernels (Optuna 3.1) are not a density');
});

it("Scott's rule follows the observations' spread, within the magic clip", () => {
  const dims1: Dim[] = [{ kind: 'numeric' }];
  const sigma = (obs: number[][]) => {
    const q = buildParzen(obs, obs.map(() => 1), dims1, { multivariate: true, bandwidth: 'scott' }).params[0] as { sigmas: Float64Array };
    return q.sigmas[0];
  };
  const wide = [[0.1], [0.9], [0.3], [0.7], [0.5], [0.2], [0.8], [0.4]];
  const sd = Math.sqrt(wide.reduce((s, [x]) => s + (x - 0.4875) ** 2, 0) / wide.length);
  assert.ok(Math.abs(sigma(wide) - sd * 8 ** (-1 / 5)) < 1e-12);
  // eight points close together: the spread is tiny, so the narrowest kernel allowed, 1 / (n + 2)
  assert.equal(sigma(wide.map(([x]) => [0.5 + x / 1000])), 1 / 10);
});
