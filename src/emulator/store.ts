import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, basename, join } from 'path';
import {
  DefinitionRecord, EmulatorData, EnvironmentRecord, FlagRecord, FlagSetRecord, SegmentEnvironmentRecord, SegmentRecord, TrafficTypeRecord,
} from './data-model';
import { dataFromSeed } from './seed';
import { EmulatorSeed } from './types';

/** How long writes are batched before the data file is rewritten. */
const SAVE_DEBOUNCE_MS = 25;

/**
 * Holds the emulator's data and persists it. Writes are debounced and atomic
 * (temp file + rename), and `flush()` writes synchronously (on stop).
 */
export class Store {
  /** Loads the data file, or builds fresh data from the seed when the file does not exist yet. */
  public static open(dataFile: string | undefined, seed: EmulatorSeed | undefined): Store {
    if (dataFile && existsSync(dataFile)) {
      const text = readFileSync(dataFile, 'utf8');
      let data: EmulatorData;
      try {
        data = JSON.parse(text) as EmulatorData;
      } catch (e) {
        throw new Error(`Emulator data file ${dataFile} is not valid JSON (${(e as Error).message}); fix or delete it`);
      }
      if (data.format !== 'cdktf-fme-emulator/1') {
        throw new Error(`Emulator data file ${dataFile} has format '${String(data.format)}', expected 'cdktf-fme-emulator/1'; delete it to start fresh`);
      }
      data.largeSegments ??= [];
      data.largeSegmentEnvironments ??= [];
      return new Store(data, dataFile);
    }
    const store = new Store(dataFromSeed(seed), dataFile);
    store.flush();
    return store;
  }

  private timer: NodeJS.Timeout | undefined;

  /**
   * How long a large segment's pre-signed upload URL works (FME's are valid about five minutes:
   * docs/fme-api.md#large-segments). In memory only; tests shorten it through the control API.
   */
  public uploadUrlTtlMs = 5 * 60_000;

  private constructor(public readonly data: EmulatorData, private readonly dataFile: string | undefined) {}

  /** Schedules a write of the data file (no-op without one). */
  public changed(): void {
    if (!this.dataFile || this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Writes the data file now: a temp file in the same folder, then an atomic rename. */
  public flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dataFile) return;
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const temp = join(dirname(this.dataFile), `.${basename(this.dataFile)}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(this.data, null, 1));
    renameSync(temp, this.dataFile);
  }

  /**
   * Hands out the next SDK change number of an environment: a ms timestamp that never goes
   * backwards and never repeats, so SDK `since` comparisons stay correct.
   */
  public nextChangeNumber(env: EnvironmentRecord): number {
    env.changeNumber = Math.max(Date.now(), env.changeNumber + 1);
    return env.changeNumber;
  }

  public trafficType(id: string): TrafficTypeRecord {
    return this.data.trafficTypes.find(t => t.id === id)!;
  }

  public environment(id: string): EnvironmentRecord {
    return this.data.environments.find(e => e.id === id)!;
  }

  public flagById(id: string): FlagRecord {
    return this.data.flags.find(f => f.id === id)!;
  }

  public findFlag(workspaceId: string, name: string): FlagRecord | undefined {
    return this.data.flags.find(f => f.workspaceId === workspaceId && f.name === name);
  }

  public findDefinition(flagId: string, environmentId: string): DefinitionRecord | undefined {
    return this.data.definitions.find(d => d.flagId === flagId && d.environmentId === environmentId);
  }

  public findSegment(workspaceId: string, name: string): SegmentRecord | undefined {
    return this.data.segments.find(s => s.workspaceId === workspaceId && s.name === name);
  }

  /** The flag sets of every workspace (a data file written before flag sets existed has none). */
  public flagSets(): FlagSetRecord[] {
    this.data.flagSets ??= [];
    return this.data.flagSets;
  }

  public findFlagSet(workspaceId: string, name: string): FlagSetRecord | undefined {
    return this.flagSets().find(s => s.workspaceId === workspaceId && s.name === name);
  }

  public findSegmentEnvironment(segmentId: string, environmentId: string): SegmentEnvironmentRecord | undefined {
    return this.data.segmentEnvironments.find(s => s.segmentId === segmentId && s.environmentId === environmentId);
  }
}
