import { ApiError } from '../../src/emulator/errors';
import { applyJsonPatch } from '../../src/emulator/json-patch';
import { Router } from '../../src/emulator/router';

describe('applyJsonPatch (RFC 6902 subset)', () => {
  const doc = { a: 1, list: ['x', 'y'], nested: { 'k/ey': 'v', 't~': 1 } };

  test('add, replace, remove, test and the - index; the input is not mutated', () => {
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/list/-', value: 'z' },
      { op: 'add', path: '/list/0', value: 'w' },
      { op: 'replace', path: '/a', value: 2 },
      { op: 'remove', path: '/nested/k~1ey' },
      { op: 'replace', path: '/nested/t~0', value: 2 },
      { op: 'add', path: '/new', value: { deep: true } },
      { op: 'test', path: '/new/deep', value: true },
    ]);
    expect(out).toEqual({ a: 2, list: ['w', 'x', 'y', 'z'], nested: { 't~': 2 }, new: { deep: true } });
    expect(doc).toEqual({ a: 1, list: ['x', 'y'], nested: { 'k/ey': 'v', 't~': 1 } });
  });

  test.each([
    [[{ op: 'replace', path: '/missing', value: 1 }], /does not exist/],
    [[{ op: 'remove', path: '/list/5' }], /out of range/],
    [[{ op: 'add', path: '/list/3', value: 1 }], /out of range/],
    [[{ op: 'add', path: '/nope/x', value: 1 }], /does not exist/],
    [[{ op: 'add', path: 'a', value: 1 }], /must start with/],
    [[{ op: 'add', path: '/a' }], /needs a 'value'/],
    [[{ op: 'copy', from: '/a', path: '/b' }], /not supported/],
    [[{ op: 'remove', path: '' }], /whole document/],
    [{}, /JSON array/],
  ])('%j is a 400', (ops, message) => {
    let error: unknown;
    try {
      applyJsonPatch(doc, ops);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(message);
  });
});

describe('Router', () => {
  test('first match wins, parameters are decoded, counter keys name the pattern', () => {
    const router = new Router<string>()
      .add('GET', '/splits/ws/:ws/environments/:env', 'list')
      .add('GET', '/splits/ws/:ws/:flag/environments/:env', 'definition')
      .add('GET', '/splits/ws/:ws/:flag', 'flag');
    expect(router.match('GET', '/splits/ws/W/environments/Prod')).toMatchObject({ handler: 'list', params: { ws: 'W', env: 'Prod' } });
    expect(router.match('GET', '/splits/ws/W/my%20flag/environments/Prod')).toMatchObject({
      handler: 'definition', key: 'GET /splits/ws/:ws/:flag/environments/:env', params: { flag: 'my flag' },
    });
    expect(router.match('GET', '/splits/ws/W/f')!.handler).toBe('flag');
    expect(router.match('POST', '/splits/ws/W/f')).toBeUndefined();
    expect(router.match('GET', '/splits/ws/W/f/extra')).toBeUndefined();
  });
});
