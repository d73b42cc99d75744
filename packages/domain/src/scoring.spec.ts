import { describe, expect, it } from 'vitest';

import { PRIORITIES, RISK_APPETITES } from './incident.js';
import type { Priority, RiskAppetite } from './incident.js';
import {
  IMPACT_FACTOR_WEIGHTS,
  IMPACT_FACTORS,
  isImpactAssessment,
  priorityForScore,
  scoreImpact,
  validateAssessment,
} from './scoring.js';
import type { ImpactAssessment, ImpactLevel } from './scoring.js';

const LEVELS: ImpactLevel[] = [1, 2, 3, 4, 5];

function uniform(level: ImpactLevel): ImpactAssessment {
  return {
    urgency: level,
    financialRisk: level,
    regulatoryExposure: level,
    customerGoodwill: level,
  };
}

/** Every possible assessment: 5 ratings for each of 4 factors, 625 in all. */
const EVERY_ASSESSMENT: ImpactAssessment[] = LEVELS.flatMap((urgency) =>
  LEVELS.flatMap((financialRisk) =>
    LEVELS.flatMap((regulatoryExposure) =>
      LEVELS.map((customerGoodwill) => ({
        urgency,
        financialRisk,
        regulatoryExposure,
        customerGoodwill,
      })),
    ),
  ),
);

/** Lower is more urgent: P1 is 0. */
const rank = (priority: Priority): number => PRIORITIES.indexOf(priority);

describe('scoreImpact', () => {
  it('weighs the factors out of exactly 100 points', () => {
    const total = IMPACT_FACTORS.reduce((sum, factor) => sum + IMPACT_FACTOR_WEIGHTS[factor], 0);

    expect(total).toBe(100);
  });

  it.each([
    // level, AVERSE, CAUTIOUS, BALANCED, TOLERANT as [score, priority]
    [1, [0, 'P4'], [0, 'P4'], [0, 'P4'], [0, 'P4']],
    [2, [33, 'P3'], [29, 'P4'], [25, 'P4'], [21, 'P4']],
    [3, [65, 'P2'], [58, 'P2'], [50, 'P3'], [43, 'P3']],
    [4, [98, 'P1'], [86, 'P1'], [75, 'P2'], [64, 'P2']],
    [5, [100, 'P1'], [100, 'P1'], [100, 'P1'], [85, 'P1']],
  ] as const)('scores every factor at %i as %j, %j, %j, %j by appetite', (level, ...expected) => {
    const actual = RISK_APPETITES.map((appetite) => {
      const { score, priority } = scoreImpact(uniform(level), appetite);

      return [score, priority];
    });

    expect(actual).toEqual(expected);
  });

  it.each([
    [{ urgency: 5, financialRisk: 1, regulatoryExposure: 1, customerGoodwill: 1 }, 35, 'P3'],
    [{ urgency: 1, financialRisk: 5, regulatoryExposure: 1, customerGoodwill: 1 }, 25, 'P4'],
    [{ urgency: 1, financialRisk: 1, regulatoryExposure: 1, customerGoodwill: 5 }, 15, 'P4'],
    [{ urgency: 5, financialRisk: 5, regulatoryExposure: 1, customerGoodwill: 1 }, 60, 'P2'],
    [{ urgency: 5, financialRisk: 5, regulatoryExposure: 5, customerGoodwill: 1 }, 85, 'P1'],
    [{ urgency: 3, financialRisk: 4, regulatoryExposure: 2, customerGoodwill: 5 }, 58, 'P2'],
  ] as const)('scores %j as %i (%s) for a balanced department', (assessment, score, priority) => {
    const result = scoreImpact(assessment, 'BALANCED');

    expect([result.score, result.priority]).toEqual([score, priority]);
  });

  it('explains the score factor by factor', () => {
    const result = scoreImpact(
      { urgency: 3, financialRisk: 4, regulatoryExposure: 2, customerGoodwill: 5 },
      'AVERSE',
    );

    expect(result).toEqual({
      score: 75,
      priority: 'P2',
      baseScore: 57.5,
      appetiteScalePercent: 130,
      factors: [
        { factor: 'urgency', level: 3, weight: 35, points: 17.5 },
        { factor: 'financialRisk', level: 4, weight: 25, points: 18.75 },
        { factor: 'regulatoryExposure', level: 2, weight: 25, points: 6.25 },
        { factor: 'customerGoodwill', level: 5, weight: 15, points: 15 },
      ],
    });
  });

  it('keeps every score a whole number from 0 to 100', () => {
    for (const assessment of EVERY_ASSESSMENT) {
      for (const appetite of RISK_APPETITES) {
        const { score } = scoreImpact(assessment, appetite);

        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
      }
    }
  });

  describe.each(IMPACT_FACTORS)('raising %s by one step', (factor) => {
    it.each(RISK_APPETITES)('never lowers the score or priority for %s', (appetite) => {
      for (const assessment of EVERY_ASSESSMENT) {
        const level = assessment[factor];

        if (level === 5) {
          continue;
        }

        const before = scoreImpact(assessment, appetite);
        const after = scoreImpact(
          { ...assessment, [factor]: (level + 1) as ImpactLevel },
          appetite,
        );

        expect(after.baseScore).toBeGreaterThan(before.baseScore);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(rank(after.priority)).toBeLessThanOrEqual(rank(before.priority));
      }
    });
  });

  it('never scores a more risk-averse department lower for the same assessment', () => {
    for (const assessment of EVERY_ASSESSMENT) {
      const scores = RISK_APPETITES.map((appetite) => scoreImpact(assessment, appetite).score);
      const descending = [...scores].sort((a, b) => b - a);

      expect(scores).toEqual(descending);
    }
  });

  it('escalates the same middling incident sooner for a more risk-averse department', () => {
    const priorities = RISK_APPETITES.map((appetite): [RiskAppetite, Priority] => [
      appetite,
      scoreImpact(uniform(3), appetite).priority,
    ]);

    expect(priorities).toEqual([
      ['AVERSE', 'P2'],
      ['CAUTIOUS', 'P2'],
      ['BALANCED', 'P3'],
      ['TOLERANT', 'P3'],
    ]);
  });

  it('refuses an invalid assessment with the problems in the error', () => {
    const bad = { urgency: 6, financialRisk: 1, regulatoryExposure: 1, customerGoodwill: 1 };

    expect(() => scoreImpact(bad as unknown as ImpactAssessment, 'BALANCED')).toThrow(
      new RangeError(
        'Invalid impact assessment: Urgency must be a whole number from 1 to 5 (it is 6).',
      ),
    );
  });

  it('refuses an unknown risk appetite', () => {
    expect(() => scoreImpact(uniform(3), 'RECKLESS' as RiskAppetite)).toThrow(
      new RangeError('Unknown risk appetite: "RECKLESS".'),
    );
  });
});

