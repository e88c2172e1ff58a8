import { randomBytes, randomUUID } from 'crypto';
import { EmulatorData, EnvironmentRecord, SegmentRecord } from './data-model';
import { EmulatorSeed } from './types';

/** The data a fresh emulator starts with when no seed is given. */
export const DEFAULT_SEED: EmulatorSeed = {
  workspaces: [{
    name: 'Default',
    environments: [{ name: 'Staging' }, { name: 'Production', production: true }],
    trafficTypes: ['user', 'account'],
  }],
};

/** Rollout statuses every workspace has (docs/fme-api.md#rollout-statuses); new flags get the first. */
export const ROLLOUT_STATUSES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'Pre-Production', description: 'Feature flag is being developed and tested; not ready for customers' },
  { name: 'Ramping', description: 'Feature flag is being ramped up to customers' },
  { name: 'Experimenting', description: 'Feature flag is in an experiment' },
  { name: 'Killed', description: 'Feature flag is killed' },
  { name: 'Permanent', description: 'Feature flag stays in the code' },
  { name: 'Removed from code', description: 'Feature flag is no longer referenced in code' },
  { name: 'Internal testing', description: 'Feature flag is tested internally' },
];

/** Builds fresh data from a seed (used only when the data file does not exist yet). */
export function dataFromSeed(seed: EmulatorSeed = DEFAULT_SEED, now: number = Date.now()): EmulatorData {
  const data: EmulatorData = {
    format: 'cdktf-fme-emulator/1',
    secret: randomBytes(16).toString('hex'),
    orgId: randomUUID(),
    workspaces: [],
    environments: [],
    trafficTypes: [],
    rolloutStatuses: [],
    flags: [],
    definitions: [],
    tombstones: [],
    segments: [],
    segmentEnvironments: [],
    ruleBasedSegments: [],
    ruleBasedSegmentEnvironments: [],
    ruleBasedTombstones: [],
    largeSegments: [],
    largeSegmentEnvironments: [],
    changeRequests: [],
    flagSets: [],
  };
  for (const ws of seed.workspaces) {
    const workspaceId = ws.id ?? randomUUID();
    data.workspaces.push({
      id: workspaceId,
      name: ws.name,
      requiresTitleAndComments: ws.requiresTitleAndComments ?? false,
      creationTime: now,
      ...(ws.organizationIdentifier !== undefined
        ? { organizationIdentifier: ws.organizationIdentifier, projectIdentifier: ws.projectIdentifier } : {}),
    });
    addRolloutStatuses(data, workspaceId);
    for (const env of ws.environments) {
      data.environments.push(newEnvironment(workspaceId, env.name, {
        id: env.id,
        production: env.production,
        approvalsRequired: env.approvalsRequired,
        submittersChooseApprovers: env.submittersChooseApprovers,
        now,
      }));
    }
    for (const tt of ws.trafficTypes) data.trafficTypes.push({ id: randomUUID(), workspaceId, name: tt });
    const trafficTypeId = (name: string): string => {
      const tt = data.trafficTypes.find(t => t.workspaceId === workspaceId && t.name === name);
      if (!tt) throw new Error(`Seed workspace '${ws.name}': traffic type '${name}' is not in its trafficTypes list`);
      return tt.id;
    };
    for (const a of ws.attributes ?? []) {
      const tt = data.trafficTypes.find(t => t.id === trafficTypeId(a.trafficType))!;
      (tt.attributes ??= []).push({ id: a.id, displayName: a.id, description: '', dataType: a.dataType ?? null });
    }
    for (const flag of ws.flags ?? []) {
      data.flags.push({
        id: randomUUID(),
        workspaceId,
        name: flag.name,
        description: flag.description ?? '',
        trafficTypeId: trafficTypeId(flag.trafficType),
        rolloutStatusId: data.rolloutStatuses.find(r => r.workspaceId === workspaceId)!.id,
        rolloutStatusTimestamp: now,
        tags: null,
        owners: [],
        creationTime: now,
        lastUpdateTime: now,
      });
    }
    for (const seg of ws.segments ?? []) {
      const segment: SegmentRecord = {
        id: randomUUID(), workspaceId, name: seg.name, description: '', trafficTypeId: trafficTypeId(seg.trafficType), tags: null, creationTime: now,
      };
      data.segments.push(segment);
      for (const [envName, keys] of Object.entries(seg.keys ?? {})) {
        const env = data.environments.find(e => e.workspaceId === workspaceId && (e.name === envName || e.id === envName));
        if (!env) throw new Error(`Seed segment '${seg.name}': environment '${envName}' is not in workspace '${ws.name}'`);
        data.segmentEnvironments.push({
          segmentId: segment.id,
          environmentId: env.id,
          keys: [...new Set(keys)],
          removedKeys: [],
          creationTime: now,
          lastUpdateTime: now,
          changeNumber: now,
        });
      }
    }
  }
  return data;
}

/** Adds the standard rollout statuses to a workspace. */
export function addRolloutStatuses(data: EmulatorData, workspaceId: string): void {
  for (const status of ROLLOUT_STATUSES) {
    data.rolloutStatuses.push({ id: randomUUID(), workspaceId, name: status.name, description: status.description });
  }
}

/** A new environment record. */
export function newEnvironment(workspaceId: string, name: string,
  options: { id?: string; production?: boolean; approvalsRequired?: boolean; submittersChooseApprovers?: boolean; now: number }): EnvironmentRecord {
  return {
    id: options.id ?? randomUUID(),
    workspaceId,
    name,
    production: options.production ?? false,
    approvalsRequired: options.approvalsRequired ?? false,
    approversRestricted: !(options.submittersChooseApprovers ?? false),
    creationTime: options.now,
    changeNumber: options.now,
  };
}
