/**
 * What a synthesized stack declares, read back from its stack folder (`cdktf.out/stacks/<stack>`):
 * every flag and segment spec from `fme-bootstrap.json` (the same specs the bootstrap and each
 * object's create step converge: docs/ARCHITECTURE.md, "Bootstrap"), and what the stack owns from
 * `fme-inventory.json`. Specs are checked with the handler's own reader, so `diff` refuses exactly
 * what a deploy would refuse.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSpec } from '../handler/spec-reader';
import type {
  FlagResourceSpec, FlagSetResourceSpec, FmeTargetSpec, InventorySpec, LargeSegmentResourceSpec, RuleBasedSegmentResourceSpec, SegmentResourceSpec,
} from '../spec/resource-spec';

/** A stack folder that cannot be compared (missing files, not synthesized by this library). */
export class StackFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackFolderError';
  }
}

export interface StackSpecs {
  /** The stack folder. */
  readonly dir: string;
  /** The owning stack id (`FmeConfig.stackId`). */
  readonly stack: string;
  /** Where the stack's objects live. */
  readonly target: FmeTargetSpec;
  readonly flags: FlagResourceSpec[];
  readonly segments: SegmentResourceSpec[];
  /** The flag sets the stack owns (`FlagSet`); absent in folders synthesized before flag sets. */
  readonly flagSets?: FlagSetResourceSpec[];
  /** Rule-based segments (absent in folders synthesized before them: none). */
  readonly ruleBasedSegments?: RuleBasedSegmentResourceSpec[];
  /** Large segments (absent in folders synthesized before them: none). */
  readonly largeSegments?: LargeSegmentResourceSpec[];
  /** The full inventory (what the stack owns), when the folder has one. */
  readonly inventory?: InventorySpec;
}

const BOOTSTRAP_FILE = 'fme-bootstrap.json';
const INVENTORY_FILE = 'fme-inventory.json';

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new StackFolderError(`cannot read ${file} (${(e as Error).message}). ${what} is written by cdktf synth; run cdktf synth first and pass the stack folder (cdktf.out/stacks/<stack>).`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StackFolderError(`${file} is not valid JSON (${(e as Error).message}); run cdktf synth again.`);
  }
}

/** Reads the specs a stack folder declares. */
export function readStackSpecs(dir: string): StackSpecs {
  const bootstrapFile = path.join(dir, BOOTSTRAP_FILE);
  const bootstrap = readJson(bootstrapFile, 'The bootstrap file') as { kind?: unknown; waves?: unknown };
  if (bootstrap?.kind !== 'bootstrap' || !Array.isArray(bootstrap.waves)) {
    throw new StackFolderError(`${bootstrapFile} is not a bootstrap file (kind "bootstrap" with waves); run cdktf synth again.`);
  }
  const flags: FlagResourceSpec[] = [];
  const segments: SegmentResourceSpec[] = [];
  const flagSets: FlagSetResourceSpec[] = [];
  const ruleBasedSegments: RuleBasedSegmentResourceSpec[] = [];
  const largeSegments: LargeSegmentResourceSpec[] = [];
  (bootstrap.waves as unknown[][]).forEach((wave, i) => (Array.isArray(wave) ? wave : []).forEach((object, j) => {
    const spec = checkSpec(object, `${bootstrapFile} waves[${i}][${j}]`);
    if (spec.kind === 'flag') flags.push(spec);
    else if (spec.kind === 'segment') segments.push(spec);
    else if (spec.kind === 'flagSet') flagSets.push(spec);
    else if (spec.kind === 'ruleBasedSegment') ruleBasedSegments.push(spec);
    else if (spec.kind === 'largeSegment') largeSegments.push(spec);
  }));
  const inventoryFile = path.join(dir, INVENTORY_FILE);
  const inventory = fs.existsSync(inventoryFile) ? checkSpec(readJson(inventoryFile, 'The inventory file'), inventoryFile) : undefined;
  if (inventory && inventory.kind !== 'inventory') throw new StackFolderError(`${inventoryFile} holds a ${inventory.kind} spec, not an inventory.`);
  const first = flags[0] ?? segments[0] ?? flagSets[0] ?? ruleBasedSegments[0] ?? largeSegments[0];
  const target = first?.target ?? inventory?.target;
  const stack = first?.stack ?? inventory?.stack;
  if (!target || !stack) {
    throw new StackFolderError(`${dir} declares no FME object and names no stack; is it a stack folder of an app with an FmeConfig?`);
  }
  return {
    dir,
    stack,
    target,
    flags: flags.sort((a, b) => a.flagName.localeCompare(b.flagName)),
    segments: segments.sort((a, b) => a.segmentName.localeCompare(b.segmentName)),
    flagSets: flagSets.sort((a, b) => a.flagSetName.localeCompare(b.flagSetName)),
    ruleBasedSegments: ruleBasedSegments.sort((a, b) => a.segmentName.localeCompare(b.segmentName)),
    largeSegments: largeSegments.sort((a, b) => a.segmentName.localeCompare(b.segmentName)),
    inventory: inventory as InventorySpec | undefined,
  };
}
