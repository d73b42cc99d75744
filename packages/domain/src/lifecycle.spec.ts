import { describe, expect, it } from 'vitest';

import { INCIDENT_STATUSES } from './incident.js';
import type { IncidentStatus } from './incident.js';
import {
  allowedTransitions,
  checkTransition,
  isTerminalStatus,
  MILESTONE_OF_STATUS,
  milestoneToStamp,
  requiresReason,
  responseTimes,
  TRANSITION_GUARDS,
} from './lifecycle.js';
import type { GuardName, LifecycleFacts, TransitionCheck, TransitionRequest } from './lifecycle.js';

/** Facts of an incident in `status` that meets every condition except, perhaps, a reason. */
function readyFacts(status: IncidentStatus): LifecycleFacts {
  return {
    status,
    priority: 'P2',
    impactScopeValidated: true,
    everTriaged: status !== 'DETECTED',
  };
}

function outcome(check: TransitionCheck): 'ALLOWED' | GuardName {
  return check.allowed ? 'ALLOWED' : check.guard;
}

const OK = 'ALLOWED';

/** The verdict on every pair of statuses, for a ready incident and a request with a reason. */
const MATRIX: Record<IncidentStatus, Record<IncidentStatus, 'ALLOWED' | GuardName>> = {
  DETECTED: {
    DETECTED: 'SAME_STATUS',
    TRIAGED: OK,
    CONTAINED: 'TRIAGE_REQUIRED',
    RECOVERING: 'TRIAGE_REQUIRED',
    RESOLVED: 'TRIAGE_REQUIRED',
    CLOSED: 'NOT_ALLOWED',
    CANCELLED: OK,
  },
  TRIAGED: {
    DETECTED: 'NOT_ALLOWED',
    TRIAGED: 'SAME_STATUS',
    CONTAINED: OK,
    RECOVERING: OK,
    RESOLVED: OK,
    CLOSED: 'NOT_ALLOWED',
    CANCELLED: OK,
  },
  CONTAINED: {
    DETECTED: 'NOT_ALLOWED',
    TRIAGED: 'NOT_ALLOWED',
    CONTAINED: 'SAME_STATUS',
    RECOVERING: OK,
    RESOLVED: OK,
    CLOSED: 'NOT_ALLOWED',
    CANCELLED: OK,
  },
  RECOVERING: {
    DETECTED: 'NOT_ALLOWED',
    TRIAGED: 'NOT_ALLOWED',
    CONTAINED: 'NOT_ALLOWED',
    RECOVERING: 'SAME_STATUS',
    RESOLVED: OK,
    CLOSED: 'NOT_ALLOWED',
    CANCELLED: OK,
  },
  RESOLVED: {
    DETECTED: 'NOT_ALLOWED',
    TRIAGED: 'NOT_ALLOWED',
    CONTAINED: 'NOT_ALLOWED',
    RECOVERING: OK,
    RESOLVED: 'SAME_STATUS',
    CLOSED: OK,
    CANCELLED: OK,
  },
  CLOSED: {
    DETECTED: 'TERMINAL',
    TRIAGED: 'TERMINAL',
    CONTAINED: 'TERMINAL',
    RECOVERING: 'TERMINAL',
    RESOLVED: 'TERMINAL',
    CLOSED: 'SAME_STATUS',
    CANCELLED: 'TERMINAL',
  },
  CANCELLED: {
    DETECTED: 'TERMINAL',
    TRIAGED: 'TERMINAL',
    CONTAINED: 'TERMINAL',
    RECOVERING: 'TERMINAL',
    RESOLVED: 'TERMINAL',
    CLOSED: 'TERMINAL',
    CANCELLED: 'SAME_STATUS',
  },
};

const EVERY_PAIR = INCIDENT_STATUSES.flatMap((from) =>
  INCIDENT_STATUSES.map((to) => ({ from, to, expected: MATRIX[from][to] })),
);

/** The allowed moves that need a written reason: reopening and cancelling. */
const REASON_EDGES: [IncidentStatus, IncidentStatus][] = [
  ['RESOLVED', 'RECOVERING'],
  ['DETECTED', 'CANCELLED'],
  ['TRIAGED', 'CANCELLED'],
  ['CONTAINED', 'CANCELLED'],
  ['RECOVERING', 'CANCELLED'],
  ['RESOLVED', 'CANCELLED'],
];

