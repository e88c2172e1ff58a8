import { newStack, violations } from './support/helpers';
import { TestFlag } from './support/test-flag';
import { Allocation } from '../../src/model';
import { CustomStage, DefinitionInstruction, FmeFlagDefinitionInstructions, FmePipeline, FmeFlagDefinitionInstructionsProps } from '../../src/pipeline';

/** Issue 13, defect 6 (missing step type): the rules of Flag Definition Instructions. */
function check(props: Omit<FmeFlagDefinitionInstructionsProps, 'environment'>, treatments = ['on', 'off']): string[] {
  const stack = newStack();
  const flag = new TestFlag(stack, 'Flag', 'checkout', treatments);
  const pipeline = new FmePipeline(stack, 'p', { name: 'P', orgIdentifier: 'default', projectIdentifier: 'Default' });
  new FmeFlagDefinitionInstructions(new CustomStage(pipeline, 's'), 'i', { flag, environment: 'Production', ...props } as FmeFlagDefinitionInstructionsProps);
  return violations(pipeline).map(v => v.replace(/^\[[^\]]*\] /, ''));
}

describe('FmeFlagDefinitionInstructions rules', () => {
  test('at least one instruction, each type once', () => {
    expect(check({ instructions: [] })).toEqual(['[instructions-empty] give at least one instruction.']);
    expect(check({ instructions: [DefinitionInstruction.flagKilled(true), DefinitionInstruction.flagKilled(false)] }))
      .toEqual([expect.stringMatching(/^\[instruction-unique\] SetFlagKilled appears more than once/)]);
  });

  test('target updates: non-empty, setKeys not with addKeys, literal treatments, declared treatments', () => {
    expect(check({
      instructions: [DefinitionInstruction.updateIndividualTargets([
        { treatment: 'on', setKeys: ['a'], addKeys: ['b'] },
        { treatment: '<+pipeline.variables.t>', addSegments: [] },
        { treatment: 'blue', removeKeys: ['c'] },
      ])],
    }).filter(v => !v.startsWith('[variable-declared]'))).toEqual([
      expect.stringMatching(/\[instruction-value\] instructions\[0\] \(UpdateIndividualTargets\)\[0\]: setKeys cannot be combined with addKeys\/removeKeys/),
      expect.stringMatching(/\[treatment-literal\] .*\[1\]\.treatment "<\+pipeline\.variables\.t>": Harness takes only a literal treatment name here/),
      expect.stringMatching(/\[instruction-value\] .*\[1\]\.addSegments is empty/),
      expect.stringMatching(/\[treatment-declared\] .*\[2\]\.treatment "blue" is not a treatment of flag "checkout"/),
    ]);
  });

  test('allocations sum to 100; treatments set by the step count as declared', () => {
    expect(check({ instructions: [DefinitionInstruction.defaultAllocations([Allocation.of('on', 10), Allocation.of('off', 80)])] }))
      .toEqual([expect.stringMatching(/\[percentage-sum\] instructions\[0\] \(SetDefaultAllocations\) amounts sums to 90/)]);
    expect(check({
      instructions: [
        DefinitionInstruction.treatments([{ treatment: 'blue', description: 'b' }, { treatment: 'green', description: 'g' }]),
        DefinitionInstruction.defaultAllocations([Allocation.of('blue', 50), Allocation.of('green', 50)]),
        DefinitionInstruction.defaultTreatment('green'),
      ],
    })).toEqual([]);
  });

  test('defaultDefinition: at least 2 treatments, default and baseline among them', () => {
    expect(check({
      instructions: [DefinitionInstruction.limitExposure(50)],
      defaultDefinition: { treatments: [{ treatment: 'on', description: 'on' }], defaultTreatment: 'off', baselineTreatment: 'on' },
    })).toEqual([
      '[default-definition] defaultDefinition.treatments: give at least 2 treatments (got 1).',
      expect.stringMatching(/\[default-definition\] defaultDefinition\.defaultTreatment "off" is not one of the listed treatments/),
    ]);
  });
});
