/**
 * Weighted logistic regression with an L2 penalty on the weights (not the intercept), fit by
 * Newton's method: small, exact and dependency-free, for models of a handful of features fit on
 * a few hundred examples (bench/fit-kb-confidence.ts). Pure.
 */
export interface LogisticExample {
  features: readonly number[];
  /** 1 or 0. */
  label: number;
  /** How much the example counts; default 1. */
  weight?: number;
}

export interface LogisticFit {
  intercept: number;
  weights: number[];
}

export function fitLogistic(examples: readonly LogisticExample[], l2 = 1, iterations = 100): LogisticFit {
  const d = examples[0]?.features.length ?? 0;
  const beta = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (const { features, label, weight = 1 } of examples) {
      const x = [...features, 1];
      const p = sigmoid(dot(beta, x));
      for (let i = 0; i <= d; i++) {
        gradient[i] = (gradient[i] ?? 0) + weight * (p - label) * (x[i] ?? 0);
        for (let j = 0; j <= d; j++) {
          const row = hessian[i] ?? [];
          row[j] = (row[j] ?? 0) + weight * p * (1 - p) * (x[i] ?? 0) * (x[j] ?? 0);
        }
      }
    }
    for (let i = 0; i < d; i++) {
      gradient[i] = (gradient[i] ?? 0) + l2 * (beta[i] ?? 0);
      const row = hessian[i] ?? [];
      row[i] = (row[i] ?? 0) + l2;
    }
    const step = solve(hessian, gradient);
    for (let i = 0; i <= d; i++) beta[i] = (beta[i] ?? 0) - (step[i] ?? 0);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { intercept: beta[d] ?? 0, weights: beta.slice(0, d) };
}

export function predictLogistic(fit: LogisticFit, features: readonly number[]): number {
  return sigmoid(fit.intercept + dot(fit.weights, features));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** Gaussian elimination with partial pivoting; the matrix is small and positive definite. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) {
      if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot] ?? [], a[column] ?? []];
    const lead = a[column]?.[column] ?? 0;
    if (lead === 0) continue;
    for (let row = column + 1; row < n; row++) {
      const factor = (a[row]?.[column] ?? 0) / lead;
      for (let k = column; k <= n; k++) {
        const target = a[row] ?? [];
        target[k] = (target[k] ?? 0) - factor * (a[column]?.[k] ?? 0);
      }
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]?.[n] ?? 0;
    for (let k = row + 1; k < n; k++) sum -= (a[row]?.[k] ?? 0) * (x[k] ?? 0);
    const lead = a[row]?.[row] ?? 0;
    x[row] = lead === 0 ? 0 : sum / lead;
  }
  return x;
}
