import { removedObjects } from '../../src/handler/removal/inventory';
import type { InventoryEntry, InventorySpec } from '../../src/spec/resource-spec';

const target = { apiBaseUrl: 'http://x', workspaceId: 'w', apiKeyEnvVar: 'K', maxRetrySeconds: 1 };
const inv = (objects: InventoryEntry[]): InventorySpec => ({ v: 1, kind: 'inventory', target, objects });

test('removed destroy-policy objects come out in dependency order; retained and kept ones do not', () => {
  const previous = inv([
    { t: 'segment', segment: 's', policy: 'destroy' },
    { t: 'flag', flag: 'a', policy: 'destroy' },
    { t: 'segmentDefinition', segment: 's', env: 'E', policy: 'destroy' },
    { t: 'definition', flag: 'a', env: 'E', policy: 'destroy' },
    { t: 'flag', flag: 'r', policy: 'retain' },
    { t: 'flag', flag: 'k', policy: 'destroy' },
  ]);
  // identity ignores the policy: "k" is still in the code, now retained
  const next = inv([{ t: 'flag', flag: 'k', policy: 'retain' }]);
  expect(removedObjects(previous, next).map((e) => e.t)).toEqual(['definition', 'flag', 'segmentDefinition', 'segment']);
});

test('a definition moved to another environment deletes the old one only', () => {
  const previous = inv([{ t: 'definition', flag: 'a', env: 'Staging', policy: 'destroy' }]);
  const next = inv([{ t: 'definition', flag: 'a', env: 'Production', policy: 'destroy' }]);
  expect(removedObjects(previous, next)).toEqual([{ t: 'definition', flag: 'a', env: 'Staging', policy: 'destroy' }]);
});
