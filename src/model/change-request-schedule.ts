/**
 * When an approved change request runs (docs/fme-api.md#scheduled-change-requests): FME takes an
 * instant in ms since the epoch (`scheduledFor`) and, for display only, an IANA time zone
 * (`scheduledForTimezone`), and refuses a time zone it does not know. Pure: no I/O.
 */
import { problem, Problem } from './problem';

/** Whether `timezone` is an IANA time zone this Node.js knows (the ICU data FME's list also comes from). */
export function isKnownTimeZone(timezone: string): boolean {
  if (typeof timezone !== 'string' || timezone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The problems of a schedule: the instant must be a valid time, the time zone a known IANA name. */
export function scheduleProblems(scheduledFor: number, timezone: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isFinite(scheduledFor) || scheduledFor <= 0) {
    problems.push(problem('change request schedule', 'the date is not a valid point in time; give a Date such as new Date(\'2027-03-01T09:00:00Z\')'));
  }
  if (timezone !== undefined && !isKnownTimeZone(timezone)) {
    problems.push(problem('change request schedule', `${JSON.stringify(timezone)} is not an IANA time zone (e.g. Europe/London, America/Los_Angeles); FME refuses unknown time zones`));
  }
  return problems;
}
