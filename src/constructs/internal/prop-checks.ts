import { IConstruct } from 'constructs';
import { FmeValidationError } from '../../model/errors';
import { formatProblem, problem, Problem } from '../../model/problem';
import { RolloutStatus } from '../../model/rollout-status';
import { ChangeRequestSchedule } from '../change-request-schedule';
import { BackingResource, ExistingObjectPolicy, RemovalPolicy } from '../policies';

/**
 * Run-time checks of construct props for callers without TypeScript's compiler (plain JavaScript,
 * and mistakes that reach the library through `any`): jsii props interfaces are erased at run
 * time, so a typo'd prop (`defualtTreatment`) or a wrong enum string (`removalPolicy: 'keep'`)
 * would otherwise be ignored without a word. Props from jsii languages arrive checked by jsii
 * already; these checks pass them.
 *
 * The key lists below are the one place that repeats the props interfaces;
 * test/constructs/prop-checks.test.ts compares each with the jsii assembly, so they cannot drift.
 */

/** An enum-like value: a string enum, or a class whose values are its instances. */
interface ValueKind {
  /** The type's name in messages, e.g. `RemovalPolicy`. */
  readonly typeName: string;
  readonly isValid: (value: unknown) => boolean;
  /** The valid values, as the user writes them. */
  readonly valid: string;
}

/** One props interface: its keys, its enum-like props, and its props that hold lists of structs. */
export interface PropsShape {
  /** The interface's name, as in the jsii assembly (`cdktf-harness-fme.<name>`). */
  readonly name: string;
  readonly keys: readonly string[];
  readonly values?: Readonly<Record<string, ValueKind>>;
  readonly lists?: Readonly<Record<string, PropsShape>>;
  /** Props that map names to structs (`environmentOptions`): each value is checked. */
  readonly maps?: Readonly<Record<string, PropsShape>>;
}

function stringEnum(typeName: string, members: Record<string, string>): ValueKind {
  const values = Object.values(members);
  return {
    typeName,
    isValid: (value) => typeof value === 'string' && values.includes(value),
    valid: Object.entries(members).map(([member, value]) => `${typeName}.${member} ('${value}')`).join(', '),
  };
}

const REMOVAL_POLICY = stringEnum('RemovalPolicy', RemovalPolicy);
const ROLLOUT_STATUS: ValueKind = {
  typeName: 'RolloutStatus',
  isValid: (value) => value instanceof RolloutStatus,
  valid: `${Object.keys(RolloutStatus).map((member) => `RolloutStatus.${member}`).join(', ')}, or RolloutStatus.named('<custom status>')`,
};

const FLAG_ENVIRONMENT_KEYS = ['flag', 'flagName', 'trafficType', 'environment'];

export const TREATMENT: PropsShape = { name: 'Treatment', keys: ['name', 'description', 'config'] };
export const INDIVIDUAL_TARGET: PropsShape = { name: 'IndividualTarget', keys: ['treatment', 'keys', 'segments'] };
export const SEGMENT_ENVIRONMENT_KEYS: PropsShape = { name: 'SegmentEnvironmentKeys', keys: ['environment', 'keys'] };
export const LARGE_SEGMENT_ENVIRONMENT_KEYS: PropsShape = { name: 'LargeSegmentEnvironmentKeys', keys: ['environment', 'keysFile'] };

export const FEATURE_FLAG_PROPS: PropsShape = {
  name: 'FeatureFlagProps',
  keys: ['flagName', 'trafficType', 'description', 'owners', 'tags', 'rolloutStatus', 'treatments', 'removalPolicy', 'transferFrom'],
  values: { rolloutStatus: ROLLOUT_STATUS, removalPolicy: REMOVAL_POLICY },
  lists: { treatments: TREATMENT },
};

export const ROLLOUT_PLAN_PROPS: PropsShape = {
  name: 'RolloutPlanProps',
  keys: [...FLAG_ENVIRONMENT_KEYS, 'treatments', 'defaultTreatment', 'baselineTreatment', 'limitExposure', 'individualTargets', 'rules',
    'defaultRule', 'trackImpressions', 'prerequisites', 'flagSets', 'removalPolicy', 'transferFrom'],
  values: { removalPolicy: REMOVAL_POLICY },
  lists: { treatments: TREATMENT, individualTargets: INDIVIDUAL_TARGET },
};

export const INDIVIDUAL_TARGETS_PROPS: PropsShape = {
  name: 'IndividualTargetsProps',
  keys: [...FLAG_ENVIRONMENT_KEYS, 'targets', 'add', 'remove'],
  lists: { targets: INDIVIDUAL_TARGET, add: INDIVIDUAL_TARGET, remove: INDIVIDUAL_TARGET },
};

export const DEFAULT_ALLOCATION_PROPS: PropsShape = { name: 'DefaultAllocationProps', keys: [...FLAG_ENVIRONMENT_KEYS, 'allocations'] };

export const KILL_SWITCH_PROPS: PropsShape = { name: 'KillSwitchProps', keys: [...FLAG_ENVIRONMENT_KEYS, 'killed'] };

export const SEGMENT_PROPS: PropsShape = {
  name: 'SegmentProps',
  keys: ['segmentName', 'trafficType', 'description', 'environmentKeys', 'removalPolicy', 'transferFrom'],
  values: { removalPolicy: REMOVAL_POLICY },
  lists: { environmentKeys: SEGMENT_ENVIRONMENT_KEYS },
};

export const FLAG_SET_PROPS: PropsShape = {
  name: 'FlagSetProps',
  keys: ['flagSetName', 'description', 'removalPolicy', 'transferFrom'],
  values: { removalPolicy: REMOVAL_POLICY },
};