describe('priorityForScore', () => {
  it.each([
    [100, 'P1'],
    [80, 'P1'],
    [79, 'P2'],
    [55, 'P2'],
    [54, 'P3'],
    [30, 'P3'],
    [29, 'P4'],
    [0, 'P4'],
    [-1, 'P4'],
  ] as const)('maps a score of %i to %s', (score, priority) => {
    expect(priorityForScore(score)).toBe(priority);
  });
});

describe('validateAssessment', () => {
  const valid = { urgency: 2, financialRisk: 3, regulatoryExposure: 4, customerGoodwill: 5 };

  it('accepts whole ratings from 1 to 5 and ignores other fields', () => {
    expect(validateAssessment({ ...valid, note: 'extra' })).toEqual([]);
    expect(isImpactAssessment(valid)).toBe(true);
  });

  it.each([
    [{ urgency: 0 }, 'Urgency must be a whole number from 1 to 5 (it is 0).'],
    [{ urgency: 6 }, 'Urgency must be a whole number from 1 to 5 (it is 6).'],
    [{ financialRisk: 2.5 }, 'Financial risk must be a whole number from 1 to 5 (it is 2.5).'],
    [
      { financialRisk: Number.NaN },
      'Financial risk must be a whole number from 1 to 5 (it is NaN).',
    ],
    [
      { regulatoryExposure: '3' },
      'Regulatory exposure must be a whole number from 1 to 5 (it is "3").',
    ],
    [
      { customerGoodwill: true },
      'Customer goodwill must be a whole number from 1 to 5 (it is a boolean).',
    ],
    [
      { customerGoodwill: null },
      'Customer goodwill is missing: rate it as a whole number from 1 to 5.',
    ],
    [{ urgency: undefined }, 'Urgency is missing: rate it as a whole number from 1 to 5.'],
  ])('rejects %j with one clear problem', (change, problem) => {
    const input: unknown = { ...valid, ...change };

    expect(validateAssessment(input)).toEqual([problem]);
    expect(isImpactAssessment(input)).toBe(false);
  });

  it('lists every problem, in form order', () => {
    expect(validateAssessment({ customerGoodwill: 9, urgency: 1.5 })).toEqual([
      'Urgency must be a whole number from 1 to 5 (it is 1.5).',
      'Financial risk is missing: rate it as a whole number from 1 to 5.',
      'Regulatory exposure is missing: rate it as a whole number from 1 to 5.',
      'Customer goodwill must be a whole number from 1 to 5 (it is 9).',
    ]);
  });

  it.each([null, undefined, 3, 'high', [1, 2, 3, 4]])('rejects %j as a whole', (input) => {
    expect(validateAssessment(input)).toEqual([
      'An impact assessment needs ratings for urgency, financial risk, regulatory exposure ' +
        'and customer goodwill.',
    ]);
  });
});
