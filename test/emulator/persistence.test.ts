import { existsSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { admin, createFlag, createSegment, onOff, raw, start, tempDir } from './helpers';
import { startEmulator } from '../../src/emulator';

describe('persistence', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test('data survives a restart: flags, definitions, segments, change numbers and SDK seeds', async () => {
    const dataFile = join(tmp.dir, 'fme.json');
    const first = await start({ dataFile });
    await createFlag(first, 'kept');
    const created = (await admin(first, 'POST', '/splits/ws/Default/kept/environments/Staging', onOff())).body;
    await createSegment(first, 'seg', { Staging: ['a', 'b'] });
    const splitsBefore = (await raw(first, 'GET', '/api/splitChanges?s=1.3&since=-1', { sdkKey: 'sdk-Staging' })).body;
    await first.stop();
    expect(existsSync(dataFile)).toBe(true);
    // Atomic writes leave no temp files behind.
    expect(readdirSync(tmp.dir).filter(f => f.endsWith('.tmp'))).toEqual([]);

    const second = await start({ dataFile, seed: { workspaces: [{ name: 'Ignored', environments: [{ name: 'X' }], trafficTypes: ['user'] }] } });
    try {
      expect((await admin(second, 'GET', '/workspaces')).body.objects.map((w: { name: string }) => w.name)).toEqual(['Default']);
      expect((await admin(second, 'GET', '/splits/ws/Default/kept/environments/Staging')).body).toEqual(created);
      expect((await admin(second, 'GET', '/segments/Staging/seg/keys')).body.count).toBe(2);
      const splitsAfter = (await raw(second, 'GET', '/api/splitChanges?s=1.3&since=-1', { sdkKey: 'sdk-Staging' })).body;
      expect(splitsAfter).toEqual(splitsBefore);
      // Change numbers keep increasing after a restart.
      const updated = await admin(second, 'PATCH', '/splits/ws/Default/kept/environments/Staging', [{ op: 'replace', path: '/trafficAllocation', value: 10 }]);
      expect(updated.status).toBe(200);
      const changes = (await raw(second, 'GET', `/api/splitChanges?s=1.3&since=${splitsBefore.ff.t}`, { sdkKey: 'sdk-Staging' })).body;
      expect(changes.ff.d.map((s: { name: string }) => s.name)).toEqual(['kept']);
      expect(changes.ff.t).toBeGreaterThan(splitsBefore.ff.t);
    } finally {
      await second.stop();
    }
  });

  test('writes reach the file without stop (debounced), and the file is valid JSON', async () => {
    const dataFile = join(tmp.dir, 'live.json');
    const emu = await start({ dataFile });
    try {
      await createFlag(emu, 'live');
      await new Promise(r => setTimeout(r, 200));
      const data = JSON.parse(readFileSync(dataFile, 'utf8'));
      expect(data.flags.map((f: { name: string }) => f.name)).toEqual(['live']);
    } finally {
      await emu.stop();
    }
  });

  test('the data file folder is created when missing', async () => {
    const dataFile = join(tmp.dir, 'nested', 'deeper', 'fme.json');
    const emu = await start({ dataFile });
    await emu.stop();
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).format).toBe('cdktf-fme-emulator/1');
  });

  test('a corrupt data file is refused with a message naming it', async () => {
    const dataFile = join(tmp.dir, 'bad.json');
    writeFileSync(dataFile, '{oops');
    await expect(startEmulator({ dataFile })).rejects.toThrow(/bad\.json is not valid JSON/);
  });

  test('a non-loopback host is refused', async () => {
    await expect(startEmulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });
});
