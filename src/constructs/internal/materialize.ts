import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { addBootstrapResource, addInventoryResource, addObjectResource, addObjectsProvider, removedShardBlocks } from './backing';
import { BOOTSTRAP_FILE, bootstrapSpec } from './bootstrap';
import type { Composition } from './compose';
import { addHandlerAsset } from './handler-asset';
import { INVENTORY_FILE, REMOVED_SHARDS_FILE, shardId, shardInventory } from './inventory-shards';
import { referencesOf } from './references';
import { flagRuleBasedReferences, ruleBasedReferences } from './rule-based-segments';
import { addCustomSynthesis, dependable, ISynthesisSession, TerraformResource, TerraformStack } from '../../cdk-runtime';
import { FmeValidationError } from '../../model/errors';
import { formatProblem, problem } from '../../model/problem';
import { canonicalJson } from '../../spec/encode';
import { DeclaredElsewhere, InventorySpec, SPEC_VERSION } from '../../spec/resource-spec';
import { BackingResource } from '../policies';

/**
 * Adds the Terraform resources of a stack's composed specs as children of `config` (the
 * `FmeConfig`; construct ids are API: renaming one replaces the resource), and the files written
 * next to `cdk.tf.json`: the full inventory, the bootstrap waves and the `removed` blocks of
 * inventory shards the stack does not use. docs/ARCHITECTURE.md describes each.
 *
 * @param elsewhere what the app's other stacks declare in the same workspace
 */
