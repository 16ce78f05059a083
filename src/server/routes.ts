import { activityRoutes } from '../modules/activities/activities.routes.js';
import { alertRoutes } from '../modules/alerts/alerts.routes.js';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import type { LoginThrottle } from '../modules/auth/login-throttle.js';
import { ddrRoutes } from '../modules/ddr/ddr.routes.js';
import { ddrSiteRoutes } from '../modules/ddr/sites.routes.js';
import { electionsRoutes } from '../modules/elections/elections.routes.js';
import { engagementsRoutes } from '../modules/engagements/engagements.routes.js';
import { factsheetRoutes } from '../modules/factsheet/factsheet.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { incidentRoutes } from '../modules/incidents/incidents.routes.js';
import { indicatorRoutes } from '../modules/indicators/indicators.routes.js';
import { justiceRoutes } from '../modules/justice/justice.routes.js';
import { mapRoutes } from '../modules/map/map.routes.js';
import { newsRoutes } from '../modules/news/news.routes.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { movementRoutes } from '../modules/operations/movements.routes.js';
import { operationRoutes } from '../modules/operations/operations.routes.js';
import { organisationRoutes } from '../modules/organisation/organisation.routes.js';
import { proposalRoutes } from '../modules/organisation/proposals.routes.js';
import { sectionRoutes } from '../modules/organisation/sections.routes.js';
import { peaceRoutes } from '../modules/peace/peace.routes.js';
import { projectRoutes } from '../modules/projects/projects.routes.js';
import { protectionRoutes } from '../modules/protection/protection.routes.js';
import { resultRoutes } from '../modules/results/results.routes.js';
import { situationRoutes } from '../modules/situation/situation.routes.js';
import { strengthRoutes } from '../modules/strength/strength.routes.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { worklistRoutes } from '../modules/worklist/worklist.routes.js';
import type { AppContext } from '../platform/context.js';
import type { Router } from '../platform/http.js';

export interface RouteDeps {
  throttle: LoginThrottle;
}

/** Every module's routes, mounted under /api. */
export async function registerRoutes(app: Router, ctx: AppContext, deps: RouteDeps): Promise<void> {
  healthRoutes(app, ctx);
  authRoutes(app, ctx, deps);
  organisationRoutes(app, ctx);
  sectionRoutes(app, ctx);
  proposalRoutes(app, ctx);
  indicatorRoutes(app, ctx);
  factsheetRoutes(app, ctx);
  strengthRoutes(app, ctx);
  incidentRoutes(app, ctx);
  mapRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  alertRoutes(app, ctx);
  protectionRoutes(app, ctx);
  projectRoutes(app, ctx);
  peaceRoutes(app, ctx);
  newsRoutes(app, ctx);
  justiceRoutes(app, ctx);
  ddrRoutes(app, ctx);
  resultRoutes(app, ctx);
  engagementsRoutes(app, ctx);
  electionsRoutes(app, ctx);
  activityRoutes(app, ctx);
  ddrSiteRoutes(app, ctx);
  operationRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app, ctx);
  worklistRoutes(app, ctx);
  notificationRoutes(app, ctx);
  situationRoutes(app, ctx);
  movementRoutes(app, ctx);
}
