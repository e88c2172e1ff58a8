/**
 * The rule-based segment's `converge` step (docs/fme-api.md#rule-based-segments): create it when
 * missing (the owner marker in its description is the ownership record, docs/ownership.md), then
 * in each declared environment activate it and replace its definition when it differs — through a
 * change request (key `ruleBasedSegment`) in approval-gated environments.
 */
import { FmeApiError } from '../../client/errors';
import { RuleBasedSegmentsApi } from '../../client/rule-based-segments';
import { claimDecision, Ownership } from '../../model/ownership';
import type { RuleBasedSegmentEnvironmentSpec, RuleBasedSegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { scheduleOf } from '../flag/change-request';
import { settleClaim, stackOf } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { ruleBasedDiffers } from './definition';
import { ownerInDescription, withOwnerMarker } from '../segment/owner-marker';

export function ruleBasedLabel(name: string, environment?: string): string {
  return environment === undefined ? `rule-based segment ${name}` : `rule-based segment ${name} / ${environment}`;
}

export async function convergeRuleBasedSegment(ctx: HandlerContext, spec: RuleBasedSegmentResourceSpec): Promise<void> {
  const api = new RuleBasedSegmentsApi(ctx.client);
  await ctx.step(ruleBasedLabel(spec.segmentName), () => ensureRuleBasedSegment(ctx, api, spec));
  const waiting: string[] = [];
  for (const part of spec.environments) {
    const outcome = await ctx.step(ruleBasedLabel(spec.segmentName, part.environment), () => convergeEnvironment(ctx, api, spec.segmentName, part));
    if (outcome.startsWith('change request') && part.changeDetails?.failUntilApproved) waiting.push(part.environment);
  }
  if (waiting.length > 0) {
    throw new HandlerError(`Rule-based segment "${spec.segmentName}" waits for approval in ${waiting.join(', ')}: its rules are not in FME yet. ` +
      'Approve the change request in FME, then deploy again (FmeConfig failUntilApproved makes the deploy fail until then).');
  }
}

/**
 * Creates the segment with the owner marker, or checks the marker of the live one. FME offers no
 * documented way to change a rule-based segment's description or tags, so a segment taken over
 * keeps naming its earlier owner (a warning says so; docs/ownership.md, "Limits").
 */
async function ensureRuleBasedSegment(ctx: HandlerContext, api: RuleBasedSegmentsApi, spec: RuleBasedSegmentResourceSpec): Promise<string> {
  const stack = stackOf(spec);
  const { live, created } = await readOrCreate(
    () => api.get(ctx.workspaceId, spec.segmentName),
    () => api.create(ctx.workspaceId, spec.metadata.trafficType, spec.segmentName, withOwnerMarker(spec.metadata.description, stack)));
  const owner = created ? stack : ownerInDescription(live.description);
  const decision = claimDecision(created ? undefined : ruleBasedOwnership(live.description), stack, spec.transferFrom ?? [], spec.existing === 'adopt');
  const label = `Rule-based segment "${spec.segmentName}"`;
  const note = settleClaim(decision, { label, construct: 'RuleBasedSegment' }, stack);
  const liveType = live.trafficType?.name;
  if (liveType !== undefined && liveType !== spec.metadata.trafficType) {
    throw new HandlerError(`${label} has traffic type ${liveType} in FME, not ${spec.metadata.trafficType}; FME cannot change it: rename the segment or use its traffic type.`);
  }
  if (!created && owner !== stack) {
    ctx.log.warn(`${label}: no Admin API endpoint changes a rule-based segment's description, so stack "${stack}" cannot be recorded as its owner in FME; ` +
      'the record lives only in this stack\'s inventory.');
  }
  return created ? 'created' : note ?? 'unchanged';
}

async function convergeEnvironment(
  ctx: HandlerContext, api: RuleBasedSegmentsApi, name: string, part: RuleBasedSegmentEnvironmentSpec,
): Promise<string> {
  const desired = part.definition;
  if (!desired) throw new HandlerError(`the spec of rule-based segment "${name}" has no definition for environment "${part.environment}"; re-synthesize the stack.`);
  const envId = await ctx.environmentId(part.environment);
  let live = (await api.definitions(ctx.workspaceId, envId, part.environment)).find((d) => d.name === name);
  let activated = false;
  if (!live) {
    await api.activate(envId, name, part.environment);
    activated = true;
    live = { name };
  }
  if (!ruleBasedDiffers(live, desired)) return activated ? 'activated' : 'unchanged';
  const details = part.changeDetails;
  const title = details?.title ?? `cdktf-harness-fme: rules of rule-based segment ${name}`;
  const comment = details?.comment ?? `Applied by cdktf-harness-fme for environment ${part.environment}`;
  if (part.writeMode !== 'changeRequest') {
    await api.update(ctx.workspaceId, name, envId, desired, { title, comment }, part.environment);
    return activated ? 'activated, rules set' : 'rules updated';
  }
  try {
    const cr = await api.submitChangeRequest(ctx.workspaceId, envId, name, desired,
      { title, comment, approvers: details?.approvers ?? [], ...scheduleOf(details) }, part.environment);
    return `change request ${cr.id} submitted; approve it in FME`;
  } catch (e) {
    if (e instanceof FmeApiError && e.status === 409) {
      ctx.log.warn(`${e.message}. A change request for rule-based segment "${name}" in "${part.environment}" is already open; decide it in FME and deploy again.`);
      return 'change request still open; the rules wait for it';
    }
    throw e;
  }
}

/** The record of a rule-based segment: the owner marker in its description (the only one it carries). */
export function ruleBasedOwnership(description: string | null | undefined): Ownership {
  const owner = ownerInDescription(description);
  return { owner, managed: owner !== undefined, plans: new Map(), userTags: [] };
}
