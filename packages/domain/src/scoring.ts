/**
 * Business-impact scoring: turns a responder's four ratings of an incident into a score from 0
 * to 100 and a priority, adjusted for how much risk the affected department accepts.
 *
 * The steps, each documented at its constant:
 * 1. each rating from 1 to 5 earns a share of its factor's weight ({@link IMPACT_FACTOR_WEIGHTS});
 * 2. the sum is scaled by the department's risk appetite ({@link RISK_APPETITE_SCALE_PERCENT}),
 *    capped at 100 and rounded to a whole number;
 * 3. the score is mapped to a priority ({@link PRIORITY_MIN_SCORES}).
 *
 * Every step is non-decreasing, so raising any rating never lowers the score or the priority.
 */

import { isOneOf, PRIORITIES, RISK_APPETITES } from './incident.js';
import type { Priority, RiskAppetite } from './incident.js';

/** The four things a responder rates, in the order forms show them. */
export const IMPACT_FACTORS = [
  'urgency',
  'financialRisk',
  'regulatoryExposure',
  'customerGoodwill',
] as const;

/** One of {@link IMPACT_FACTORS}. */
export type ImpactFactor = (typeof IMPACT_FACTORS)[number];

/** A rating from 1 (negligible) to 5 (severe). */
export type ImpactLevel = 1 | 2 | 3 | 4 | 5;

/** The lowest rating. */
export const MIN_IMPACT_LEVEL = 1;

/** The highest rating. */
export const MAX_IMPACT_LEVEL = 5;

/** Steps from the lowest rating to the highest; a rating of 5 earns all of a factor's weight. */
const LEVEL_STEPS = MAX_IMPACT_LEVEL - MIN_IMPACT_LEVEL;

/** A responder's rating of each factor; check untrusted input with {@link validateAssessment}. */
export type ImpactAssessment = Record<ImpactFactor, ImpactLevel>;

/** The factor names as people say them. */
export const IMPACT_FACTOR_LABELS: Readonly<Record<ImpactFactor, string>> = {
  urgency: 'Urgency',
  financialRisk: 'Financial risk',
  regulatoryExposure: 'Regulatory exposure',
  customerGoodwill: 'Customer goodwill',
};

/** What each factor asks the responder, shown beside its rating. */
export const IMPACT_FACTOR_DESCRIPTIONS: Readonly<Record<ImpactFactor, string>> = {
  urgency: 'How fast the damage grows while the incident stays open.',
  financialRisk: 'How much money is lost or at stake: failed orders, wrong payments, refunds.',
  regulatoryExposure: 'How likely the incident breaks a law, contract or audit requirement.',
  customerGoodwill: 'How much customers notice it and how much trust it costs.',
};

/**
 * Points each factor is worth, out of 100, when rated 5; a rating of 1 earns none and each step
 * between earns a quarter. Urgency weighs most because priority answers "how soon", money and
 * regulation weigh alike, and goodwill least because it is usually the slowest to be lost.
 */
export const IMPACT_FACTOR_WEIGHTS: Readonly<Record<ImpactFactor, number>> = {
  urgency: 35,
  financialRisk: 25,
  regulatoryExposure: 25,
  customerGoodwill: 15,
};

/**
 * How each risk appetite scales the weighted score, in percent. An averse department's
 * incidents score higher, so they reach a given priority at lower ratings; a tolerant one's
 * score lower. Even a tolerant department reaches P1 when every rating is 5 (85 points).
 */
export const RISK_APPETITE_SCALE_PERCENT: Readonly<Record<RiskAppetite, number>> = {
  AVERSE: 130,
  CAUTIOUS: 115,
  BALANCED: 100,
  TOLERANT: 85,
};

/** The lowest score for each priority; a score takes the most urgent priority it reaches. */
export const PRIORITY_MIN_SCORES: Readonly<Record<Priority, number>> = {
  P1: 80,
  P2: 55,
  P3: 30,
  P4: 0,
};

/** One factor's part in a score. */
export interface FactorContribution {
  /** Which factor. */
  factor: ImpactFactor;
  /** The rating it was given. */
  level: ImpactLevel;
  /** Its weight, out of 100 (see {@link IMPACT_FACTOR_WEIGHTS}). */
  weight: number;
  /** Points earned before the risk appetite is applied; may be fractional. */
  points: number;
}