/** The allowed moves that need no reason. */
const PLAIN_EDGES: [IncidentStatus, IncidentStatus][] = [
  ['DETECTED', 'TRIAGED'],
  ['TRIAGED', 'CONTAINED'],
  ['TRIAGED', 'RECOVERING'],
  ['TRIAGED', 'RESOLVED'],
  ['CONTAINED', 'RECOVERING'],
  ['CONTAINED', 'RESOLVED'],
  ['RECOVERING', 'RESOLVED'],
  ['RESOLVED', 'CLOSED'],
];

describe('checkTransition', () => {
  describe('for a ready incident and a request with a reason', () => {
    it.each(EVERY_PAIR)('judges $from → $to as $expected', ({ from, to, expected }) => {
      const check = checkTransition(readyFacts(from), { to, reason: 'Duplicate of INC-12' });

      expect(outcome(check)).toBe(expected);
    });

    it('allows exactly the plain edges and the edges that need a reason', () => {
      const key = ([from, to]: readonly [IncidentStatus, IncidentStatus]): string =>
        `${from}→${to}`;

      const allowed = EVERY_PAIR.filter(({ expected }) => expected === OK)
        .map(({ from, to }) => key([from, to]))
        .sort();

      expect(allowed).toEqual([...PLAIN_EDGES, ...REASON_EDGES].map(key).sort());
    });
  });

  describe('reasons', () => {
    const blanks = [null, '', '   ', '\n\t '];
    const cases = REASON_EDGES.flatMap(([from, to]) =>
      blanks.map((reason) => ({ from, to, reason })),
    );

    it.each(cases)('refuses $from → $to when the reason is $reason', ({ from, to, reason }) => {
      const check = checkTransition(readyFacts(from), { to, reason });

      expect(outcome(check)).toBe('REASON_REQUIRED');
    });

    it.each(PLAIN_EDGES)('allows %s → %s without a reason', (from, to) => {
      expect(checkTransition(readyFacts(from), { to, reason: null })).toEqual({ allowed: true });
    });

    it('asks a reopen to say what came back', () => {
      const check = checkTransition(readyFacts('RESOLVED'), { to: 'RECOVERING', reason: ' ' });

      expect(check).toEqual({
        allowed: false,
        guard: 'REASON_REQUIRED',
        message: 'Say why the incident is being reopened, so the team knows what came back.',
      });
    });

    it('asks a cancellation whether it was a false alarm or a duplicate', () => {
      const check = checkTransition(readyFacts('TRIAGED'), { to: 'CANCELLED', reason: null });

      expect(check).toEqual({
        allowed: false,
        guard: 'REASON_REQUIRED',
        message:
          'Say why the incident is being cancelled, for example a false alarm or a duplicate.',
      });
    });
  });

  describe('triage', () => {
    it.each([
      { priority: null, impactScopeValidated: false, expected: 'PRIORITY_REQUIRED' },
      { priority: null, impactScopeValidated: true, expected: 'PRIORITY_REQUIRED' },
      { priority: 'P3', impactScopeValidated: false, expected: 'IMPACT_SCOPE_UNVALIDATED' },
      { priority: 'P3', impactScopeValidated: true, expected: OK },
    ] as const)(
      'with priority $priority and validated scope $impactScopeValidated is $expected',
      ({ priority, impactScopeValidated, expected }) => {
        const facts: LifecycleFacts = {
          status: 'DETECTED',
          priority,
          impactScopeValidated,
          everTriaged: false,
        };

        expect(outcome(checkTransition(facts, { to: 'TRIAGED', reason: null }))).toBe(expected);
      },
    );

    it('explains an unvalidated impact scope in plain words', () => {
      const facts = { ...readyFacts('DETECTED'), impactScopeValidated: false };

      expect(checkTransition(facts, { to: 'TRIAGED', reason: null })).toEqual({
        allowed: false,
        guard: 'IMPACT_SCOPE_UNVALIDATED',
        message:
          'Validate the impact scope before triaging: someone must confirm what is affected.',
      });
    });

    it('does not re-check priority or scope after triage', () => {
      const facts: LifecycleFacts = {
        status: 'TRIAGED',
        priority: null,
        impactScopeValidated: false,
        everTriaged: true,
      };

      expect(checkTransition(facts, { to: 'RESOLVED', reason: null })).toEqual({ allowed: true });
    });

    it.each(['CONTAINED', 'RECOVERING', 'RESOLVED'] as const)(
      'refuses to skip triage from detected to %s even if the record claims a triage',
      (to) => {
        const facts = { ...readyFacts('DETECTED'), everTriaged: true };

        expect(outcome(checkTransition(facts, { to, reason: 'x' }))).toBe('TRIAGE_REQUIRED');
      },
    );

    it.each([
      ['TRIAGED', 'CONTAINED'],
      ['CONTAINED', 'RESOLVED'],
      ['RECOVERING', 'RESOLVED'],
    ] as const)('refuses %s → %s for a record that was never triaged', (from, to) => {
      const facts = { ...readyFacts(from), everTriaged: false };

      expect(outcome(checkTransition(facts, { to, reason: null }))).toBe('TRIAGE_REQUIRED');
    });

    it('still lets a never-triaged record be cancelled', () => {
      const facts = { ...readyFacts('CONTAINED'), everTriaged: false };

      expect(checkTransition(facts, { to: 'CANCELLED', reason: 'Imported twice' })).toEqual({
        allowed: true,
      });
    });

    it('tells the user to triage first, naming the stage they asked for', () => {
      const check = checkTransition(readyFacts('DETECTED'), { to: 'CONTAINED', reason: null });

      expect(check).toEqual({
        allowed: false,
        guard: 'TRIAGE_REQUIRED',
        message:
          'Triage the incident before marking it contained: ' +
          'set its priority and confirm what is affected.',
      });
    });
  });

  describe('guard order', () => {
    it('reports asking for the current status before a final status', () => {
      expect(outcome(checkTransition(readyFacts('CLOSED'), { to: 'CLOSED', reason: null }))).toBe(
        'SAME_STATUS',
      );
    });

    it('reports a final status before a missing reason', () => {
      const check = checkTransition(readyFacts('CANCELLED'), { to: 'RECOVERING', reason: null });

      expect(outcome(check)).toBe('TERMINAL');
    });

    it('reports a missing edge before missing triage facts', () => {
      const facts: LifecycleFacts = {
        status: 'DETECTED',
        priority: null,
        impactScopeValidated: false,
        everTriaged: false,
      };

      expect(outcome(checkTransition(facts, { to: 'CLOSED', reason: null }))).toBe('NOT_ALLOWED');
    });

    it('lists the guards in the order they are applied', () => {
      expect(TRANSITION_GUARDS).toEqual([
        'SAME_STATUS',
        'TERMINAL',
        'NOT_ALLOWED',
        'TRIAGE_REQUIRED',
        'PRIORITY_REQUIRED',
        'IMPACT_SCOPE_UNVALIDATED',
        'REASON_REQUIRED',
      ]);
    });
  });

  describe('messages', () => {
    it.each([
      ['TRIAGED', 'TRIAGED', 'The incident is already triaged.'] as const,
      [
        'CLOSED',
        'RESOLVED',
        'This incident is closed, and a closed or cancelled incident cannot change status.',
      ] as const,
      [
        'CONTAINED',
        'TRIAGED',
        'An incident cannot go back from contained to triaged. ' +
          'If a resolved problem returns, reopen the incident as recovering.',
      ] as const,
      [
        'TRIAGED',
        'CLOSED',
        'Only a resolved incident can be closed: resolve it first, then close it.',
      ] as const,
    ])('explains %s → %s as "%s"', (from, to, message) => {
      const check = checkTransition(readyFacts(from), { to, reason: null });

      expect(check.allowed ? null : check.message).toBe(message);
    });

    it('words every refusal as a sentence without internal names', () => {
      const refusals = EVERY_PAIR.map(({ from, to }) =>
        checkTransition(readyFacts(from), { to, reason: null }),
      ).flatMap((check) => (check.allowed ? [] : [check.message]));

      expect(refusals.length).toBeGreaterThan(30);

      for (const message of refusals) {
        expect(message).toMatch(/^[A-Z][^_]*\.$/);
        expect(message).not.toMatch(/[A-Z]{3,}/);
      }
    });
  });

  it('reports every guard for some request', () => {
    const cases: [LifecycleFacts, TransitionRequest][] = [
      ...EVERY_PAIR.map(({ from, to }): [LifecycleFacts, TransitionRequest] => [
        readyFacts(from),
        { to, reason: null },
      ]),
      [
        { ...readyFacts('DETECTED'), priority: null },
        { to: 'TRIAGED', reason: null },
      ],
      [
        { ...readyFacts('DETECTED'), impactScopeValidated: false },
        { to: 'TRIAGED', reason: null },
      ],
    ];

    const outcomes = new Set(
      cases.map(([facts, request]) => outcome(checkTransition(facts, request))),
    );

    expect([...outcomes].sort()).toEqual([OK, ...TRANSITION_GUARDS].sort());
  });
});