export function materializeFmeResources(config: Construct, backing: BackingResource, composition: Composition, elsewhere: DeclaredElsewhere[]): void {
  throwIfCompositionProblems(config, composition);
  const asset = addHandlerAsset(config, 'Handler');
  const handlerCommand = `node ${asset.path}`;
  // Created with the stack, before every object resource: converges a new stack in one process.
  const bootstrap = addBootstrapResource(config, 'Bootstrap', backing, handlerCommand, BOOTSTRAP_FILE);
  const objects = addObjectsProvider(config, 'ObjectsProvider', backing);
  const segments = new Map<string, TerraformResource>();
  for (const segment of composition.segments) {
    segments.set(segment.segmentName, addObjectResource(config, `Segment-${segment.segmentName}`, objects, handlerCommand, segment));
  }
  const flagSets = new Map<string, TerraformResource>();
  for (const set of composition.flagSets) {
    flagSets.set(set.flagSetName, addObjectResource(config, `FlagSet-${set.flagSetName}`, objects, handlerCommand, set));
  }
  const ruleBased = new Map<string, TerraformResource>();
  for (const segment of composition.ruleBasedSegments) {
    ruleBased.set(segment.segmentName, addObjectResource(config, `RuleBasedSegment-${segment.segmentName}`, objects, handlerCommand, segment));
  }
  for (const largeSegment of composition.largeSegments) {
    segments.set(`large:${largeSegment.segmentName}`, addObjectResource(config, `LargeSegment-${largeSegment.segmentName}`, objects, handlerCommand, largeSegment));
  }
  const flags = new Map<string, TerraformResource>();
  for (const flag of composition.flags) {
    flags.set(flag.flagName, addObjectResource(config, `Flag-${flag.flagName}`, objects, handlerCommand, flag));
  }
  // FME accepts references only to objects that exist: apply referenced flag sets, segments and
  // flags first (Terraform destroys in reverse order). Dependency cycles are a validation error.
  for (const flag of composition.flags) {
    const refs = referencesOf(flag);
    const segmentNames = new Set([...refs.segments.values()].flatMap((names) => [...names]));
    const setNames = new Set(flag.environments.flatMap((e) => e.definition?.flagSets ?? []));
    const ruleBasedNames = new Set([...flagRuleBasedReferences(flag).values()].flat());
    const dependsOn = [
      ...[...setNames].sort().flatMap((n) => (flagSets.has(n) ? [flagSets.get(n)!] : [])),
      ...[...segmentNames].sort().flatMap((n) => (segments.has(n) ? [segments.get(n)!] : [])),
      ...[...ruleBasedNames].sort().flatMap((n) => (ruleBased.has(n) ? [ruleBased.get(n)!] : [])),
      ...[...refs.largeSegments].sort().flatMap((n) => (segments.has(`large:${n}`) ? [segments.get(`large:${n}`)!] : [])),
      ...[...refs.flags].sort().flatMap((n) => (flags.has(n) ? [flags.get(n)!] : [])),
    ];
    flags.get(flag.flagName)!.dependsOn = [bootstrap, ...dependsOn].map((r) => dependable(r));
  }
  // A rule-based segment after the segments it refers to (matchers, exclusions); cycles are a validation error.
  for (const segment of composition.ruleBasedSegments) {
    const refs = segment.environments.map((e) => ruleBasedReferences(e.definition));
    const standard = [...new Set(refs.flatMap((r) => r.standard))].sort().flatMap((n) => (segments.has(n) ? [segments.get(n)!] : []));
    const others = [...new Set(refs.flatMap((r) => r.ruleBased))].filter((n) => n !== segment.segmentName).sort()
      .flatMap((n) => (ruleBased.has(n) ? [ruleBased.get(n)!] : []));
    ruleBased.get(segment.segmentName)!.dependsOn = [bootstrap, ...standard, ...others].map((r) => dependable(r));
  }
  for (const resource of [...segments.values(), ...flagSets.values()]) resource.dependsOn = [dependable(bootstrap)];

  const shards = inventoryShards(config, composition.inventory);
  shards.forEach((shard, index) => {
    addInventoryResource(config, shardId(index), backing, handlerCommand, shard, INVENTORY_FILE);
  });
  // Shards that a smaller inventory no longer needs still reconcile what they held.
  const removedShards = removedShardBlocks(config, shards.length, backing, handlerCommand, INVENTORY_FILE);
  // The full inventory goes next to cdk.tf.json, where every shard's destroy step reads it (with
  // what the app's other stacks declare, so that an object moving to one of them is handed over,
  // not deleted), and so does every object's spec, in dependency waves, for the bootstrap.
  const inventoryFile: InventorySpec = { ...composition.inventory, elsewhere };
  const stack = TerraformStack.of(config);
  addCustomSynthesis(config, {
    onSynthesize: (session: ISynthesisSession) => {
      const stackDir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      fs.mkdirSync(stackDir, { recursive: true });
      fs.writeFileSync(path.join(stackDir, INVENTORY_FILE), `${canonicalJson(inventoryFile)}\n`);
      fs.writeFileSync(path.join(stackDir, BOOTSTRAP_FILE), `${canonicalJson(bootstrapSpec(SPEC_VERSION, composition))}\n`);
      // Large segments' keys: files next to cdk.tf.json, named by content, that the handler uploads.
      for (const [file, content] of composition.keysFiles) {
        fs.mkdirSync(path.dirname(path.join(stackDir, file)), { recursive: true });
        fs.writeFileSync(path.join(stackDir, file), content);
      }
      fs.writeFileSync(path.join(stackDir, REMOVED_SHARDS_FILE), `${JSON.stringify(removedShards, undefined, 2)}\n`);
    },
  });
}

/**
 * Rules spanning constructs are node validations (each reported on its construct), but cdktf's
 * `Testing.synth(stack)` runs aspects, not validations: two rollout plans for one flag and
 * environment would synthesize there without a word. Materializing runs from an aspect in every
 * synthesis, so it refuses a broken composition first, with the same messages, before adding any
 * resource (a second synthesis of the same stack then fails the same way).
 */
function throwIfCompositionProblems(config: Construct, composition: Composition): void {
  if (composition.problems.length === 0) return;
  const lines = composition.problems.map((p) => `[${p.path || config.node.path}] ${p.message}`);
  throw new FmeValidationError(composition.problems[0].path || config.node.path, composition.problems.map((p) => p.message), lines.join('\n'));
}

/** The inventory's shards; an inventory too large for any is the user's to split. */
function inventoryShards(config: Construct, inventory: InventorySpec): InventorySpec[] {
  try {
    return shardInventory(inventory);
  } catch (e) {
    throw new FmeValidationError(config.node.path, [formatProblem(problem('inventory size', (e as Error).message))]);
  }
}