/** The outcome of {@link scoreImpact}. */
export interface ImpactScore {
  /** The final score: a whole number from 0 to 100. */
  score: number;
  /** The priority the score maps to. */
  priority: Priority;
  /** The sum of the factors' points, from 0 to 100, before the risk appetite is applied. */
  baseScore: number;
  /** The risk appetite scale applied, in percent. */
  appetiteScalePercent: number;
  /** Each factor's part, in {@link IMPACT_FACTORS} order, for explaining the score. */
  factors: FactorContribution[];
}

/** The priority a score from 0 to 100 maps to (see {@link PRIORITY_MIN_SCORES}). */
export function priorityForScore(score: number): Priority {
  const reached = PRIORITIES.find((priority) => score >= PRIORITY_MIN_SCORES[priority]);

  // Only a negative or NaN score reaches nothing; treat it as the least urgent.
  return reached ?? 'P4';
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }

  return typeof value === 'number' ? String(value) : `a ${typeof value}`;
}

/**
 * Lists what is wrong with an assessment from outside (a form, an API call), one sentence per
 * problem; an empty list means it is valid. Every rating must be a whole number from 1 to 5.
 * Fields other than the four factors are ignored.
 */
export function validateAssessment(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [
      'An impact assessment needs ratings for urgency, financial risk, regulatory exposure ' +
        'and customer goodwill.',
    ];
  }

  const ratings = input as Record<string, unknown>;
  const problems: string[] = [];

  for (const factor of IMPACT_FACTORS) {
    const value = ratings[factor];
    const label = IMPACT_FACTOR_LABELS[factor];
    const range = `a whole number from ${MIN_IMPACT_LEVEL} to ${MAX_IMPACT_LEVEL}`;

    if (value === undefined || value === null) {
      problems.push(`${label} is missing: rate it as ${range}.`);
    } else if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < MIN_IMPACT_LEVEL ||
      value > MAX_IMPACT_LEVEL
    ) {
      problems.push(`${label} must be ${range} (it is ${describeValue(value)}).`);
    }
  }

  return problems;
}

/** Whether `input` is a valid {@link ImpactAssessment}; see {@link validateAssessment}. */
export function isImpactAssessment(input: unknown): input is ImpactAssessment {
  return validateAssessment(input).length === 0;
}

/**
 * Scores an incident's business impact for a department with the given risk appetite.
 * @throws RangeError when the assessment is invalid (see {@link validateAssessment}) or the
 *   appetite is unknown; callers validate input first, so this signals a programming error.
 */
export function scoreImpact(assessment: ImpactAssessment, appetite: RiskAppetite): ImpactScore {
  const problems = validateAssessment(assessment);

  if (problems.length > 0) {
    throw new RangeError(`Invalid impact assessment: ${problems.join(' ')}`);
  }

  if (!isOneOf(RISK_APPETITES, appetite)) {
    throw new RangeError(`Unknown risk appetite: ${describeValue(appetite)}.`);
  }

  // Works in whole "step points" (weight times steps above the lowest rating, 0 to 400) and
  // divides once at the end, so no fraction is rounded along the way and a score exactly
  // halfway between two whole numbers always rounds up.
  const stepPoints = (factor: ImpactFactor): number =>
    IMPACT_FACTOR_WEIGHTS[factor] * (assessment[factor] - MIN_IMPACT_LEVEL);

  const totalStepPoints = IMPACT_FACTORS.reduce((sum, factor) => sum + stepPoints(factor), 0);

  const scalePercent = RISK_APPETITE_SCALE_PERCENT[appetite];
  const score = Math.min(100, Math.round((totalStepPoints * scalePercent) / (LEVEL_STEPS * 100)));

  const factors = IMPACT_FACTORS.map((factor) => ({
    factor,
    level: assessment[factor],
    weight: IMPACT_FACTOR_WEIGHTS[factor],
    points: stepPoints(factor) / LEVEL_STEPS,
  }));

  return {
    score,
    priority: priorityForScore(score),
    baseScore: totalStepPoints / LEVEL_STEPS,
    appetiteScalePercent: scalePercent,
    factors,
  };
}
