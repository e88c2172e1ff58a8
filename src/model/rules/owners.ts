import { problem, Problem } from '../problem';

/** Flag owners are non-empty strings (user emails or group names). */
export function ownerProblems(owners: readonly string[]): Problem[] {
  return owners.some((o) => typeof o !== 'string' || o.trim().length === 0)
    ? [problem('owners', 'owners must be non-empty strings (emails or group names)')]
    : [];
}
