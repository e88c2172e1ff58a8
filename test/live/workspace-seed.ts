/**
 * A workspace made by hand, for the import round trip (test/live/import.test.ts, test/e2e/live.e2e.test.ts).
 */
const JAN1 = Date.UTC(2024, 0, 1);

/** Every matcher family the library has a factory for, one rule each (some negated). */
const RULES = [
  [{ type: 'IN_LIST_STRING', attribute: 'country', strings: ['US', 'CA'] }],
  [{ type: 'IN_LIST_STRING', strings: ['key_1'], negate: true }],
  [{ type: 'STARTS_WITH_STRING', attribute: 'region', strings: ['eu-'] }, { type: 'ENDS_WITH_STRING', attribute: 'email', strings: ['.io'] }],
  [{ type: 'CONTAINS_STRING', attribute: 'ua', strings: ['Mobile'], negate: true }, { type: 'MATCHES_STRING', attribute: 'email', string: '^qa-.*$' }],
  [{ type: 'EQUAL_SET', attribute: 'plans', strings: ['a'] }, { type: 'ANY_OF_SET', attribute: 'plans', strings: ['b'] }],
  [{ type: 'ALL_OF_SET', attribute: 'plans', strings: ['c'] }, { type: 'PART_OF_SET', attribute: 'plans', strings: ['d', 'e'] }],
  [{ type: 'EQUAL_NUMBER', attribute: 'age', number: 30 }, { type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }],
  [{ type: 'LESS_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 65 }, { type: 'BETWEEN_NUMBER', attribute: 'age', between: { from: 20, to: 40 } }],
  [{ type: 'ON_DATE', attribute: 'signup', date: JAN1 }, { type: 'ON_OR_AFTER_DATE', attribute: 'signup', date: JAN1 }],
  [{ type: 'ON_OR_BEFORE_DATE', attribute: 'signup', date: JAN1 }, { type: 'BETWEEN_DATE', attribute: 'signup', between: { from: JAN1, to: JAN1 + 86_400_000 } }],
  [{ type: 'BOOLEAN', attribute: 'beta', bool: true }],
  [{ type: 'IN_SEGMENT', string: 'beta_users' }],
  [{ type: 'IN_SPLIT', depends: { splitName: 'base_flag', treatment: 'on' } }],
  [{ type: 'EQUAL_TO_SEMVER', attribute: 'app', string: '1.2.3' }, { type: 'GREATER_THAN_OR_EQUAL_TO_SEMVER', attribute: 'app', string: '1.0.0' }],
  [{ type: 'LESS_THAN_OR_EQUAL_TO_SEMVER', attribute: 'app', string: '9.0.0' }, { type: 'BETWEEN_SEMVER', attribute: 'app', betweenString: { from: '1.0.0', to: '2.0.0' } }],
  [{ type: 'IN_LIST_SEMVER', attribute: 'app', strings: ['1.0.0', '1.1.0'] }],
  [{ type: 'IN_RULE_BASED_SEGMENT', string: 'grown_ups' }],
];

/** An Admin API call: `{ws}` in the path stands for the workspace id. */
export type AdminCall = (method: string, apiPath: string, body?: unknown) => Promise<any>;

/**
 * Builds, by hand through the Admin API as a team without code would have, a workspace with every
 * feature \`cdktf-fme import\` turns into code: flags \`base_flag\` and \`everything\` (every matcher
 * family, configs, targets, baseline, limit exposure, a prerequisite, a kill in Production), segment \`beta_users\`
 * and rule-based segment \`grown_ups\` (rules, an excluded key, the excluded segment \`beta_users\`).
 */
export async function seedEveryFeature(admin: AdminCall): Promise<void> {
  const envs: Array<{ id: string; name: string }> = await admin('GET', '/environments/ws/{ws}');
  await admin('POST', '/segments/ws/{ws}/trafficTypes/user', { name: 'beta_users', description: 'beta testers' });
  for (const env of envs) await admin('POST', `/segments/${env.id}/beta_users`);
  // FME shows a just-activated segment's keys only after a moment (the strict emulator: after a few
  // key calls); a person seeding by hand would not see the lag, so wait it out in every environment.
  for (const env of envs) {
    for (let attempt = 1; attempt <= 10; attempt++) {
      try {
        await admin('GET', `/segments/${env.id}/beta_users/keys`);
        break;
      } catch (e) {
        if (attempt >= 10) throw e;
      }
    }
  }
  const prod = envs.find((e) => e.name === 'Production')!.id;
  // A newly activated segment takes a few calls to accept keys (FME's lag, which the strict emulator copies).
  for (let attempt = 1; ; attempt++) {
    try {
      await admin('PUT', `/segments/${prod}/beta_users/uploadKeys?replace=false`, { keys: ['u1', 'u2'], title: 't', comment: 'c' });
      break;
    } catch (e) {
      if (attempt >= 10) throw e;
    }
  }
  const note = { title: 'by hand', comment: 'set up in the UI' };
  await admin('POST', '/rule-based-segments/ws/{ws}/trafficTypes/user', { name: 'grown_ups', description: 'adults, not beta testers' });
  for (const env of envs) {
    await admin('POST', `/rule-based-segments/${env.id}/grown_ups`);
    await admin('PUT', `/rule-based-segments/ws/{ws}/grown_ups/environments/${env.id}`, {
      ...note,
      rules: [{ condition: { combiner: 'AND', matchers: [{ type: 'GREATER_THAN_OR_EQUAL_NUMBER', attribute: 'age', number: 18 }] } }],
      excludedKeys: ['qa_minor'],
      excludedSegments: [{ name: 'beta_users', type: 'standard_segment' }],
    });
  }
  await admin('POST', '/splits/ws/{ws}/trafficTypes/user', { name: 'base_flag', description: 'a base flag' });
  for (const environment of ['Staging', 'Production']) {
    await admin('POST', `/splits/ws/{ws}/base_flag/environments/${environment}`, {
      ...note, treatments: [{ name: 'on' }, { name: 'off' }], defaultTreatment: 'off', rules: [], defaultRule: [{ treatment: 'on', size: 100 }],
    });
  }
  await admin('POST', '/splits/ws/{ws}/trafficTypes/user', { name: 'everything', description: 'every feature' });
  await admin('PATCH', '/splits/ws/{ws}/everything', [{ op: 'add', path: '/tags', value: [{ name: 'team-shop' }] }]);
  for (const environment of ['Staging', 'Production']) {
    await admin('POST', `/splits/ws/{ws}/everything/environments/${environment}`, {
      ...note,
      treatments: [
        { name: 'on', configurations: '{"color":"blue","size":2}', keys: ['qa_alice'], segments: ['beta_users'] },
        { name: 'off', description: 'the old one', keys: ['qa_bob'] },
        { name: 'v2' },
      ],
      defaultTreatment: 'off',
      baselineTreatment: 'off',
      trafficAllocation: 80,
      rules: RULES.map((matchers, i) => ({
        condition: { combiner: 'AND', matchers },
        buckets: i % 2 === 0 ? [{ treatment: 'on', size: 100 }] : [{ treatment: 'v2', size: 30 }, { treatment: 'off', size: 70 }],
      })),
      defaultRule: [{ treatment: 'on', size: 25 }, { treatment: 'off', size: 75 }],
      prerequisites: [{ flagName: 'base_flag', treatments: ['on', 'off'] }],
    });
  }
  await admin('PUT', '/splits/ws/{ws}/everything/environments/Production/kill', note);
}
