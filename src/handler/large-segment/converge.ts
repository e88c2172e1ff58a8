import { createHash } from 'crypto';
import * as fs from 'fs';
import { LargeSegmentTags } from './tags';
import { FmeApiError } from '../../client/errors';
import { uploadKeysFile } from '../../client/presigned-upload';
import { claimDecision, Ownership, withOwner } from '../../model/ownership';
import type { LargeSegmentEnvironmentSpec, LargeSegmentResourceSpec } from '../../spec/resource-spec';
import type { HandlerContext } from '../context';
import { HandlerError } from '../errors';
import { scheduleOf } from '../flag/change-request';
import { objectLabel } from '../log';
import { settleClaim, stackOf } from '../ownership';
import { readOrCreate } from '../read-or-create';
import { isKeysRecordTag, keysRecordOf, recordDigest, withKeysRecord } from './keys-record';
import { withOwnerMarker } from '../segment/owner-marker';

/** Change request states in which an upload may still land (docs/fme-api.md#change-requests). */
const PENDING = ['REQUESTED', 'SCHEDULE_REQUESTED', 'SCHEDULED'];
/** States in which it never will: the next deploy submits again (docs/decisions.md#d17-change-requests-that-do-not-land). */
const DEAD = ['REJECTED', 'WITHDRAWN'];

/**
 * The large segment's `converge` step: create it (with the owner marker) or check its ownership,
 * then in each environment define it if needed and upload the keys file when FME's record of the
 * last upload names another digest (docs/fme-api.md#large-segments). Keys reach FME only through
 * an `UPLOAD` change request and a PUT to the pre-signed URL it returns; in approval-gated
 * environments they land once the request is approved (docs/decisions.md#d8-approvals).
 */
export async function convergeLargeSegment(ctx: HandlerContext, spec: LargeSegmentResourceSpec): Promise<void> {
  const stack = stackOf(spec);
  const { client, workspaceId: ws } = ctx;
  const label = objectLabel('large segment', spec.segmentName);
  let tags: LargeSegmentTags | undefined;
  let ownership: Ownership | undefined;
  await ctx.step(label, async () => {
    const { live, created } = await readOrCreate(
      () => client.getLargeSegment(ws, spec.segmentName),
      () => client.createLargeSegment(ws, spec.metadata.trafficType, spec.segmentName, withOwnerMarker(spec.metadata.description, stack)));
    tags = new LargeSegmentTags(ctx, spec.segmentName, live);
    const current = tags.ownership();
    const decision = claimDecision(created ? undefined : current, stack, spec.transferFrom ?? [], spec.existing === 'adopt');
    const note = settleClaim(decision, { label: `Large segment "${spec.segmentName}"`, construct: 'LargeSegment' }, stack);
    ownership = { ...withOwner(current, stack), managed: true };
    await tags.write(ownership, tags.names.filter(isKeysRecordTag));
    return created ? 'created' : note ?? 'unchanged';
  });
  const waiting: string[] = [];
  for (const part of spec.environments) {
    const outcome = await ctx.step(objectLabel('large segment', spec.segmentName, part.environment),
      () => convergeEnvironment(ctx, spec.segmentName, part, tags!, ownership!), (o) => o.text);
    if (outcome.waiting && part.changeDetails?.failUntilApproved) waiting.push(part.environment);
  }
  if (waiting.length > 0) {
    throw new HandlerError(`Large segment "${spec.segmentName}" waits for approval in ${waiting.join(', ')}: its keys are not in FME yet. ` +
      'Approve the change request in FME, then deploy again (FmeConfig failUntilApproved makes the deploy fail until then).');
  }
}

