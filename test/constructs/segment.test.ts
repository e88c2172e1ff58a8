import { Testing } from 'cdktf';
import { BACKINGS, newStack, specOf, synthErrors } from './support';
import { RemovalPolicy, Segment } from '../../src';

describe('Segment', () => {
  test.each(BACKINGS)('snapshot (%s)', (_, backing) => {
    const { stack } = newStack({ backing });
    new Segment(stack, 'Beta', {
      segmentName: 'beta_testers',
      description: 'Beta testers',
      environmentKeys: [{ environment: 'Production', keys: ['beta_erin', 'beta_dan'] }],
    });
    expect(Testing.synth(stack, true)).toMatchSnapshot();
  });

  test('spec and inventory; setKeys after construction is included', () => {
    const { stack } = newStack();
    const segment = new Segment(stack, 'Beta', { segmentName: 'beta', trafficType: 'account', removalPolicy: RemovalPolicy.RETAIN });
    segment.setKeys('Staging', ['b', 'a', 'a']);
    const spec = specOf(stack, 'Fme_Segment-beta');
    expect(spec).toMatchObject({
      kind: 'segment',
      segmentName: 'beta',
      metadata: { trafficType: 'account' },
      removalPolicy: 'retain',
      environments: [{ environment: 'Staging', removalPolicy: 'retain', keys: ['a', 'b'] }],
    });
    expect(specOf(stack, 'Fme_Inventory').objects).toEqual([
      { t: 'segment', segment: 'beta', policy: 'retain' },
      { t: 'segmentDefinition', segment: 'beta', env: 'Staging', policy: 'retain' },
    ]);
  });

  test.each<[string, () => void, RegExp]>([
    ['an invalid name', () => new Segment(newStack().stack, 'S', { segmentName: 'beta testers' }), /segment name: "beta testers" is not a valid segment name/],
    ['an invalid traffic type', () => new Segment(newStack().stack, 'S', { segmentName: 'b', trafficType: '1' }), /traffic type: "1"/],
    ['an empty key', () => new Segment(newStack().stack, 'S', { segmentName: 'b', environmentKeys: [{ environment: 'P', keys: [''] }] }), /segment keys: keys must be non-empty strings/],
    ['over 100,000 keys', () => new Segment(newStack().stack, 'S', { segmentName: 'b', environmentKeys: [{ environment: 'P', keys: Array.from({ length: 100_001 }, (_, i) => `k${i}`) }] }), /100001 keys given for P; FME allows at most 100000/],
  ])('fails for %s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  test('fails synthesis for two segments with the same name, naming both', () => {
    const { stack } = newStack();
    new Segment(stack, 'A', { segmentName: 'dup' });
    new Segment(stack, 'B', { segmentName: 'dup' });
    expect(synthErrors(stack)).toMatch(/\[test\/B\] conflicting constructs: segment "dup" is also declared by test\/A/);
  });
});
