/**
 * The flattening analysis of Manifold Mixup (Verma et al., ICML 2019,
 * arXiv 1806.05236, section 3 and Table 2): the singular values of each
 * class's hidden representations at one layer.
 */

/** One class's spectrum. */
export interface ClassSpectrum {
  label: number;
  count: number;
  /** Singular values, largest first. */
  singularValues: number[];
  largest: number;
  /** The sum of all singular values but the largest. */
  restSum: number;
}

/**
 * Eigenvalues of a symmetric matrix by cyclic Jacobi rotations. The matrix
 * is a Gram matrix of size D x D, small enough for this to be exact and
 * quick.
 */
function symmetricEigenvalues(a: Float64Array, d: number): number[] {
  const m = Float64Array.from(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) off += m[p * d + q] ** 2;
    }
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) /
            (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = m[k * d + p];
          const akq = m[k * d + q];
          m[k * d + p] = c * akp - s * akq;
          m[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = m[p * d + k];
          const aqk = m[q * d + k];
          m[p * d + k] = c * apk - s * aqk;
          m[q * d + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: d }, (_, i) => m[i * d + i]);
}

/**
 * Singular values of each class's matrix of hidden representations
 * (rows = that class's examples), from the eigenvalues of its D x D Gram
 * matrix. Representations are used as they are, not centred, as in the
 * paper's experiment.
 *
 * @param hidden Row-major [N, D] representations.
 * @param dim D, the width of one representation.
 * @param labels Class of each row, ints in [0, K).
 * @param numClasses K.
 */
export function classSingularValues(hidden: Float32Array, dim: number,
    labels: ArrayLike<number>, numClasses: number): ClassSpectrum[] {
  if (!Number.isInteger(dim) || dim < 1 || hidden.length % dim !== 0) {
    throw new RangeError(
      `classSingularValues: hidden.length (${hidden.length}) must be a ` +
      `multiple of dim, but got dim ${dim}.`);
  }
  const n = hidden.length / dim;
  if (labels.length !== n) {
    throw new Error(
      `classSingularValues: hidden and labels disagree on the number of ` +
      `rows (${n} vs ${labels.length}).`);
  }
  const grams = Array.from({ length: numClasses },
    () => new Float64Array(dim * dim));
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
      throw new RangeError(
        `classSingularValues: labels must be in [0, ${numClasses}), but ` +
        `labels[${i}] is ${y}.`);
    }
    counts[y]++;
    const g = grams[y];
    for (let p = 0; p < dim; p++) {
      const hp = hidden[i * dim + p];
      for (let q = p; q < dim; q++) g[p * dim + q] += hp * hidden[i * dim + q];
    }
  }
  return grams.map((g, label) => {
    for (let p = 0; p < dim; p++) {
      for (let q = 0; q < p; q++) g[p * dim + q] = g[q * dim + p];
    }
    const values = symmetricEigenvalues(g, dim)
        .map((e) => Math.sqrt(Math.max(0, e))).sort((a, b) => b - a);
    const largest = values[0] ?? 0;
    const restSum = values.slice(1).reduce((s, v) => s + v, 0);
    return { label, count: counts[label], singularValues: values, largest,
      restSum };
  });
}
