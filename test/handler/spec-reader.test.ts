import { HandlerError } from '../../src/handler/errors';
import { readSpec } from '../../src/handler/spec-reader';
import { SPEC_VERSION } from '../../src/spec/resource-spec';

const target = { apiBaseUrl: 'http://127.0.0.1:1/internal/api/v2', workspaceName: 'Default', apiKeyEnvVar: 'K', maxRetrySeconds: 30 };
const flag = {
  v: 1,
  kind: 'flag',
  target,
  flagName: 'f',
  removalPolicy: 'destroy',
  existing: 'adopt',
  environments: [{ environment: 'Production', removalPolicy: 'destroy', writeMode: 'direct' }],
};
const read = (spec: unknown) => readSpec('FME_SPEC', { FME_SPEC: JSON.stringify(spec) });
const set = (path: string[], value: unknown): unknown => {
  const copy = JSON.parse(JSON.stringify(flag));
  let o = copy;
  for (const p of path.slice(0, -1)) o = o[p];
  if (value === undefined) delete o[path[path.length - 1]]; else o[path[path.length - 1]] = value;
  return copy;
};

test('accepts flag, segment and inventory specs', () => {
  expect(read(flag).kind).toBe('flag');
  expect(read({ v: 1, kind: 'segment', target, segmentName: 's', removalPolicy: 'retain', existing: 'fail', environments: [{ environment: 'E', removalPolicy: 'retain', keys: ['a'] }] }).kind).toBe('segment');
  expect(read({ v: 1, kind: 'inventory', target, objects: [{ t: 'definition', flag: 'f', env: 'E', policy: 'destroy' }] }).kind).toBe('inventory');
});

test.each([
  ['missing variable', undefined, 'FME_SPEC is not set'],
  ['not JSON', '{', 'FME_SPEC is not valid JSON'],
])('%s', (_name, text, message) => {
  expect(() => readSpec('FME_SPEC', text === undefined ? {} : { FME_SPEC: text })).toThrow(message);
});

test.each([
  ['newer version', ['v'], SPEC_VERSION + 1, `spec version ${SPEC_VERSION + 1}, newer than this handler understands (${SPEC_VERSION})`],
  ['bad version', ['v'], 0, 'v must be a positive integer'],
  ['unknown kind', ['kind'], 'nope', 'kind must be flag, segment, ruleBasedSegment, largeSegment, flagSet or inventory'],
  ['no target', ['target'], undefined, 'target must be an object'],
  ['bad URL', ['target', 'apiBaseUrl'], 'ftp://x', 'target.apiBaseUrl must be an http(s) URL'],
  ['no key variable', ['target', 'apiKeyEnvVar'], '', 'target.apiKeyEnvVar must be a non-empty string'],
  ['no workspace', ['target', 'workspaceName'], undefined, 'target needs workspaceId, harnessProject or workspaceName'],
  ['bad retry bound', ['target', 'maxRetrySeconds'], 0, 'target.maxRetrySeconds must be a positive number'],
  ['no flag name', ['flagName'], undefined, 'flagName must be a non-empty string'],
  ['bad removal policy', ['removalPolicy'], 'keep', 'removalPolicy must be one of destroy, retain, archive'],
  ['bad existing policy', ['existing'], 'ignore', 'existing must be one of adopt, fail'],
  ['bad environments', ['environments'], {}, 'environments must be an array'],
  ['bad write mode', ['environments', '0', 'writeMode'], 'email', 'environments[0].writeMode must be one of direct, changeRequest'],
  ['bad definition', ['environments', '0', 'definition'], { treatments: [] }, 'environments[0].definition.defaultTreatment must be a non-empty string'],
  ['bad metadata', ['metadata'], { description: 'x' }, 'metadata.trafficType must be a non-empty string'],
])('rejects %s', (_name, path, value, message) => {
  let thrown: unknown;
  try { read(set(path as string[], value)); } catch (e) { thrown = e; }
  expect(thrown).toBeInstanceOf(HandlerError);
  expect((thrown as Error).message).toContain(message);
});

test('rejects bad inventory entries', () => {
  expect(() => read({ v: 1, kind: 'inventory', target, objects: [{ t: 'definition', flag: 'f', policy: 'destroy' }] })).toThrow('objects[0].env must be a non-empty string');
  expect(() => read({ v: 1, kind: 'inventory', target, objects: [{ t: 'app', policy: 'destroy' }] })).toThrow('objects[0].t must be one of');
});
