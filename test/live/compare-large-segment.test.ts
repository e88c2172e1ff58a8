/**
 * `compareLargeSegment` on live reads built by hand: the keys record (docs/fme-api.md#large-segments)
 * decides whether the deploy uploads, and a record still naming a change request is shown with it.
 */
import { compareLargeSegment, LiveLargeSegments } from '../../src/live/compare-large-segment';
import type { LargeSegmentResourceSpec } from '../../src/spec/resource-spec';

const SHA = 'ab'.repeat(32);
const DIGEST = SHA.slice(0, 16);

const spec: LargeSegmentResourceSpec = {
  v: 2,
  kind: 'largeSegment',
  target: { apiBaseUrl: 'http://127.0.0.1:1', workspaceName: 'Default', apiKeyEnvVar: 'FME_API_KEY', maxRetrySeconds: 5 },
  stack: 'shop',
  segmentName: 'vip',
  metadata: { trafficType: 'user' },
  removalPolicy: 'destroy',
  existing: 'adopt',
  environments: [{ environment: 'Production', removalPolicy: 'destroy', keysFile: `fme-large-segments/${SHA}.csv`, sha256: SHA, keyCount: 7 }],
};

function live(tags: string[], defined = true): LiveLargeSegments {
  return {
    segments: new Map([['vip', { name: 'vip', tags: tags.map((name) => ({ name })) }]]),
    environments: new Map([['Production', { id: 'env-p', defined: new Set(defined ? ['vip'] : []) }]]),
  };
}

const OWNED = ['cdktf-fme-managed', 'cdktf-fme-owner:shop'];

describe('compareLargeSegment', () => {
  test('a record naming the spec\'s digest: no difference', () => {
    expect(compareLargeSegment(spec, live([...OWNED, `cdktf-fme-keys:env-p:${DIGEST}`]))).toEqual([]);
  });

  test('a record of another environment does not count; no record: every key to upload', () => {
    expect(compareLargeSegment(spec, live([...OWNED, `cdktf-fme-keys:env-s:${DIGEST}`]))).toEqual([{
      kind: 'large segment',
      name: 'vip',
      environment: 'Production',
      field: 'keys',
      action: 'update',
      details: [`~ keys file changed: 7 keys to upload (sha256 ${DIGEST}, no upload recorded)`],
    }]);
  });

  test('not defined in the environment: defined and uploaded', () => {
    expect(compareLargeSegment(spec, live(OWNED, false))[0].details).toEqual([
      '+ active in Production', `~ keys file changed: 7 keys to upload (sha256 ${DIGEST}, no upload recorded)`,
    ]);
  });

  test('an upload recorded with its change request is shown with it', () => {
    const [d] = compareLargeSegment(spec, live([...OWNED, `cdktf-fme-keys:env-p:${DIGEST}:cr-9`]));
    expect(d).toMatchObject({ field: 'keys', action: 'update', openChangeRequest: 'cr-9' });
    expect(d.details[0]).toContain('change request cr-9');
  });

  test('owned by another stack: blocked', () => {
    const differences = compareLargeSegment(spec, live(['cdktf-fme-managed', 'cdktf-fme-owner:platform', `cdktf-fme-keys:env-p:${DIGEST}`]));
    expect(differences).toEqual([expect.objectContaining({ field: 'owner', action: 'blocked' })]);
  });
});
