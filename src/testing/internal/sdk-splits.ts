import type { EffectiveDefinition } from './effective-definitions';
import { SdkSplit, toSdkSplit } from '../../emulator/sdk/split-translation';
import { Store } from '../../emulator/store';

/** One flag's definition in the environment being evaluated. */
export interface DefinitionToTranslate {
  readonly flagName: string;
  readonly trafficType: string;
  readonly definition: EffectiveDefinition;
}

/**
 * FME gives each definition random bucketing seeds; the emulator derives them from its data
 * file's secret. The kit fixes the secret, so the same key always lands in the same bucket in
 * tests, and says so when an answer depends on it (docs/testing.md#percentages).
 */
const TESTING_SECRET = 'cdktf-harness-fme/testing';
const WORKSPACE = 'testing';

/**
 * The splits an SDK would receive for these definitions in one environment, translated by the
 * emulator's own Admin-definition-to-SDK translation (`src/emulator/sdk/split-translation.ts`,
 * docs/fme-api.md#definition-to-sdk-split) on an in-memory emulator store: the kit reuses the
 * translation the end-to-end tests check against FME's SDK, instead of keeping a second copy.
 */
export function sdkSplits(environment: string, definitions: readonly DefinitionToTranslate[]): SdkSplit[] {
  const trafficTypes = [...new Set(definitions.map((d) => d.trafficType))].sort();
  const store = Store.open(undefined, {
    workspaces: [{ name: WORKSPACE, id: WORKSPACE, environments: [{ name: environment, id: environment }], trafficTypes }],
  });
  store.data.secret = TESTING_SECRET;
  const trafficTypeId = (name: string) => store.data.trafficTypes.find((t) => t.name === name)!.id;
  const rolloutStatusId = store.data.rolloutStatuses[0]?.id ?? '';
  return definitions.map((d) => {
    // Ids are the names: the bucketing seeds derive from them, so they are stable across runs.
    store.data.flags.push({
      id: d.flagName,
      workspaceId: WORKSPACE,
      name: d.flagName,
      description: '',
      trafficTypeId: trafficTypeId(d.trafficType),
      rolloutStatusId,
      rolloutStatusTimestamp: 0,
      tags: null,
      owners: [],
      creationTime: 0,
      lastUpdateTime: 0,
    });
    const { killed, ...definition } = d.definition;
    return toSdkSplit(store, {
      id: `${d.flagName}/${environment}`,
      flagId: d.flagName,
      environmentId: environment,
      body: { ...definition, killed, impressionsDisabled: false, prerequisites: definition.prerequisites ?? [] },
      creationTime: 0,
      lastUpdateTime: 0,
      changeNumber: 1,
    });
  });
}
