import { Router } from '../router';
import { addChangeRequestRoutes } from './change-requests';
import { addDefinitionRoutes } from './definitions';
import { addEnvironmentRoutes } from './environments';
import { addFlagSetRoutes } from './flag-sets';
import { addFlagRoutes } from './flags';
import { addLargeSegmentRoutes } from './large-segments';
import { AdminHandler } from './request';
import { addRolloutStatusRoutes } from './rollout-statuses';
import { addRuleBasedSegmentRoutes } from './rule-based-segments';
import { addSegmentRoutes } from './segments';
import { addTagRoutes } from './tags';
import { addTrafficTypeRoutes } from './traffic-types';
import { addWorkspaceRoutes } from './workspaces';

/**
 * The Admin API v2 routes, relative to `/internal/api/v2`. Order matters where patterns look
 * alike: definition routes (longer, literal `environments`) come before flag routes.
 */
export function adminRouter(): Router<AdminHandler> {
  const router = new Router<AdminHandler>();
  addWorkspaceRoutes(router);
  addEnvironmentRoutes(router);
  addTrafficTypeRoutes(router);
  addRolloutStatusRoutes(router);
  addDefinitionRoutes(router);
  addFlagRoutes(router);
  addTagRoutes(router);
  addSegmentRoutes(router);
  addRuleBasedSegmentRoutes(router);
  addLargeSegmentRoutes(router);
  addChangeRequestRoutes(router);
  return router;
}

/** The Admin API v3 routes (flag sets), relative to `/internal/api/v3` and `/api/v3`. */
export function adminV3Router(): Router<AdminHandler> {
  const router = new Router<AdminHandler>();
  addFlagSetRoutes(router);
  return router;
}
