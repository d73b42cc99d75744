import { describe, expect, it } from 'vitest';
import { highlighted } from './search.queries.js';

describe('highlighted', () => {
  it('turns the marks around matches into ranges of the unmarked text', () => {
    const result = highlighted('the \u0002quota\u0003 ran out, \u0002quota\u0003 again');

    expect(result.snippet).toBe('the quota ran out, quota again');
    expect(result.highlights).toEqual([
      { start: 4, length: 5 },
      { start: 19, length: 5 },
    ]);
  });

  it('counts offsets in UTF-16 code units, as JavaScript indexes strings', () => {
    const { snippet, highlights } = highlighted('🔥 Zap \u0002failed\u0003');
    const [range] = highlights;

    expect(snippet.slice(range!.start, range!.start + range!.length)).toBe('failed');
  });

  it('ignores an unclosed or empty mark', () => {
    expect(highlighted('a \u0002\u0003b \u0002c').highlights).toEqual([]);
  });
});
