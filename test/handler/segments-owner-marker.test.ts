/**
 * The segment ownership record read from tags or from the owner marker in the description
 * (docs/ownership.md, "The record"). Pure functions: no emulator needed.
 */
import { segmentOwnership } from '../../src/handler/ownership';
import { ownerInDescription, userDescription, withOwnerMarker } from '../../src/handler/segment/owner-marker';

describe('the owner marker in a segment description', () => {
  test('is the last line after the user text, or the whole description', () => {
    expect(withOwnerMarker('Beta users', 'app-prod')).toBe('Beta users\n[cdktf-fme-owner:app-prod]');
    expect(withOwnerMarker(undefined, 'app')).toBe('[cdktf-fme-owner:app]');
    expect(withOwnerMarker('', 'app')).toBe('[cdktf-fme-owner:app]');
  });

  test('round-trips: the owner is read back and the user text is what comparisons see', () => {
    for (const text of ['Beta users', 'two\nlines', '', undefined]) {
      const live = withOwnerMarker(text, 'stack_1');
      expect(ownerInDescription(live)).toBe('stack_1');
      expect(userDescription(live)).toBe(text ?? '');
    }
  });

  test('only a whole last line counts; text that merely mentions the marker is the user\'s', () => {
    expect(ownerInDescription('see [cdktf-fme-owner:x] here')).toBeUndefined();
    expect(ownerInDescription('[cdktf-fme-owner:x]\nmore text')).toBeUndefined();
    expect(ownerInDescription('text [cdktf-fme-owner:x]')).toBeUndefined();
    expect(ownerInDescription(null)).toBeUndefined();
    expect(userDescription('see [cdktf-fme-owner:x] here')).toBe('see [cdktf-fme-owner:x] here');
  });
});

describe('segmentOwnership', () => {
  test('reads the marker when the segment has no tags field or no library tags', () => {
    const marked = { name: 's', description: 'Beta\n[cdktf-fme-owner:a]' };
    expect(segmentOwnership(marked)).toMatchObject({ owner: 'a', managed: true });
    expect(segmentOwnership({ ...marked, tags: [{ name: 'team-x' }] })).toMatchObject({ owner: 'a', managed: true, userTags: ['team-x'] });
  });

  test('tags that record ownership win over the marker (a transfer rewrites tags, never the description)', () => {
    const transferred = { name: 's', description: '[cdktf-fme-owner:a]', tags: [{ name: 'cdktf-fme-managed' }, { name: 'cdktf-fme-owner:b' }] };
    expect(segmentOwnership(transferred)).toMatchObject({ owner: 'b', managed: true });
  });

  test('a segment with neither is unowned and unmanaged', () => {
    expect(segmentOwnership({ name: 's', description: 'made by hand', tags: null })).toMatchObject({ owner: undefined, managed: false });
  });
});
