import type { FlagResourceSpec, ObjectResourceSpec, RuleBasedSegmentResourceSpec, SegmentResourceSpec } from '../../spec/resource-spec';

/** The flag and segment specs of one synthesized stack, as the handler would receive them. */
export interface SynthesizedSpecs {
  readonly flags: FlagResourceSpec[];
  readonly segments: SegmentResourceSpec[];
  readonly ruleBasedSegments: RuleBasedSegmentResourceSpec[];
  /**
   * Large segment keys by environment, then by large segment name. Their specs carry only a file
   * name and digest (the keys go to a file next to `cdk.tf.json`), so they are read from the
   * `LargeSegment` constructs instead (`FmeTesting.synth`); empty when built from JSON alone.
   */
  readonly largeSegmentKeys?: ReadonlyMap<string, ReadonlyMap<string, string[]>>;
}

/**
 * Terraform reads `$${` as `${` and `%%{` as `%{`: the synthesized configuration escapes user text
 * that way (src/spec/encode.ts, docs/terraform-facts.md fact 8). This undoes it, as Terraform does.
 */
export function decodeTerraformString(text: string): string {
  return text.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

/** The resources of a synthesized stack (`terraform_data` or `null_resource`, by logical id). */
export function backedResources(terraformJson: any): Record<string, any> {
  return { ...(terraformJson?.resource?.terraform_data ?? {}), ...(terraformJson?.resource?.null_resource ?? {}) };
}

/**
 * The spec a flag or segment resource hands its create step (`converge`), decoded; undefined for
 * the other resources (bootstrap, inventory shards), which have no create step with a spec.
 */
export function convergeSpecOf(resource: any): ObjectResourceSpec | undefined {
  for (const provisioner of resource?.provisioner ?? []) {
    const exec = provisioner?.['local-exec'];
    if (exec && exec.when !== 'destroy' && typeof exec.environment?.FME_SPEC === 'string' && / converge$/.test(exec.command ?? '')) {
      return JSON.parse(decodeTerraformString(exec.environment.FME_SPEC));
    }
  }
  return undefined;
}

/** Every flag and segment spec of the synthesized stack, sorted by name. */
export function synthesizedSpecs(terraformJson: any): SynthesizedSpecs {
  const flags: FlagResourceSpec[] = [];
  const segments: SegmentResourceSpec[] = [];
  const ruleBasedSegments: RuleBasedSegmentResourceSpec[] = [];
  for (const resource of Object.values(backedResources(terraformJson))) {
    const spec = convergeSpecOf(resource);
    if (spec?.kind === 'flag') flags.push(spec);
    if (spec?.kind === 'segment') segments.push(spec);
    if (spec?.kind === 'ruleBasedSegment') ruleBasedSegments.push(spec);
  }
  flags.sort((a, b) => a.flagName.localeCompare(b.flagName));
  segments.sort((a, b) => a.segmentName.localeCompare(b.segmentName));
  ruleBasedSegments.sort((a, b) => a.segmentName.localeCompare(b.segmentName));
  return { flags, segments, ruleBasedSegments };
}
