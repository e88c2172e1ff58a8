import { isKnownTimeZone, scheduleProblems } from '../../src/model/change-request-schedule';

describe('change request schedule (docs/fme-api.md#scheduled-change-requests)', () => {
  test('IANA time zones are known; other names are not', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('America/Los_Angeles')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });

  test('a valid instant with a known zone has no problem; an invalid instant or zone does', () => {
    expect(scheduleProblems(Date.UTC(2030, 0, 1), 'Europe/London')).toEqual([]);
    expect(scheduleProblems(Date.UTC(2030, 0, 1), undefined)).toEqual([]);
    expect(scheduleProblems(Number.NaN, undefined).map((p) => p.rule)).toEqual(['change request schedule']);
    expect(scheduleProblems(Date.UTC(2030, 0, 1), 'Nowhere/City')[0].message).toContain('"Nowhere/City" is not an IANA time zone');
  });
});
