/**
 * Eigen-decomposition of a symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
 * algorithm (after JAMA's tred2/tql2), several times faster than Jacobi rotations from n ≈ 10 on.
 * `a` is n×n row-major and only its upper triangle is read; on return `values[k]` is the k-th eigenvalue and column k
 * of `vectors` (row-major n×n) its unit eigenvector. `work` needs n*n + 2n entries (only 2n here, n*n for Jacobi),
 * so repeated calls allocate nothing.
 */
export function symmetricEigen(
  a: Float64Array, n: number, values: Float64Array, vectors: Float64Array, work: Float64Array,
): void {
  const V = vectors, d = values, e = work; // e: work[0..n)
  let scale = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) scale = Math.max(scale, Math.abs(a[i * n + j]));
  if (scale === 0 || !Number.isFinite(scale)) scale = 1;
  // work on a/max|a| with negligible entries flushed to zero: subnormal numbers defeat tred2's own scaling
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = (i <= j ? a[i * n + j] : a[j * n + i]) / scale;
      V[i * n + j] = Math.abs(x) < 1e-200 ? 0 : x;
    }
  }
  tred2(V, n, d, e);
  tql2(V, n, d, e);
  for (let i = 0; i < n; i++) d[i] *= scale;
}

function tred2(V: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) { d[j] = V[(i - 1) * n + j]; V[i * n + j] = 0; V[j * n + i] = 0; }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1], g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g; h -= f * g; d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]; V[j * n + i] = f; g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) { g += V[k * n + j] * d[k]; e[k] += V[k * n + j] * f; }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j]; g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j]; V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // accumulate the transformations
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]; V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = V[(n - 1) * n + j]; V[(n - 1) * n + j] = 0; }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function tql2(V: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l], p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r); d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i]; h = c * p; r = hypot(p, e[i]);
          e[i + 1] = s * r; s = e[i] / r; c = p / r;
          p = c * d[i] - s * g; d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const ki = k * n + i;
            h = V[ki + 1]; V[ki + 1] = s * V[ki] + c * h; V[ki] = c * V[ki] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1; e[l] = s * p; d[l] = c * p;
        if (!(Math.abs(e[l]) > eps * tst1)) break;
      }
    }
    d[l] += f; e[l] = 0;
  }
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (after Numerical Recipes' `jacobi`): simple
 * and very accurate, kept as the test oracle for `symmetricEigen`. Same arguments; returns the sweeps used.
 */
export function jacobiEigen(
  a: Float64Array, n: number, values: Float64Array, vectors: Float64Array, work: Float64Array, maxSweeps = 50,
): number {
  const w = work; // w[0..n*n): working copy; then b and z accumulators
  const b = n * n, z = n * n + n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      w[i * n + j] = i <= j ? a[i * n + j] : a[j * n + i];
      vectors[i * n + j] = i === j ? 1 : 0;
    }
    values[i] = w[b + i] = w[i * n + i];
    w[z + i] = 0;
  }
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) off += Math.abs(w[p * n + q]);
    if (off === 0) return sweep - 1;
    const thresh = sweep < 4 ? (0.2 * off) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q];
        const g = 100 * Math.abs(apq);
        if (sweep > 4 && Math.abs(values[p]) + g === Math.abs(values[p]) && Math.abs(values[q]) + g === Math.abs(values[q])) {
          w[p * n + q] = 0;
        } else if (Math.abs(apq) > thresh) {
          let h = values[q] - values[p];
          let t: number;
          if (Math.abs(h) + g === Math.abs(h)) t = apq / h;
          else {
            const theta = (0.5 * h) / apq;
            t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
            if (theta < 0) t = -t;
          }
          const c = 1 / Math.sqrt(1 + t * t), s = t * c, tau = s / (1 + c);
          h = t * apq;
          w[z + p] -= h; w[z + q] += h; values[p] -= h; values[q] += h;
          w[p * n + q] = 0;
          for (let j = 0; j < p; j++) rotate(w, j * n + p, j * n + q, s, tau);
          for (let j = p + 1; j < q; j++) rotate(w, p * n + j, j * n + q, s, tau);
          for (let j = q + 1; j < n; j++) rotate(w, p * n + j, q * n + j, s, tau);
          for (let j = 0; j < n; j++) rotate(vectors, j * n + p, j * n + q, s, tau);
        }
      }
    }
    for (let p = 0; p < n; p++) { w[b + p] += w[z + p]; values[p] = w[b + p]; w[z + p] = 0; }
  }
  return maxSweeps;
}

/** √(a² + b²) without overflow or underflow (Math.hypot is several times slower in V8). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a), y = Math.abs(b);
  if (x > y) { const t = y / x; return x * Math.sqrt(1 + t * t); }
  if (y === 0) return 0;
  const t = x / y;
  return y * Math.sqrt(1 + t * t);
}

function rotate(m: Float64Array, ij: number, kl: number, s: number, tau: number): void {
  const g = m[ij], h = m[kl];
  m[ij] = g - s * (h + g * tau);
  m[kl] = h + s * (g - h * tau);
}
