import axios from 'axios';
import { E2E_ADMIN_KEY } from './e2e-workspace';
import { RunningEmulator } from '../../src/emulator';

/**
 * Direct reads of the emulator's Admin API, to check what a deploy left behind. Uses plain
 * axios (not the library's client) so the assertions do not depend on the code under test.
 */
export class FmeAdmin {
  private workspaceId?: string;

  constructor(private readonly emulator: RunningEmulator) {}

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
      const list = await this.get('/workspaces?name=Default');
      this.workspaceId = list.objects.find((w: any) => w.name === 'Default').id;
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
