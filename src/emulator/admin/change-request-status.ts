import { ChangeRequestRecord } from '../data-model';

/**
 * A change request that has not run yet and still may: waiting for approval (`REQUESTED`,
 * `SCHEDULE_REQUESTED`), or approved and waiting for its time (`SCHEDULED`). FME reports such a
 * request as the object's open one (docs/fme-api.md#scheduled-change-requests; for `SCHEDULED`
 * unconfirmed, see README.md "Fidelity").
 */
export function isPending(cr: ChangeRequestRecord): boolean {
  return cr.status === 'REQUESTED' || cr.status === 'SCHEDULE_REQUESTED' || cr.status === 'SCHEDULED';
}

/** Waiting for someone to approve, reject or withdraw it. */
export function awaitsDecision(cr: ChangeRequestRecord): boolean {
  return cr.status === 'REQUESTED' || cr.status === 'SCHEDULE_REQUESTED';
}
