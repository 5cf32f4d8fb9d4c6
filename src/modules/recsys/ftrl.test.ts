import { describe, expect, it } from 'vitest';
import { createRandom } from '../../platform/hashing.ts';
import { FeatureVector, FtrlHead } from './ftrl.ts';

/** Points in the plane labelled by which side of the line x + 2y = 0.5 they fall on, as sparse features. */
function example(random: () => number, features: FeatureVector): number {
  const x = random() * 2 - 1;
  const y = random() * 2 - 1;
  features.clear();
  features.push(0, 1);
  features.push(1, x);
  features.push(2, y);
  return x + 2 * y > 0.5 ? 1 : 0;
}

describe('an FTRL-Proximal logistic head', () => {
  it('learns a linearly separable problem online', () => {
    const head = new FtrlHead({ bits: 4, alpha: 0.5, beta: 1, l1: 0, l2: 0 });
    const random = createRandom(7);
    const features = new FeatureVector();
    for (let i = 0; i < 20_000; i++) head.update(features, example(random, features));
    let correct = 0;
    let logLoss = 0;
    for (let i = 0; i < 2000; i++) {
      const label = example(random, features);
      const p = head.predict(features);
      if ((p > 0.5 ? 1 : 0) === label) correct++;
      logLoss -= Math.log(label ? p : 1 - p);
    }
    expect(correct / 2000).toBeGreaterThan(0.97);
    expect(logLoss / 2000).toBeLessThan(0.15);
  });

  it('keeps a feature that never helps at exactly zero weight (L1 sparsity)', () => {
    const head = new FtrlHead({ bits: 4, alpha: 0.5, beta: 1, l1: 5, l2: 0 });
    const random = createRandom(3);
    const features = new FeatureVector();
    for (let i = 0; i < 5000; i++) {
      const label = example(random, features);
      features.push(3, random() * 0.01);
      head.update(features, label);
    }
    features.clear();
    features.push(3, 1);
    expect(head.margin(features)).toBe(0);
  });

  it('learns the residual over a fixed base margin', () => {
    const head = new FtrlHead({ bits: 4, alpha: 0.5, beta: 1, l1: 0, l2: 0 });
    const features = new FeatureVector();
    features.push(0, 1);
    // The base margin already says "likely"; the truth is 50/50, so the head learns a negative correction.
    for (let i = 0; i < 4000; i++) head.update(features, i % 2, 1, 2);
    expect(head.predict(features, 2)).toBeCloseTo(0.5, 1);
    expect(head.margin(features)).toBeLessThan(-1.5);
  });
});