describe('allowedTransitions', () => {
  it.each([
    ['DETECTED', ['TRIAGED', 'CANCELLED']],
    ['TRIAGED', ['CONTAINED', 'RECOVERING', 'RESOLVED', 'CANCELLED']],
    ['CONTAINED', ['RECOVERING', 'RESOLVED', 'CANCELLED']],
    ['RECOVERING', ['RESOLVED', 'CANCELLED']],
    ['RESOLVED', ['RECOVERING', 'CLOSED', 'CANCELLED']],
    ['CLOSED', []],
    ['CANCELLED', []],
  ] as const)('offers a ready %s incident %j', (status, expected) => {
    expect(allowedTransitions(readyFacts(status))).toEqual(expected);
  });

  it('offers only cancellation while triage facts are missing', () => {
    const facts: LifecycleFacts = {
      status: 'DETECTED',
      priority: 'P1',
      impactScopeValidated: false,
      everTriaged: false,
    };

    expect(allowedTransitions(facts)).toEqual(['CANCELLED']);
  });
});

describe('requiresReason', () => {
  it.each(EVERY_PAIR)('tells whether $from → $to needs a reason', ({ from, to }) => {
    const needsReason = REASON_EDGES.some(([a, b]) => a === from && b === to);

    expect(requiresReason(from, to)).toBe(needsReason);
  });
});

