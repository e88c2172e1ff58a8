import { Matcher } from '../../src/model/matcher';
import { formatProblem } from '../../src/model/problem';
import { keysFileContent, MAX_LARGE_SEGMENT_KEYS, parseLargeSegmentKeys } from '../../src/model/rules/large-segment-keys';

const messages = (content: string) => parseLargeSegmentKeys(content, 'keys file k.csv').problems.map(formatProblem);

describe('large segment keys file', () => {
  test('one key per line, LF or CRLF, final newline optional', () => {
    expect(parseLargeSegmentKeys('a\nb\r\nc', 'f')).toEqual({ keys: ['a', 'b', 'c'], problems: [] });
    expect(parseLargeSegmentKeys('a\nb\n', 'f').keys).toEqual(['a', 'b']);
    expect(keysFileContent(['a', 'b'])).toBe('a\nb\n');
  });

  test.each<[string, string, string]>([
    ['an empty line', 'a\n\nb\n', 'large segment keys: keys file k.csv, line 2: empty line; remove it (every line is one key)'],
    ['a duplicate', 'a\nb\na\n', 'large segment keys: keys file k.csv, line 3: duplicate key "a"; list each key once'],
    ['blanks around a key', 'a\n b\n', 'large segment keys: keys file k.csv, line 2: leading or trailing blanks; an SDK key "b" would not match'],
    ['a comma (CSV column)', 'a,b\n', 'large segment keys: keys file k.csv, line 1: comma or double quote; the file is uploaded as a one-column CSV, one key per line'],
    ['no key at all', '', 'large segment keys: keys file k.csv: the file holds no key; a large segment in an environment needs at least one'],
  ])('refuses %s', (_, content, message) => {
    expect(messages(content)).toEqual([message]);
  });

  test('refuses more keys than FME allows, and stops listing line problems after five', () => {
    const tooMany = Array.from({ length: MAX_LARGE_SEGMENT_KEYS + 1 }, (_, i) => `k${i}`).join('\n');
    expect(messages(tooMany)).toEqual([`large segment keys: keys file k.csv: ${MAX_LARGE_SEGMENT_KEYS + 1} keys; FME allows at most 1000000 per large segment unless raised for the account`]);
    expect(messages('\n\n\n\n\n\n\n\n')).toHaveLength(5);
  });
});

describe('Matcher.inLargeSegment', () => {
  test('is an IN_LARGE_SEGMENT matcher naming the large segment', () => {
    expect(Matcher.inLargeSegment('vip_customers')._spec).toEqual({ type: 'IN_LARGE_SEGMENT', string: 'vip_customers' });
  });

  test('an empty name is a matchers problem', () => {
    expect(Matcher.inLargeSegment('')._problems.map(formatProblem)).toEqual(['matchers: in large segment: the large segment name is empty; name the large segment']);
  });
});
