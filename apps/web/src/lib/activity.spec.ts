import { describe, expect, it } from 'vitest';
import { activityNote, describeActivity } from './activity';

describe('describeActivity', () => {
  it('describes a transition with both statuses', () => {
    const changes = { status: { before: 'TRIAGED', after: 'CONTAINED' } };

    expect(describeActivity('incident.transition', changes)).toBe(
      'moved the incident from triaged to contained',
    );
  });

  it('names the role of an assignment, a handoff and a release', () => {
    const changes = { 'role.INCIDENT_LEAD': { before: null, after: 'u1' } };

    expect(describeActivity('incident.role.assign', changes)).toBe('assigned the incident lead');
    expect(describeActivity('incident.role.handoff', changes)).toBe('handed off the incident lead');
    expect(describeActivity('incident.role.release', changes)).toBe('released the incident lead');
  });

  it('gives the before and after of a single priority change', () => {
    expect(describeActivity('incident.update', { priority: { before: 'P3', after: 'P1' } })).toBe(
      'changed priority from P3 to P1',
    );
    expect(describeActivity('incident.update', { priority: { before: null, after: 'P2' } })).toBe(
      'set priority to P2',
    );
  });

  it('lists the fields of a wider edit', () => {
    const changes = { title: {}, summary: {}, automations: {} };

    expect(describeActivity('incident.update', changes)).toBe(
      'edited the title, summary and affected automations',
    );
  });

  it('names the postmortem version saved or restored', () => {
    const saved = { 'postmortemVersion.3': { before: null, after: 'Submitted for review' } };
    const restored = {
      postmortem: {
        before: { version: 4, name: 'Before restoring «Submitted for review»' },
        after: { version: 3, name: 'Submitted for review' },
      },
    };

    expect(describeActivity('incident.postmortem.save_version', saved)).toBe(
      'saved the postmortem as “Submitted for review”',
    );
    expect(describeActivity('incident.postmortem.restore_version', restored)).toBe(
      'restored the postmortem to “Submitted for review”',
    );
    expect(describeActivity('incident.postmortem.restore_version', {})).toBe(
      'restored a postmortem version',
    );
  });

  it('shows an action it does not know by its own name', () => {
    expect(describeActivity('incident.postmortem_published', {})).toBe(
      'incident postmortem published',
    );
  });
});

describe('activityNote', () => {
  it('finds a transition note or a handoff note', () => {
    expect(activityNote({ note: { before: null, after: 'False alarm' } })).toBe('False alarm');
    expect(activityNote({ handoffNote: { before: null, after: 'Refunds paused' } })).toBe(
      'Refunds paused',
    );
  });

  it('finds nothing in a record without a note', () => {
    expect(activityNote({ status: { before: 'DETECTED', after: 'TRIAGED' } })).toBeNull();
  });
});
