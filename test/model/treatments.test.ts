import { DynamicConfig } from '../../src';
import { formatProblem } from '../../src/model/problem';
import { treatmentConfigProblems } from '../../src/model/rules/treatment-configs';
import { treatmentCountProblems } from '../../src/model/rules/treatment-count';
import { treatmentNameProblems } from '../../src/model/rules/treatment-names';
import { Treatment } from '../../src/model/treatment';

const messages = (ps: { rule: string; message: string }[]) => ps.map(formatProblem);
const named = (...names: string[]): Treatment[] => names.map((name) => ({ name }));

describe('treatment count', () => {
  test('accepts 2 to 20 treatments', () => {
    expect(treatmentCountProblems(named('on', 'off'))).toEqual([]);
    expect(treatmentCountProblems(named(...Array.from({ length: 20 }, (_, i) => `t${i}`)))).toEqual([]);
  });
  test('fails with one treatment', () => {
    expect(messages(treatmentCountProblems(named('on')))).toEqual([
      'treatment count: 1 treatment(s) declared; a flag needs at least 2 (e.g. on and off)',
    ]);
  });
  test('fails with 21 treatments', () => {
    expect(messages(treatmentCountProblems(named(...Array.from({ length: 21 }, (_, i) => `t${i}`))))[0])
      .toMatch(/21 treatments declared; FME allows at most 20/);
  });
});

describe('treatment names', () => {
  test('accepts letters, digits, dash, underscore and dot after a letter or digit', () => {
    expect(treatmentNameProblems(named('on', 'v1.2', '3-column', 'by_price'))).toEqual([]);
  });
  test.each(['all', 'and', 'between', 'contain', 'contains', 'control', 'datetime', 'does', 'end', 'ends',
    'false', 'has', 'have', 'if', 'in', 'is', 'match', 'matches', 'not', 'number', 'set', 'split',
    'start', 'starts', 'string', 'then', 'treatment', 'true', 'with'])('fails for reserved word %s', (word) => {
    expect(messages(treatmentNameProblems(named(word, 'off')))).toEqual([
      `treatment names: "${word}" is a reserved word; rename the treatment`,
    ]);
  });
  test('fails for a reserved word in another case', () => {
    expect(messages(treatmentNameProblems(named('Control', 'off')))[0]).toMatch(/"Control" is a reserved word/);
  });
  test.each(['-on', '.on', 'on off', 'on!', ''])('fails for the invalid name %j', (name) => {
    expect(messages(treatmentNameProblems(named(name, 'off')))[0]).toMatch(/is not a valid treatment name/);
  });
  test('fails for duplicate names', () => {
    expect(messages(treatmentNameProblems(named('on', 'On')))[0]).toMatch(/declared twice/);
  });
});

describe('dynamic configuration', () => {
  test('fromJson keeps nested JSON and fromKeyValues keeps strings', () => {
    expect(DynamicConfig.fromJson({ color: 'blue', nested: { n: [1, 2] } }).json).toBe('{"color":"blue","nested":{"n":[1,2]}}');
    expect(DynamicConfig.fromKeyValues({ color: 'green', size: '16' }).json).toBe('{"color":"green","size":"16"}');
  });
  test('accepts exactly 1024 bytes', () => {
    const config = DynamicConfig.fromJson({ k: 'x'.repeat(1024 - '{"k":""}'.length) });
    expect(config.sizeBytes).toBe(1024);
    expect(treatmentConfigProblems([{ name: 'on', config }])).toEqual([]);
  });
  test('fails over 1 KB (counted in UTF-8 bytes)', () => {
    const config = DynamicConfig.fromJson({ k: 'é'.repeat(510) });
    expect(messages(treatmentConfigProblems([{ name: 'on', config }]))).toEqual([
      `dynamic configuration: treatment "on": configuration is ${config.sizeBytes} bytes, over FME's limit of 1024 bytes per treatment; shrink it`,
    ]);
  });
  test('fails for a JSON array', () => {
    const config = DynamicConfig.fromJson([1, 2] as unknown as { [k: string]: unknown });
    expect(messages(treatmentConfigProblems([{ name: 'on', config }]))[0]).toMatch(/treatment "on": fromJson\(\) needs a JSON object/);
  });
  test('fails for a key-value pair whose value is not a string', () => {
    const config = DynamicConfig.fromKeyValues({ retries: 5 as unknown as string });
    expect(messages(treatmentConfigProblems([{ name: 'on', config }]))[0]).toMatch(/"retries" has a number value; key-value configurations hold strings only/);
  });
  test('fails for a value that cannot be serialized', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const config = DynamicConfig.fromJson(cyclic);
    expect(messages(treatmentConfigProblems([{ name: 'on', config }]))[0]).toMatch(/cannot be serialized as JSON/);
  });
});
