import { describe, expect, it } from 'vitest';
import {
  currentVerdicts,
  eligibleApprovers,
  isActive,
  joinNames,
  namesOf,
  threadsOffDiff,
} from './change-request';
import type { LoadedThread } from './change-request';

describe('the change-request page', () => {
  it('treats draft, open, changes-requested and approved requests as active', () => {
    expect(isActive('DRAFT')).toBe(true);
    expect(isActive('APPROVED')).toBe(true);
    expect(isActive('MERGED')).toBe(false);
    expect(isActive('WITHDRAWN')).toBe(false);
  });

  it('names people in a sentence, whoever is no longer a member', () => {
    const people = new Map([
      ['u1', 'Ada'],
      ['u2', 'Ben'],
    ]);

    expect(joinNames(namesOf(['u1', 'u2', 'u9'], people))).toBe('Ada, Ben and a former member');
    expect(joinNames(['Ada'])).toBe('Ada');
    expect(joinNames([])).toBe('');
  });

  it('keeps the latest review per reviewer on the current revision only', () => {
    const reviews = [
      { reviewerId: 'a', revision: 1, verdict: 'APPROVE' },
      { reviewerId: 'b', revision: 2, verdict: 'REQUEST_CHANGES' },
      { reviewerId: 'a', revision: 2, verdict: 'COMMENT' },
      { reviewerId: 'b', revision: 2, verdict: 'APPROVE' },
    ];

    expect(
      currentVerdicts(reviews, 2).map((review) => [review.reviewerId, review.verdict]),
    ).toEqual([
      ['a', 'COMMENT'],
      ['b', 'APPROVE'],
    ]);
  });

  it('sets apart threads whose path the diff no longer shows', () => {
    const thread = (path: string) => ({ path }) as LoadedThread;
    const threads = [thread('/title'), thread('/modules/gone/title')];

    expect(threadsOffDiff(threads, new Set(['/title'])).map((t) => t.path)).toEqual([
      '/modules/gone/title',
    ]);
  });
});

describe('who may approve', () => {
  const policy = {
    rules: [
      {
        riskLevel: 'HIGH',
        requirements: [
          { id: 'owner-team', label: 'Owner team', count: 1, from: { kind: 'OWNER_TEAM' } },
          { id: 'admin', label: 'Admin', count: 1, from: { kind: 'ADMIN' } },
          { id: 'security', label: 'Security', count: 1, from: { kind: 'TEAM', teamId: 'sec' } },
        ],
      },
    ],
    emergencyReviewHours: 48,
  };
  const context = {
    ownerTeamId: 'ops',
    authorId: 'ben',
    teams: [
      { id: 'ops', name: 'Operations', members: [{ id: 'ben' }, { id: 'chloe' }] },
      { id: 'sec', name: 'Security', members: [{ id: 'ada' }] },
    ],
    people: [
      { id: 'ada', name: 'Ada', role: 'ADMIN' },
      { id: 'ben', name: 'Ben', role: 'RESPONDER' },
      { id: 'chloe', name: 'Chloé', role: 'RESPONDER' },
    ],
  };

  it('names the owner team’s members other than the author', () => {
    expect(eligibleApprovers(policy, 'HIGH', 'owner-team', context)).toEqual({
      group: 'Members of Operations',
      names: ['Chloé'],
    });
  });

  it('names admins and the members of a named team', () => {
    expect(eligibleApprovers(policy, 'HIGH', 'admin', context)?.names).toEqual(['Ada']);
    expect(eligibleApprovers(policy, 'HIGH', 'security', context)?.group).toBe(
      'Members of Security',
    );
  });

  it('knows nothing of a requirement the policy in force no longer has', () => {
    expect(eligibleApprovers(policy, 'STANDARD', 'owner-team', context)).toBeNull();
  });
});
