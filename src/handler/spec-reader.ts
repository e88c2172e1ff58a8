import { HandlerError } from './errors';
import {
  FlagResourceSpec, FlagSetResourceSpec, InventorySpec, LargeSegmentResourceSpec, ResourceSpec, RuleBasedSegmentResourceSpec, SegmentResourceSpec,
  SPEC_VERSION,
} from '../spec/resource-spec';

/**
 * Reads and checks a resource spec from an environment variable. The check is structural
 * (version, kind, the fields the handler relies on); the model validated the content at synth
 * time. Older versions stay readable: a destroy provisioner replays the spec stored in old state.
 */
export function readSpec(variable: string, env: NodeJS.ProcessEnv): ResourceSpec {
  const text = env[variable];
  if (!text) {
    throw new HandlerError(`${variable} is not set: the handler expects the resource spec JSON in it (it is set by the synthesized Terraform resource).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new HandlerError(`${variable} is not valid JSON (${(e as Error).message}).`);
  }
  return checkSpec(parsed, variable);
}

/**
 * Reads a spec from the file named by `variable` (a path relative to the working directory, the
 * stack folder). A missing file is an error, never an empty inventory: reconciling against
 * nothing would delete everything the stack owns.
 */
export function readSpecFile(variable: string, env: NodeJS.ProcessEnv): ResourceSpec {
  const file = env[variable];
  if (!file) {
    throw new HandlerError(`${variable} is not set: the handler expects the path of the inventory file written by cdktf synth.`);
  }
  let text: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    text = (require('fs') as typeof import('fs')).readFileSync(file, 'utf8');
  } catch (e) {
    throw new HandlerError(`cannot read ${file} (${variable}): ${(e as Error).message}. It is written by cdktf synth next to cdk.tf.json; `
      + 're-run cdktf synth (or cdktf deploy/destroy, which synthesize first). Nothing was deleted.');
  }
  return readSpec(variable, { [variable]: text });
}

/**
 * What flag and segment specs share: the name, policies, optional metadata and the environment
 * list, each part with its environment and removal policy. Returns the parts for the kind's own checks.
 */
function checkObjectParts(c: Checker, spec: Record<string, any>, nameField: 'flagName' | 'segmentName'): Array<Record<string, any>> {
  c.string(spec[nameField], nameField);
  c.stack(spec);
  if (spec.transferFrom !== undefined) c.array(spec.transferFrom, 'transferFrom').forEach((s, i) => c.string(s, `transferFrom[${i}]`));
  c.oneOf(spec.removalPolicy, POLICIES, 'removalPolicy');
  c.oneOf(spec.existing, ['adopt', 'fail'], 'existing');
  if (spec.metadata !== undefined) c.string(c.object(spec.metadata, 'metadata').trafficType, 'metadata.trafficType');
  return c.array(spec.environments, 'environments').map((p, i) => {
    const part = c.object(p, `environments[${i}]`);
    c.string(part.environment, `environments[${i}].environment`);
    c.oneOf(part.removalPolicy, POLICIES, `environments[${i}].removalPolicy`);
    return part;
  });
}

class Checker {
  constructor(private readonly variable: string) {}

  public fail(where: string, problem: string): never {
    throw new HandlerError(`${this.variable} is not a valid resource spec: ${where} ${problem}. Re-synthesize the stack with this version of cdktf-harness-fme.`);
  }

  public object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(where, 'must be an object');
    return value as Record<string, unknown>;
  }

  public string(value: unknown, where: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(where, 'must be a non-empty string');
    return value;
  }

  public optionalString(value: unknown, where: string): void {
    if (value !== undefined) this.string(value, where);
  }

  public oneOf(value: unknown, allowed: readonly string[], where: string): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(where, `must be one of ${allowed.join(', ')}`);
  }

  /** Version 2 added the owning stack; version 1 specs (replayed from old state) have none. */
  public stack(spec: Record<string, unknown>): void {
    if ((spec.v as number) >= 2 || spec.stack !== undefined) this.string(spec.stack, 'stack');
  }

  public array(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'must be an array');
    return value;
  }
}

// `archive` since flags can be archived instead of deleted (docs/fme-api.md#archive-and-unarchive).
const POLICIES = ['destroy', 'retain', 'archive'] as const;

export function checkSpec(value: unknown, variable: string): ResourceSpec {
  const c = new Checker(variable);
  const spec = c.object(value, 'the document');
  if (typeof spec.v !== 'number' || !Number.isInteger(spec.v) || spec.v < 1) c.fail('v', 'must be a positive integer');
  if ((spec.v as number) > SPEC_VERSION) {
    throw new HandlerError(`${variable} has spec version ${spec.v}, newer than this handler understands (${SPEC_VERSION}). Synthesize and deploy with the same cdktf-harness-fme version.`);
  }
  const target = c.object(spec.target, 'target');
  c.string(target.apiBaseUrl, 'target.apiBaseUrl');
  if (!/^https?:\/\//.test(target.apiBaseUrl as string)) c.fail('target.apiBaseUrl', 'must be an http(s) URL');
  c.string(target.apiKeyEnvVar, 'target.apiKeyEnvVar');
  c.optionalString(target.workspaceId, 'target.workspaceId');
  c.optionalString(target.workspaceName, 'target.workspaceName');
  if (target.harnessProject !== undefined) {
    const project = c.object(target.harnessProject, 'target.harnessProject');
    c.string(project.organizationIdentifier, 'target.harnessProject.organizationIdentifier');
    c.string(project.projectIdentifier, 'target.harnessProject.projectIdentifier');
  }
  if (target.workspaceId === undefined && target.workspaceName === undefined && target.harnessProject === undefined) {
    c.fail('target', 'needs workspaceId, harnessProject or workspaceName');
  }
  if (target.authScheme !== undefined) c.oneOf(target.authScheme, ['x-api-key', 'bearer'], 'target.authScheme');
  if (typeof target.maxRetrySeconds !== 'number' || !(target.maxRetrySeconds > 0)) c.fail('target.maxRetrySeconds', 'must be a positive number');

  switch (spec.kind) {
    case 'flag': {
      checkObjectParts(c, spec, 'flagName').forEach((part, i) => {
        c.oneOf(part.writeMode, ['direct', 'changeRequest'], `environments[${i}].writeMode`);
        for (const field of ['definition', 'initialDefinition']) {
          if (part[field] === undefined) continue;
          const d = c.object(part[field], `environments[${i}].${field}`);
          c.array(d.treatments, `environments[${i}].${field}.treatments`);
          c.string(d.defaultTreatment, `environments[${i}].${field}.defaultTreatment`);
          c.array(d.defaultRule, `environments[${i}].${field}.defaultRule`);
        }
      });
      return spec as unknown as FlagResourceSpec;
    }
    case 'segment': {
      checkObjectParts(c, spec, 'segmentName').forEach((part, i) => {
        if (part.writeMode !== undefined) c.oneOf(part.writeMode, ['direct', 'changeRequest'], `environments[${i}].writeMode`);
        for (const field of ['keys', 'addKeys', 'removeKeys']) {
          if (part[field] !== undefined) c.array(part[field], `environments[${i}].${field}`);
        }
      });
      return spec as unknown as SegmentResourceSpec;
    }
    case 'flagSet': {
      c.string(spec.flagSetName, 'flagSetName');
      c.stack(spec);
      if (spec.transferFrom !== undefined) c.array(spec.transferFrom, 'transferFrom').forEach((s, i) => c.string(s, `transferFrom[${i}]`));
      c.oneOf(spec.removalPolicy, POLICIES, 'removalPolicy');
      c.oneOf(spec.existing, ['adopt', 'fail'], 'existing');
      c.optionalString(spec.description, 'description');
      return spec as unknown as FlagSetResourceSpec;
    }
    case 'ruleBasedSegment': {
      checkObjectParts(c, spec, 'segmentName').forEach((part, i) => {
        if (part.writeMode !== undefined) c.oneOf(part.writeMode, ['direct', 'changeRequest'], `environments[${i}].writeMode`);
        if (part.definition !== undefined) c.array(c.object(part.definition, `environments[${i}].definition`).rules, `environments[${i}].definition.rules`);
      });
      c.object(spec.metadata, 'metadata');
      return spec as unknown as RuleBasedSegmentResourceSpec;
    }
    case 'largeSegment': {
      c.object(spec.metadata, 'metadata');
      checkObjectParts(c, spec, 'segmentName').forEach((part, i) => {
        if (part.writeMode !== undefined) c.oneOf(part.writeMode, ['direct', 'changeRequest'], `environments[${i}].writeMode`);
        // The destroy identity kept in state carries no file (empty strings): only converge reads them.
        if (typeof part.keysFile !== 'string' || typeof part.sha256 !== 'string') c.fail(`environments[${i}]`, 'must name keysFile and sha256');
      });
      return spec as unknown as LargeSegmentResourceSpec;
    }
    case 'inventory': {
      c.stack(spec);
      if (spec.elsewhere !== undefined) {
        c.array(spec.elsewhere, 'elsewhere').forEach((o, i) => {
          const entry = c.object(o, `elsewhere[${i}]`);
          c.string(entry.stack, `elsewhere[${i}].stack`);
          c.oneOf(entry.t, ['flag', 'definition', 'segment', 'flagSet', 'ruleBasedSegment', 'largeSegment'], `elsewhere[${i}].t`);
        });
      }
      c.array(spec.objects, 'objects').forEach((o, i) => {
        const entry = c.object(o, `objects[${i}]`);
        c.oneOf(entry.t, ['flag', 'definition', 'segment', 'segmentDefinition', 'flagSet', 'ruleBasedSegment', 'ruleBasedSegmentDefinition',
          'largeSegment', 'largeSegmentDefinition'], `objects[${i}].t`);
        c.oneOf(entry.policy, POLICIES, `objects[${i}].policy`);
        if (entry.t === 'flag' || entry.t === 'definition') c.string(entry.flag, `objects[${i}].flag`);
        else if (entry.t === 'flagSet') c.string(entry.flagSet, `objects[${i}].flagSet`);
        else c.string(entry.segment, `objects[${i}].segment`);
        if (entry.t === 'definition' || entry.t === 'segmentDefinition' || entry.t === 'ruleBasedSegmentDefinition' || entry.t === 'largeSegmentDefinition') {
          c.string(entry.env, `objects[${i}].env`);
        }
      });
      return spec as unknown as InventorySpec;
    }
    default:
      return c.fail('kind', 'must be flag, segment, ruleBasedSegment, largeSegment, flagSet or inventory');
  }
}
