import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { LargeSegmentFile, registerParts } from './internal/parts';
import { checkProps, LARGE_SEGMENT_PROPS } from './internal/prop-checks';
import { addCrossConstructValidation, throwIfProblems } from './internal/validation';
import { RemovalPolicy } from './policies';
import { stackIdProblems } from '../model/ownership';
import { problem } from '../model/problem';
import { keysFileContent, parseLargeSegmentKeys } from '../model/rules/large-segment-keys';
import { environmentProblems, segmentNameProblems, trafficTypeProblems } from '../model/rules/names';

/**
 * The keys file of a large segment in one environment.
 */
export interface LargeSegmentEnvironmentKeys {
  /** FME environment name or id. */
  readonly environment: string;
  /**
   * Path of a file with the segment's keys in that environment, one key per line (no header). A
   * relative path is resolved against the directory the app runs in (where `cdktf synth` runs).
   * The file is read and checked at synth; its content replaces the live key list.
   */
  readonly keysFile: string;
}

/**
 * Properties of `LargeSegment`.
 */
export interface LargeSegmentProps {
  /** Large segment name: a letter first, then letters, digits, `-` or `_`. */
  readonly largeSegmentName: string;

  /**
   * Traffic type of the segment's keys.
   *
   * @default 'user'
   */
  readonly trafficType?: string;

  /**
   * Description shown in FME (set when the large segment is created; FME has no call that changes it).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The keys file per environment.
   *
   * @default - the large segment is not configured in any environment (add some with `setKeysFile`)
   */
  readonly environmentKeys?: LargeSegmentEnvironmentKeys[];

  /**
   * What happens to the large segment in FME when it leaves the code or the stack is destroyed.
   *
   * @default - the `FmeConfig`'s removal policy (`ARCHIVE` counts as `DESTROY`: FME archives no segments)
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Id of the stack that owns this large segment now, when it moves to this stack (explicit transfer).
   *
   * @default - no transfer (the stack-wide `FmeConfig` `transferFrom` still applies)
   */
  readonly transferFrom?: string;
}

/**
 * A large segment owned by this stack (FME's list segments beyond the 100,000 keys of a standard
 * segment; client-side SDKs evaluate them). Its keys come from a file per environment, which
 * synthesis copies next to the stack, never into `cdk.tf.json`; the handler uploads it through a
 * change request only when its SHA-256 differs from the last upload's (docs/fme-api.md#large-segments).
 * Target it with `Matcher.inLargeSegment(largeSegment.largeSegmentName)`.
 */
export class LargeSegment extends Construct {
  /** The large segment's name in FME. */
  public readonly largeSegmentName: string;
  /** The traffic type of the segment's keys. */
  public readonly trafficType: string;
  private readonly keysFiles = new Map<string, string>();

  constructor(scope: Construct, id: string, props: LargeSegmentProps) {
    super(scope, id);
    checkProps(this, LARGE_SEGMENT_PROPS, props);
    this.largeSegmentName = props.largeSegmentName;
    this.trafficType = props.trafficType ?? 'user';
    throwIfProblems(this, [
      ...segmentNameProblems(this.largeSegmentName),
      ...trafficTypeProblems(this.trafficType),
      ...(props.transferFrom !== undefined ? stackIdProblems(props.transferFrom, false) : []),
    ]);
    for (const e of props.environmentKeys ?? []) this.setKeysFile(e.environment, e.keysFile);

    // Files are read when the stack is synthesized (edits made after construction count), and a
    // bad file fails synthesis naming this construct and the rule.
    registerParts(this, () => [{
      kind: 'largeSegment',
      path: this.node.path,
      segmentName: this.largeSegmentName,
      trafficType: this.trafficType,
      description: props.description,
      files: new Map([...this.keysFiles].map(([env, file]) => [env, this.readKeysFile(env, file)] as const)),
      removalPolicy: props.removalPolicy,
      transferFrom: props.transferFrom,
    }]);
    addCrossConstructValidation(this);
  }

  /**
   * Sets the keys file of an environment (replacing what an earlier call set).
   *
   * @param environment FME environment name or id
   * @param keysFile path of the file, one key per line; relative paths are resolved against the app's directory
   */
  public setKeysFile(environment: string, keysFile: string): void {
    const fileProblems = typeof keysFile === 'string' && keysFile.length > 0 ? [] : [problem('large segment keys', `keysFile for ${environment} is empty; give the path of a file with one key per line`)];
    throwIfProblems(this, [...environmentProblems(environment), ...fileProblems]);
    this.keysFiles.set(environment, keysFile);
  }

  private readKeysFile(environment: string, file: string): LargeSegmentFile {
    const source = path.resolve(file);
    const where = `keys file ${file} for environment ${environment}`;
    let raw: string;
    try {
      raw = fs.readFileSync(source, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
      throwIfProblems(this, [problem('large segment keys', `${where}: ${source} ${reason}; relative paths are resolved against ${process.cwd()}`)]);
      throw e; // not reached: the line above throws
    }
    const parsed = parseLargeSegmentKeys(raw, where);
    throwIfProblems(this, parsed.problems);
    const content = keysFileContent(parsed.keys);
    return { source, content, sha256: createHash('sha256').update(content).digest('hex'), keyCount: parsed.keys.length };
  }
}
