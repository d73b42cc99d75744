import { describe, expect, it } from 'vitest';

import { INCIDENT_ROLES } from './incident.js';
import { checkRoleAssignment, ROLE_DESCRIPTIONS, ROLE_LABELS } from './roles.js';
import type { RoleAssignmentCheck, RoleAssignmentRequest } from './roles.js';

function request(overrides: Partial<RoleAssignmentRequest>): RoleAssignmentRequest {
  return {
    role: 'INCIDENT_LEAD',
    currentHolderId: null,
    newHolderId: null,
    handoffNote: null,
    ...overrides,
  };
}

function outcome(check: RoleAssignmentCheck): string {
  return check.allowed ? check.kind : check.guard;
}

describe('checkRoleAssignment', () => {
  it.each([
    { current: null, next: 'ana', note: null, expected: 'ASSIGN' },
    { current: null, next: 'ana', note: 'Taking over from the on-call', expected: 'ASSIGN' },
    {
      current: 'ana',
      next: 'ben',
      note: 'Rollback done; watch the Stripe zap',
      expected: 'HANDOFF',
    },
    { current: 'ana', next: 'ben', note: null, expected: 'HANDOFF_NOTE_REQUIRED' },
    { current: 'ana', next: 'ben', note: '', expected: 'HANDOFF_NOTE_REQUIRED' },
    { current: 'ana', next: 'ben', note: '  \n ', expected: 'HANDOFF_NOTE_REQUIRED' },
    { current: 'ana', next: 'ana', note: 'Still me', expected: 'SAME_HOLDER' },
    { current: 'ana', next: null, note: null, expected: 'RELEASE' },
    { current: null, next: null, note: null, expected: 'NOTHING_TO_RELEASE' },
  ])('from $current to $next with note $note is $expected', ({ current, next, note, expected }) => {
    const check = checkRoleAssignment(
      request({ currentHolderId: current, newHolderId: next, handoffNote: note }),
    );

    expect(outcome(check)).toBe(expected);
  });

  it('asks for a handoff note in plain words that name the role', () => {
    const check = checkRoleAssignment(
      request({ role: 'TECHNICAL_RESOLVER', currentHolderId: 'ana', newHolderId: 'ben' }),
    );

    expect(check).toEqual({
      allowed: false,
      guard: 'HANDOFF_NOTE_REQUIRED',
      message:
        'Write a handoff note for the new technical resolver: ' +
        'what is done, what is in progress and what to watch.',
    });
  });

  it('explains that the person already holds the role', () => {
    const check = checkRoleAssignment(
      request({ role: 'BUSINESS_LIAISON', currentHolderId: 'ana', newHolderId: 'ana' }),
    );

    expect(check).toEqual({
      allowed: false,
      guard: 'SAME_HOLDER',
      message: 'This person is already the business liaison.',
    });
  });

  it('explains that an empty role cannot be released', () => {
    const check = checkRoleAssignment(request({ role: 'COMMUNICATIONS_MANAGER' }));

    expect(check).toEqual({
      allowed: false,
      guard: 'NOTHING_TO_RELEASE',
      message: 'Nobody is the communications manager yet, so there is nobody to remove.',
    });
  });

  it('treats the same person as the same holder even when a note is given', () => {
    const check = checkRoleAssignment(
      request({ currentHolderId: 'ana', newHolderId: 'ana', handoffNote: 'notes' }),
    );

    expect(outcome(check)).toBe('SAME_HOLDER');
  });
});

describe('role vocabulary', () => {
  it.each(INCIDENT_ROLES)('describes %s in one sentence with a label', (role) => {
    const description = ROLE_DESCRIPTIONS[role];

    expect(ROLE_LABELS[role]).toMatch(/^[A-Z][a-z ]+$/);
    expect(description).toMatch(/^Owns [^.]+\.$/);
    expect(description.length).toBeLessThanOrEqual(200);
  });
});