export const RULE_BASED_SEGMENT_ENVIRONMENT: PropsShape = {
  name: 'RuleBasedSegmentEnvironment',
  keys: ['environment', 'rules', 'excludedKeys', 'excludedSegments'],
};

export const RULE_BASED_SEGMENT_PROPS: PropsShape = {
  name: 'RuleBasedSegmentProps',
  keys: ['segmentName', 'trafficType', 'description', 'environments', 'removalPolicy', 'transferFrom'],
  values: { removalPolicy: REMOVAL_POLICY },
  lists: { environments: RULE_BASED_SEGMENT_ENVIRONMENT },
};

export const LARGE_SEGMENT_PROPS: PropsShape = {
  name: 'LargeSegmentProps',
  keys: ['largeSegmentName', 'trafficType', 'description', 'environmentKeys', 'removalPolicy', 'transferFrom'],
  values: { removalPolicy: REMOVAL_POLICY },
  lists: { environmentKeys: LARGE_SEGMENT_ENVIRONMENT_KEYS },
};

export const FME_ENVIRONMENT_OPTIONS: PropsShape = {
  name: 'FmeEnvironmentOptions',
  keys: ['approvers', 'changeTitle', 'changeComment', 'schedule'],
  values: { schedule: { typeName: 'ChangeRequestSchedule', isValid: (v) => v instanceof ChangeRequestSchedule, valid: 'ChangeRequestSchedule.at(date, timeZone)' } },
};

export const FME_CONFIG_PROPS: PropsShape = {
  name: 'FmeConfigProps',
  keys: ['workspaceName', 'workspaceId', 'apiBaseUrl', 'endpoint', 'organizationIdentifier', 'projectIdentifier', 'approvers', 'changeTitle',
    'changeComment', 'environmentOptions', 'failUntilApproved', 'apiKeyEnvVar', 'backing', 'removalPolicy', 'existingObjects',
    'approvalEnvironments', 'maxRetryDurationSeconds', 'stackId', 'transferFrom', 'lookupContextFile', 'checkLookups'],
  maps: { environmentOptions: FME_ENVIRONMENT_OPTIONS },
  values: {
    backing: stringEnum('BackingResource', BackingResource),
    removalPolicy: REMOVAL_POLICY,
    existingObjects: stringEnum('ExistingObjectPolicy', ExistingObjectPolicy),
  },
};

/** Every props interface checked at run time (the test compares each with the jsii assembly). */
export const CHECKED_PROPS: readonly PropsShape[] = [
  FEATURE_FLAG_PROPS, ROLLOUT_PLAN_PROPS, INDIVIDUAL_TARGETS_PROPS, DEFAULT_ALLOCATION_PROPS, KILL_SWITCH_PROPS, SEGMENT_PROPS, FLAG_SET_PROPS,
  LARGE_SEGMENT_PROPS, FME_CONFIG_PROPS,
  TREATMENT, INDIVIDUAL_TARGET, SEGMENT_ENVIRONMENT_KEYS, LARGE_SEGMENT_ENVIRONMENT_KEYS, FME_ENVIRONMENT_OPTIONS, RULE_BASED_SEGMENT_PROPS,
  RULE_BASED_SEGMENT_ENVIRONMENT,
];

/**
 * Throws an `FmeValidationError` (rule `props`, naming the construct path) when `props` has a key
 * `shape` does not declare, or an enum-like prop holds a value that is not one of the type's.
 */
export function checkProps(construct: IConstruct, shape: PropsShape, props: unknown): void {
  // Thrown here rather than through ./validation, which imports FmeConfig: FmeConfig checks its props too.
  const problems = propsProblems(shape, props, shape.name);
  if (problems.length > 0) throw new FmeValidationError(construct.node.path, problems.map(formatProblem));
}

/** The problems of `props` against `shape`; `where` names the props in messages (`RolloutPlanProps`, `treatments[1]`). */
export function propsProblems(shape: PropsShape, props: unknown, where: string): Problem[] {
  if (props === undefined || props === null) return [];
  if (typeof props !== 'object' || Array.isArray(props)) {
    return [problem('props', `${where} must be an object with the props ${shape.keys.join(', ')}, not ${JSON.stringify(props)}`)];
  }
  const record = props as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(record)) {
    if (!shape.keys.includes(key)) {
      const hint = closest(key, shape.keys);
      problems.push(problem('props', `unknown prop "${key}" in ${where}${hint ? ` (did you mean "${hint}"?)` : ''}; `
        + `${shape.name} has ${[...shape.keys].sort().join(', ')}`));
    }
  }
  for (const [key, kind] of Object.entries(shape.values ?? {})) {
    const value = record[key];
    if (value !== undefined && !kind.isValid(value)) {
      problems.push(problem('props', `${key} ${describe(value)} in ${where} is not a ${kind.typeName}; use one of ${kind.valid}`));
    }
  }
  for (const [key, item] of Object.entries(shape.lists ?? {})) {
    const list = record[key];
    if (Array.isArray(list)) list.forEach((entry, i) => problems.push(...propsProblems(item, entry, `${key}[${i}]`)));
  }
  for (const [key, item] of Object.entries(shape.maps ?? {})) {
    const map = record[key];
    if (map !== null && typeof map === 'object') {
      for (const [name, entry] of Object.entries(map)) problems.push(...propsProblems(item, entry, `${key}[${JSON.stringify(name)}]`));
    }
  }
  return problems;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? `(an object: ${JSON.stringify(value)})` : String(value);
}

/** The declared key a typo most likely meant: same letters ignoring case, or at most two edits away. */
function closest(key: string, keys: readonly string[]): string | undefined {
  const exact = keys.find((k) => k.toLowerCase() === key.toLowerCase());
  if (exact) return exact;
  const ranked = keys.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  return ranked.length > 0 && ranked[0].d <= 2 ? ranked[0].k : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