async function convergeEnvironment(
  ctx: HandlerContext, name: string, part: LargeSegmentEnvironmentSpec, tags: LargeSegmentTags, ownership: Ownership,
): Promise<{ text: string; waiting: boolean }> {
  const envId = await ctx.environmentId(part.environment);
  const actions: string[] = [];
  const defined = await ctx.client.listLargeSegmentsInEnvironment(ctx.workspaceId, envId, part.environment);
  if (!defined.includes(name)) {
    await ctx.client.activateLargeSegment(envId, name, part.environment);
    actions.push('defined in environment');
  }
  const digest = recordDigest(part.sha256);
  const record = keysRecordOf(tags.names, envId);
  if (record?.digest === digest) {
    if (!record.changeRequestId) return { text: [...actions, `keys unchanged (sha256 ${digest})`].join(', '), waiting: false };
    const cr = await ctx.client.getChangeRequest(record.changeRequestId);
    if (cr && PENDING.includes(cr.status)) {
      return { text: [...actions, `change request ${cr.id} (${part.keyCount} keys) still waits for approval`].join(', '), waiting: true };
    }
    if (cr && !DEAD.includes(cr.status)) {
      // Approved: the keys landed; the record no longer needs the request.
      await tags.write(ownership, withKeysRecord(tags.names.filter(isKeysRecordTag), envId, { digest }));
      return { text: [...actions, `keys unchanged (sha256 ${digest}, change request ${cr.id} ${cr.status.toLowerCase()})`].join(', '), waiting: false };
    }
    actions.push(`change request ${record.changeRequestId} ${cr ? cr.status.toLowerCase() : 'gone'}, submitting again`);
  }
  const content = readKeysFile(part);
  const submitted = await submitUpload(ctx, name, part, envId);
  if (submitted === undefined) return { text: [...actions, 'upload not submitted: a change request is already open'].join(', '), waiting: true };
  const target = submitted.transactionMetadata;
  if (!target?.url) {
    throw new HandlerError(`FME answered the UPLOAD change request ${submitted.id} for large segment "${name}" in environment "${part.environment}" ` +
      'without transactionMetadata.url, so there is nowhere to upload the keys; nothing was uploaded.');
  }
  const where = objectLabel('large segment', name, part.environment);
  await uploadKeysFile(target, content.file, { operation: 'upload large segment keys', segment: name, environment: part.environment },
    (sent) => ctx.log.info(`${where}: uploaded ${sent}/${part.keyCount} keys`));
  const approval = part.writeMode === 'changeRequest';
  const recorded = approval ? { digest, changeRequestId: submitted.id } : { digest };
  await tags.write(ownership, withKeysRecord(tags.names.filter(isKeysRecordTag), envId, recorded));
  actions.push(approval
    ? `change request ${submitted.id} submitted with ${part.keyCount} keys (sha256 ${digest}); approve it in FME`
    : `${part.keyCount} keys uploaded (sha256 ${digest}, change request ${submitted.id})`);
  return { text: actions.join(', '), waiting: approval };
}

/** The keys file the spec names, checked against its digest (a file edited after synth is refused). */
function readKeysFile(part: LargeSegmentEnvironmentSpec): { file: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(part.keysFile);
  } catch (e) {
    throw new HandlerError(`cannot read the keys file ${part.keysFile} for environment "${part.environment}" (${(e as Error).message}); ` +
      'it is written by cdktf synth next to cdk.tf.json: re-run cdktf synth, then deploy.');
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== part.sha256) {
    throw new HandlerError(`the keys file ${part.keysFile} for environment "${part.environment}" changed after synth (sha256 ${actual}, spec says ${part.sha256}); ` +
      're-run cdktf synth, then deploy. Nothing was uploaded.');
  }
  return { file: part.keysFile };
}

async function submitUpload(ctx: HandlerContext, name: string, part: LargeSegmentEnvironmentSpec, envId: string) {
  const details = part.changeDetails;
  try {
    return await ctx.client.submitChangeRequest(ctx.workspaceId, envId, {
      largeSegment: { name },
      operationType: 'UPLOAD',
      title: details?.title ?? `cdktf-harness-fme: upload ${part.keyCount} keys to large segment ${name}`,
      comment: details?.comment ?? `Submitted by cdktf-harness-fme for environment ${part.environment} (keys file sha256 ${part.sha256})`,
      approvers: part.writeMode === 'changeRequest' ? details?.approvers ?? [] : [],
      ...(part.writeMode === 'changeRequest' ? scheduleOf(details) : {}),
    }, part.environment);
  } catch (e) {
    if (e instanceof FmeApiError && e.status === 409) {
      ctx.log.warn(`${e.message}. Nothing was uploaded to large segment "${name}" in environment "${part.environment}"; decide the open change request in FME and deploy again.`);
      return undefined;
    }
    throw e;
  }
}
