import * as fs from 'fs';
import * as path from 'path';
import { RULE_IDS } from '../../src/model/rules/rule-ids';

/** docs/rules.md describes every rule id, and only those: users look the id of a message up there. */
test('every rule id has its section in docs/rules.md, and every section is a rule id', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  const sections = [...doc.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
  expect([...sections].sort()).toEqual([...RULE_IDS].sort());
});

test('rule ids are unique', () => {
  expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
});
