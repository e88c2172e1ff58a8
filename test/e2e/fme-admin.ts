import axios from 'axios';
import { E2E_ADMIN_KEY } from './e2e-workspace';
import { RunningEmulator } from '../../src/emulator';

/**
 * Direct reads of the emulator's Admin API, to check what a deploy left behind. Uses plain
 * axios (not the library's client) so the assertions do not depend on the code under test.
 */
export class FmeAdmin {
  private workspaceId?: string;

  constructor(private readonly emulator: RunningEmulator, private readonly workspaceName = 'Default') {}

  public async flag(name: string): Promise<any | undefined> {
    return this.get(`/splits/ws/${await this.ws()}/${encodeURIComponent(name)}`);
  }

  public async definition(flag: string, environment: string): Promise<any | undefined> {
    return this.get(`/splits/ws/${await this.ws()}/${encodeURIComponent(flag)}/environments/${encodeURIComponent(environment)}`);
  }

  public async segment(name: string): Promise<any | undefined> {
    return this.get(`/segments/ws/${await this.ws()}/${encodeURIComponent(name)}`);
  }

  public async ws(): Promise<string> {
    if (!this.workspaceId) {
      const list = await this.get(`/workspaces?name=${encodeURIComponent(this.workspaceName)}`);
      this.workspaceId = list.objects.find((w: any) => w.name === this.workspaceName).id;
    }
    return this.workspaceId!;
  }

  /** GET relative to the Admin API base; `undefined` on 404. Not counted by the emulator's rate limit or faults? It is — tests clear faults first. */
  private async get(path: string): Promise<any | undefined> {
    const response = await axios.get(`${this.emulator.adminBaseUrl}${path}`, {
      headers: { 'x-api-key': E2E_ADMIN_KEY },
      validateStatus: () => true,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${JSON.stringify(response.data)}`);
    return response.data;
  }
}

/**
 * Every flag, definition and segment (and segment environment) in a workspace, each with its
 * creation time: `flag f1`, `definition f1/Production`, `segment beta`, `segment beta/Production`.
 * The safety suite compares the exact set after every deploy, and the creation times to prove
 * that no object was deleted and re-created in between.
 */
export async function fmeObjects(emulator: RunningEmulator, workspace = 'Default'): Promise<Map<string, number>> {
  const get = async (path: string) => {
    const response = await axios.get(`${emulator.adminBaseUrl}${path}`, { headers: { 'x-api-key': E2E_ADMIN_KEY }, validateStatus: () => true });
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${JSON.stringify(response.data)}`);
    return response.data;
  };
  const all = async (path: string): Promise<any[]> => {
    const items: any[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await get(`${path}${path.includes('?') ? '&' : '?'}offset=${offset}&limit=50`);
      items.push(...page.objects);
      if (page.objects.length === 0 || items.length >= page.totalCount) return items;
    }
  };
  const ws = (await get(`/workspaces?name=${encodeURIComponent(workspace)}`)).objects.find((w: any) => w.name === workspace).id;
  const environments: Array<{ id: string; name: string }> = await get(`/environments/ws/${ws}`);
  const objects = new Map<string, number>();
  for (const flag of await all(`/splits/ws/${ws}`)) objects.set(`flag ${flag.name}`, flag.creationTime);
  for (const segment of await all(`/segments/ws/${ws}`)) objects.set(`segment ${segment.name}`, segment.creationTime);
  for (const env of environments) {
    for (const d of await all(`/splits/ws/${ws}/environments/${env.id}`)) objects.set(`definition ${d.name}/${env.name}`, d.creationTime);
    for (const s of await all(`/segments/ws/${ws}/environments/${env.id}`)) objects.set(`segment ${s.name}/${env.name}`, s.creationTime);
  }
  return objects;
}
