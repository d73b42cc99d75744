import { describe, expect, it } from 'vitest';
import { descriptionOf, readProposal } from './proposal';

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();

  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }

  return data;
}

describe('reading the proposal form', () => {
  it('reads reviewers, draft intent and the document', () => {
    const { fields, problems } = readProposal(
      form({
        title: ' New checkout playbook ',
        reviewerIds: ['u1', 'u2'],
        intent: 'draft',
        document: '{"title":"x"}',
      }),
      true,
    );

    expect(problems).toEqual({});
    expect(fields).toMatchObject({
      title: 'New checkout playbook',
      reviewerIds: ['u1', 'u2'],
      draft: true,
      emergency: false,
      document: { title: 'x' },
    });
  });

  it('requires a title to open, but not to revise', () => {
    expect(readProposal(form({ document: '{}' }), true).problems.title).toBe('Title is required.');
    expect(readProposal(form({ document: '{}' }), false).problems.title).toBeUndefined();
  });

  it('requires a reason for an emergency and puts it first in the description', () => {
    const missing = readProposal(form({ title: 't', emergency: 'on', document: '{}' }), true);
    expect(missing.problems.emergencyReason).toMatch(/required/);

    const { fields } = readProposal(
      form({
        title: 't',
        emergency: 'on',
        emergencyReason: 'Payments are failing now.',
        description: 'Skips the export step.',
        document: '{}',
      }),
      true,
    );
    expect(descriptionOf(fields)).toBe(
      'Emergency: Payments are failing now.\n\nSkips the export step.',
    );
  });

  it('refuses a document that is not a JSON object', () => {
    expect(readProposal(form({ title: 't', document: '[1]' }), true).problems.document).toMatch(
      /could not be read/,
    );
    expect(readProposal(form({ title: 't', document: '{' }), true).fields.document).toBeNull();
  });
});
