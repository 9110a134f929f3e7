import {
  type ConfidenceExample,
  crossValidate,
  fitConfidenceModel,
  targetShortfall,
  unsureRates,
} from '../../../../bench/fit-kb-confidence';
import { fitLogistic, predictLogistic } from '../../../../bench/lib/fit-logistic';
import type { ConfidenceModel } from '../../../../src/ai/answer/confidence-model';

describe('fitLogistic', () => {
  it('recovers the direction and the boundary of a noisy one-feature problem', () => {
    // Label 1 from x = 0.5 up, with two points on the wrong side so the fit stays finite.
    const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.45, 0.55, 0.6, 0.7, 0.8, 0.9, 1];
    const examples = xs.map((x) => ({ features: [x], label: x >= 0.5 ? 1 : 0 }));
    examples.push({ features: [0.35], label: 1 }, { features: [0.65], label: 0 });
    const fit = fitLogistic(examples, 0.01);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(predictLogistic(fit, [0.5])).toBeCloseTo(0.5, 1);
    expect(predictLogistic(fit, [0.9])).toBeGreaterThan(0.8);
    expect(predictLogistic(fit, [0.1])).toBeLessThan(0.2);
  });

  it('moves the boundary towards the class that weighs less', () => {
    const examples = [0.2, 0.4, 0.6, 0.8].flatMap((x) => [
      { features: [x], label: 1, weight: x },
      { features: [x], label: 0, weight: 1 - x },
    ]);
    const fit = fitLogistic(examples, 0.01);
    expect(predictLogistic(fit, [0.8])).toBeGreaterThan(predictLogistic(fit, [0.2]));
  });

  it('shrinks the weights with a larger penalty', () => {
    const examples = [0, 0.3, 0.35, 0.7, 0.65, 1].map((x, i) => ({
      features: [x],
      label: i % 2 === 0 ? +(x > 0.5) : +(x >= 0.35),
    }));
    expect(Math.abs(fitLogistic(examples, 10).weights[0] ?? 0)).toBeLessThan(
      Math.abs(fitLogistic(examples, 0.1).weights[0] ?? 0),
    );
  });
});

const example = (
  set: string,
  answerable: boolean,
  coverage: number,
  overrides: Partial<ConfidenceExample> = {},
): ConfidenceExample => ({
  set,
  answerable,
  firstIsExpected: answerable,
  vetoed: false,
  features: { coverage, margin: 0.5, missingRarity: 0 },
  ...overrides,
});

describe('fitConfidenceModel', () => {
  // Answerable questions cover 0.5–1, unanswerable ones 0–0.6: no threshold is perfect.
  const examples = [
    ...[0.5, 0.7, 0.8, 0.9, 1, 0.95, 0.85, 0.75, 0.65, 0.9].map((c) => example('a', true, c)),
    ...[0, 0.2, 0.3, 0.4, 0.6].map((c) => example('a', false, c)),
    ...[0.6, 0.8, 0.9, 1].map((c) => example('b', true, c)),
    ...[0.1, 0.5].map((c) => example('b', false, c)),
  ];

  it('weighs coverage up and picks the threshold that falls least short of the targets', () => {
    const model = fitConfidenceModel(examples);
    expect(model.weights.coverage).toBeGreaterThan(0);
    expect(targetShortfall(examples, model)).toBeLessThanOrEqual(
      Math.min(...[0.1, 0.3, 0.5, 0.7, 0.9].map((threshold) => targetShortfall(examples, { ...model, threshold }))),
    );
  });

  it('leaves out of the fit the questions answered from another document and those the rules settle', () => {
    const misleading = [
      ...Array.from({ length: 20 }, () => example('a', true, 0, { firstIsExpected: false })),
      ...Array.from({ length: 20 }, () => example('a', false, 1, { vetoed: true })),
    ];
    expect(fitConfidenceModel([...examples, ...misleading]).weights).toEqual(fitConfidenceModel(examples).weights);
  });
});

describe('unsureRates', () => {
  const model: ConfidenceModel = {
    intercept: -5,
    weights: { coverage: 10, margin: 0, missingRarity: 0 },
    threshold: 0.5,
  };

  it('counts per set, a vetoed question as unsure whatever its probability', () => {
    const rates = unsureRates(
      [
        example('a', true, 1),
        example('a', true, 0.2),
        example('a', false, 0.1),
        example('a', false, 1, { vetoed: true }),
        example('b', true, 1, { vetoed: true }),
      ],
      model,
    );
    expect(rates).toEqual({
      a: { answerableUnsure: 0.5, unanswerableUnsure: 1 },
      b: { answerableUnsure: 1, unanswerableUnsure: 0 },
    });
  });
});

describe('crossValidate', () => {
  it('measures each set with the model fit on the others', () => {
    const examples = [
      ...[0.6, 0.7, 0.8, 0.9, 1].map((c) => example('a', true, c)),
      ...[0, 0.1, 0.2].map((c) => example('a', false, c)),
      ...[0.65, 0.75, 0.85, 0.95].map((c) => example('b', true, c)),
      ...[0.05, 0.15, 0.3].map((c) => example('b', false, c)),
    ];
    const { rates, shortfall } = crossValidate(examples);
    const onB = fitConfidenceModel(examples.filter((e) => e.set === 'b'));
    expect(rates.a).toEqual(
      unsureRates(
        examples.filter((e) => e.set === 'a'),
        onB,
      ).a,
    );
    expect(Object.keys(rates).sort()).toEqual(['a', 'b']);
    expect(shortfall).toBeGreaterThanOrEqual(0);
  });
});