describe('isTerminalStatus', () => {
  it.each(INCIDENT_STATUSES)('knows whether %s is final', (status) => {
    expect(isTerminalStatus(status)).toBe(status === 'CLOSED' || status === 'CANCELLED');
  });
});

describe('milestones', () => {
  it('maps each stamping status to its timestamp', () => {
    expect(MILESTONE_OF_STATUS).toEqual({
      TRIAGED: 'acknowledgedAt',
      CONTAINED: 'containedAt',
      RESOLVED: 'resolvedAt',
      CLOSED: 'closedAt',
      CANCELLED: 'cancelledAt',
    });
  });

  it.each([
    ['TRIAGED', {}, 'acknowledgedAt'],
    ['CONTAINED', { containedAt: null }, 'containedAt'],
    ['RESOLVED', { resolvedAt: new Date('2025-03-01T10:00:00Z') }, null],
    ['RESOLVED', { containedAt: new Date('2025-03-01T10:00:00Z') }, 'resolvedAt'],
    ['RECOVERING', {}, null],
    ['DETECTED', {}, null],
  ] as const)('on a move to %s with stamps %j stamps %s', (to, stamped, expected) => {
    expect(milestoneToStamp(to, stamped)).toBe(expected);
  });
});

describe('responseTimes', () => {
  const at = (time: string): Date => new Date(`2025-03-01T${time}Z`);

  it('measures detection from the start and the rest from detection', () => {
    const times = responseTimes({
      startedAt: at('09:00:00'),
      detectedAt: at('09:30:00'),
      acknowledgedAt: at('09:35:00'),
      containedAt: at('10:30:00'),
      resolvedAt: at('12:30:00'),
    });

    expect(times).toEqual({
      timeToDetectMs: 30 * 60_000,
      timeToAcknowledgeMs: 5 * 60_000,
      timeToContainMs: 60 * 60_000,
      timeToResolveMs: 3 * 60 * 60_000,
    });
  });

  it('leaves a duration empty when either end is missing', () => {
    const times = responseTimes({
      startedAt: null,
      detectedAt: at('09:30:00'),
      acknowledgedAt: at('09:31:00'),
      containedAt: null,
      resolvedAt: null,
    });

    expect(times).toEqual({
      timeToDetectMs: null,
      timeToAcknowledgeMs: 60_000,
      timeToContainMs: null,
      timeToResolveMs: null,
    });
  });

  it('leaves everything after detection empty when detection time is unknown', () => {
    const times = responseTimes({
      startedAt: at('09:00:00'),
      detectedAt: null,
      acknowledgedAt: at('09:31:00'),
      containedAt: at('09:40:00'),
      resolvedAt: at('09:50:00'),
    });

    expect(times).toEqual({
      timeToDetectMs: null,
      timeToAcknowledgeMs: null,
      timeToContainMs: null,
      timeToResolveMs: null,
    });
  });

  it('reports nothing rather than a negative or invalid duration', () => {
    const times = responseTimes({
      startedAt: at('10:00:00'),
      detectedAt: at('09:30:00'),
      acknowledgedAt: new Date('not a date'),
      containedAt: at('09:30:00'),
      resolvedAt: null,
    });

    expect(times).toEqual({
      timeToDetectMs: null,
      timeToAcknowledgeMs: null,
      timeToContainMs: 0,
      timeToResolveMs: null,
    });
  });
});
