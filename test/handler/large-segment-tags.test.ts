/**
 * Where FME refuses tags on large segments (the write's object type is unconfirmed:
 * docs/fme-api.md#large-segments), the handler keeps no keys record and says so once; the owner
 * then comes from the description marker. FME's refusal is simulated here by a client whose tag
 * write answers 404; the class under test is the handler's `LargeSegmentTags`.
 */
import { FmeApiError } from '../../src/client/errors';
import type { HandlerContext } from '../../src/handler/context';
import { LargeSegmentTags } from '../../src/handler/large-segment/tags';

function context(refuse: boolean) {
  const writes: string[][] = [];
  const warnings: string[] = [];
  const ctx = {
    workspaceId: 'ws',
    client: {
      setLargeSegmentTags: async (_ws: string, _name: string, tags: string[]) => {
        if (refuse) {
          throw new FmeApiError({ operation: 'tag large segment', method: 'POST', path: '/tags', status: 404, fmeMessage: 'not found', attempts: 1, elapsedMs: 0 });
        }
        writes.push(tags);
      },
    },
    log: { warn: (line: string) => warnings.push(line) },
  } as unknown as HandlerContext;
  return { ctx, writes, warnings };
}

test('tags taken: ownership and keys records are written once, and not again when unchanged', async () => {
  const { ctx, writes } = context(false);
  const tags = new LargeSegmentTags(ctx, 'vip', { name: 'vip', description: 'x', tags: [{ name: 'team:a' }] });
  const owned = { owner: 'stack-a', managed: true, plans: new Map<string, string>(), userTags: ['team:a'] };
  expect(await tags.write(owned, ['cdktf-fme-keys:env1:0123456789abcdef'])).toBe(true);
  expect(await tags.write(owned, ['cdktf-fme-keys:env1:0123456789abcdef'])).toBe(true);
  expect(writes).toEqual([['cdktf-fme-keys:env1:0123456789abcdef', 'cdktf-fme-managed', 'cdktf-fme-owner:stack-a', 'team:a']]);
  expect(tags.ownership()).toMatchObject({ owner: 'stack-a', managed: true, userTags: ['team:a'] });
});

test('tags refused: nothing recorded, one warning, the owner read from the description marker', async () => {
  const { ctx, writes, warnings } = context(true);
  const tags = new LargeSegmentTags(ctx, 'vip', { name: 'vip', description: 'VIPs\n[cdktf-fme-owner:stack-a]', tags: null });
  expect(tags.ownership()).toMatchObject({ owner: 'stack-a', managed: true });
  const owned = tags.ownership();
  expect(await tags.write(owned, ['cdktf-fme-keys:env1:0123456789abcdef'])).toBe(false);
  expect(await tags.write(owned, ['cdktf-fme-keys:env1:fedcba9876543210'])).toBe(false);
  expect(writes).toEqual([]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/no record of uploaded keys is kept, so a deploy that runs this resource uploads its keys again/);
  expect(tags.names).toEqual([]);
});
