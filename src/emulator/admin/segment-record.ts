import { randomUUID } from 'crypto';
import { RuleBasedSegmentRecord } from '../data-model';
import { badRequest, conflict } from '../errors';
import { AdminRequest } from './request';
import * as resolve from './resolve';
import { optionalString, requireObject, requireString } from '../validation/checks';

/** FME's segment name rule, shared by standard, large and rule-based segments (docs/fme-api.md#segments). */
const SEGMENT_NAME = /^[a-zA-Z][-_a-zA-Z0-9]{0,99}$/;

/**
 * Reads a create request for a segment of any kind (`POST …/ws/{ws}/trafficTypes/{tt}` with
 * `{name, description}`) into the fields every kind's record has: the name must follow FME's rule
 * (400), and `taken` (a name already used in the workspace) is 409. `what` names the kind in
 * messages ("Segment", "Large segment", "Rule-based segment").
 */
export function newSegmentFields(req: AdminRequest, what: string, taken: (workspaceId: string, name: string) => boolean): RuleBasedSegmentRecord {
  const ws = resolve.workspace(req.store, req.params.ws);
  const tt = resolve.trafficType(req.store, ws, req.params.tt);
  const body = requireObject(req.json(), what.toLowerCase());
  const name = requireString(body.name, 'name');
  if (!SEGMENT_NAME.test(name)) throw badRequest(`${what} name '${name}' is invalid: start with a letter; letters, digits, '-' and '_' only`);
  if (taken(ws.id, name)) throw conflict(`${what} ${name} already exists in workspace ${ws.name}`);
  return {
    id: randomUUID(),
    workspaceId: ws.id,
    name,
    trafficTypeId: tt.id,
    creationTime: Date.now(),
    description: optionalString(body.description, 'description') ?? '',
  };
}
