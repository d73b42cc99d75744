/**
 * The colour family of each badge. Colour only reinforces the words on the badge, never
 * replaces them, so the board stays readable without colour vision.
 */
import type { Criticality, IncidentStatus, Priority, Severity } from './graphql/generated/graphql';

/** A badge's colour family; `app.css` defines one pair of colours per tone. */
export type Tone = 'critical' | 'high' | 'medium' | 'low' | 'done' | 'neutral';

/** Severity: SEV1 is the most alarming. */
export const SEVERITY_TONES: Readonly<Record<Severity, Tone>> = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'medium',
  SEV4: 'low',
};

/** Priority follows the same scale as severity. */
export const PRIORITY_TONES: Readonly<Record<Priority, Tone>> = {
  P1: 'critical',
  P2: 'high',
  P3: 'medium',
  P4: 'low',
};

/** Status: active work stands out, finished work recedes. */
export const STATUS_TONES: Readonly<Record<IncidentStatus, Tone>> = {
  DETECTED: 'critical',
  TRIAGED: 'high',
  CONTAINED: 'medium',
  RECOVERING: 'medium',
  RESOLVED: 'done',
  CLOSED: 'neutral',
  CANCELLED: 'neutral',
};

/** Criticality of an automation. */
export const CRITICALITY_TONES: Readonly<Record<Criticality, Tone>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
};
