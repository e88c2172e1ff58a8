import { formatProblem, Problem } from '../../src/model/problem';
import { environmentProblems, trafficTypeProblems, workspaceNameProblems } from '../../src/model/rules/names';
import { treatmentNameProblems } from '../../src/model/rules/treatment-names';

const messages = (ps: Problem[]) => ps.map(formatProblem);
const LONG = 'a'.repeat(101);

describe('environment names: 1 to 100 characters, path-safe', () => {
  test.each(['Production', 'Pre Prod', 'prod.eu', '...', 'a..b', 'Ünïcode', 'e'.repeat(100), '5f3c2b1a-0000-4000-8000-000000000000'])('%j passes', (name) => {
    expect(environmentProblems(name)).toEqual([]);
  });

  test.each<[string, RegExp]>([
    ['..', /^environment: "\.\." is not a valid environment name or id; "\." and "\.\." cannot be names: in a URL path/],
    ['.', /^environment: "\." is not a valid environment name or id; "\." and "\.\." cannot be names/],
    ['a/b', /^environment: "a\/b" is not a valid environment name or id; it contains "\/"; a name that becomes part of a URL path must not contain \/, \\, \?, #, % or control characters$/],
    ['a?b', /^environment: "a\?b" is not a valid environment name or id; it contains "\?"/],
    ['a#b', /^environment: "a#b" .*it contains "#"/],
    ['a%2Fb', /^environment: "a%2Fb" .*it contains "%"/],
    ['a\\b', /^environment: "a\\\\b" .*it contains "\\\\"/],
    ['tab\there', /^environment: "tab\\there" .*it contains the control character U\+0009/],
    ['del\u007f', /control character U\+007F/],
    [LONG, /^environment: "a{20}…" is not a valid environment name or id; it is 101 characters, at most 100 are allowed$/],
    [' lead', /^environment: " lead" is not a valid environment name or id; remove the leading and trailing whitespace$/],
    ['trail ', /remove the leading and trailing whitespace/],
    ['', /^environment: "" is not a valid environment name or id; give the name as FME shows it \(1 to 100 characters\)$/],
  ])('%j fails, naming the rule', (name, message) => {
    expect(messages(environmentProblems(name))).toEqual([expect.stringMatching(message)]);
  });

  test('a 100,000-character name fails with a short message', () => {
    const [m] = messages(environmentProblems('x'.repeat(100_000)));
    expect(m).toMatch(/it is 100000 characters, at most 100 are allowed/);
    expect(m.length).toBeLessThan(200);
  });
});

describe('workspace names: 1 to 100 characters, path-safe', () => {
  test.each(['Default', 'Platform Team', 'w'.repeat(100)])('%j passes', (name) => {
    expect(workspaceNameProblems(name)).toEqual([]);
  });

  test.each<[string, RegExp]>([
    ['..', /^workspace name: "\.\." is not a valid workspace name; "\." and "\.\." cannot be names/],
    ['.', /^workspace name: "\." is not a valid workspace name; "\." and "\.\." cannot be names/],
    ['a/b', /^workspace name: "a\/b" is not a valid workspace name; it contains "\/"/],
    ['a?b', /^workspace name: "a\?b" is not a valid workspace name; it contains "\?"/],
    [LONG, /^workspace name: "a{20}…" is not a valid workspace name; it is 101 characters, at most 100 are allowed$/],
    [' lead', /^workspace name: " lead" is not a valid workspace name; remove the leading and trailing whitespace$/],
    ['', /^workspace name: "" is not a valid workspace name; give the name/],
  ])('%j fails, naming the rule', (name, message) => {
    expect(messages(workspaceNameProblems(name))).toEqual([expect.stringMatching(message)]);
  });
});

describe('traffic type names: the flag-name pattern and at most 100 characters', () => {
  test.each(['user', 'account', 'Device_2-x', 't'.repeat(100)])('%j passes', (name) => {
    expect(trafficTypeProblems(name)).toEqual([]);
  });

  test.each(['..', '.', 'a/b', 'a?b', ' lead'])('%j fails the pattern', (name) => {
    expect(messages(trafficTypeProblems(name))).toEqual([`traffic type: ${JSON.stringify(name)} is not a valid traffic type name; start with a letter and use only letters, digits, "-" and "_"`]);
  });

  test('a 101-character name fails the length limit', () => {
    expect(messages(trafficTypeProblems(LONG))).toEqual(['traffic type: "aaaaaaaaaaaaaaaaaaaa…" is 101 characters; a traffic type name has at most 100']);
  });
});

describe('treatment names: at most 100 characters', () => {
  const named = (...names: string[]) => names.map((name) => ({ name }));

  test('a 100-character name passes', () => {
    expect(treatmentNameProblems(named('t'.repeat(100), 'off'))).toEqual([]);
  });

  test.each(['..', '.', 'a/b', 'a?b', ' lead'])('%j fails the pattern', (name) => {
    expect(messages(treatmentNameProblems(named(name, 'off')))).toEqual([expect.stringMatching(/^treatment names: .* is not a valid treatment name; start with a letter or digit/)]);
  });

  test.each([101, 100_000])('a %d-character name fails with a short message', (length) => {
    const [m, ...rest] = messages(treatmentNameProblems(named('t'.repeat(length), 'off')));
    expect(rest).toEqual([]);
    expect(m).toBe(`treatment names: "tttttttttttttttttttt…" is ${length} characters; a treatment name has at most 100`);
  });
});
