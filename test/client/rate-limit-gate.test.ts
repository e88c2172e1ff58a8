import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RateLimitGate } from '../../src/client';

// Two gate instances on one file stand in for two handler processes; times are explicit, so
// nothing here sleeps or depends on the clock.
let file: string;
beforeEach(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fme-gate-')), 'rl.json');
});

test('without any 429 a send never waits and the file only records recent successes', () => {
  const a = new RateLimitGate(file);
  for (let t = 0; t < 5; t++) {
    expect(a.reserve(1_000 + t)).toBe(0);
    a.noteAccepted(1_000 + t);
  }
  const state = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(state.intervalMs).toBeUndefined();
  expect(state.sent).toHaveLength(5);
});

test('after a 429, processes share the deadline and then take spaced slots instead of all returning at once', () => {
  const a = new RateLimitGate(file);
  const b = new RateLimitGate(file);
  // 6 requests accepted within the last second across both processes, then a 429 with a 1 s reset.
  for (let i = 0; i < 6; i++) (i % 2 ? a : b).noteAccepted(10_000 + i * 150);
  a.record(11_800, 10_800);
  // Pace from the accepted rate: 6 requests over 1 s → ~167 ms apart.
  const interval = JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs;
  expect(interval).toBeCloseTo(1_000 / 6, 5);
  // Five sends reserved at the same moment leave one interval apart, starting at the deadline.
  const waits = [a, b, a, b, a].map((g) => g.reserve(10_900));
  expect(waits[0]).toBe(900);
  for (let i = 1; i < waits.length; i++) expect(waits[i] - waits[i - 1]).toBeCloseTo(interval, 5);
});

test('another 429 while paced widens the spacing once per event; quiet periods narrow it until requests are unpaced', () => {
  const a = new RateLimitGate(file);
  a.record(1_000, 0); // no history: one request per second
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs).toBe(1_000);
  a.record(2_100, 1_100);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs).toBeCloseTo(1_150, 5);
  a.record(2_200, 1_200); // the same event, seen by another request in flight
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs).toBeCloseTo(1_150, 5);
  let now = 1_200;
  for (let i = 0; i < 80 && JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs; i++) {
    now += 6_000; // each success more than 5 s after the last change narrows the pace once
    a.noteAccepted(now);
  }
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).intervalMs).toBeUndefined();
  expect(a.reserve(now + 1)).toBe(0);
});

test('a lock left behind by a crashed process is broken, and updates continue', () => {
  const a = new RateLimitGate(file);
  a.noteAccepted(1);
  fs.mkdirSync(`${file}.lock`);
  const old = new Date(Date.now() - 10_000);
  fs.utimesSync(`${file}.lock`, old, old);
  a.record(5_000, 1_000);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).until).toBe(5_000);
  expect(fs.existsSync(`${file}.lock`)).toBe(false);
});

test('waits are capped, so a corrupt far-future value costs at most the cap', () => {
  fs.writeFileSync(file, JSON.stringify({ until: 9e15, intervalMs: 'x', sent: 'nope' }));
  const a = new RateLimitGate(file, 5_000);
  expect(a.reserve(1_000)).toBe(5_000);
});
