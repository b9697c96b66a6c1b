import type { RouteContext } from './context.js';
import type { SafeHtml } from './html.js';
import { branchesApi, deploymentsApi, diffApi } from './api/deploymentsApi.js';
import { getStageApi, listStagesApi, stageHistoryApi } from './api/stagesApi.js';
import { planStageApi, updateStageApi } from './api/updateStageApi.js';
import { requestEventsStream, requestsApi } from './api/liveApi.js';
import { requestPage } from './pages/requestPage.js';
import { testInvokeApi } from './api/testInvokeApi.js';
import { deploymentsPage } from './pages/deploymentsPage.js';
import { diffPage } from './pages/diffPage.js';
import { stagePage } from './pages/stagePage.js';
import { stagesPage } from './pages/stagesPage.js';

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path; capture groups become (decoded) `params`. */
  pattern: RegExp;
  /** JSON API route: answers JSON (errors too); page routes answer HTML. */
  api?: (rc: RouteContext) => Promise<unknown>;
  page?: (rc: RouteContext) => Promise<SafeHtml>;
  /** A route that writes its own response (server-sent events). */
  stream?: (rc: RouteContext) => Promise<void>;
}

const SEG = '([^/]+)';

/** Every dashboard route; the first whose method and pattern match handles the request. */
export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/_gitway\/$/, page: stagesPage },
  { method: 'GET', pattern: new RegExp(`^/_gitway/stages/${SEG}$`), page: stagePage },
  { method: 'GET', pattern: new RegExp(`^/_gitway/stages/${SEG}/requests/${SEG}$`), page: requestPage },
  { method: 'GET', pattern: /^\/_gitway\/deployments$/, page: deploymentsPage },
  { method: 'GET', pattern: /^\/_gitway\/diff$/, page: diffPage },
  { method: 'GET', pattern: /^\/_gitway\/api\/stages$/, api: listStagesApi },
  { method: 'GET', pattern: new RegExp(`^/_gitway/api/stages/${SEG}$`), api: getStageApi },
  { method: 'POST', pattern: new RegExp(`^/_gitway/api/stages/${SEG}$`), api: updateStageApi },
  { method: 'POST', pattern: new RegExp(`^/_gitway/api/stages/${SEG}/plan$`), api: planStageApi },
  { method: 'POST', pattern: new RegExp(`^/_gitway/api/stages/${SEG}/test$`), api: testInvokeApi },
  { method: 'GET', pattern: new RegExp(`^/_gitway/api/stages/${SEG}/requests$`), api: requestsApi },
  { method: 'GET', pattern: new RegExp(`^/_gitway/api/stages/${SEG}/requests/events$`), stream: requestEventsStream },
  { method: 'GET', pattern: new RegExp(`^/_gitway/api/stages/${SEG}/history$`), api: stageHistoryApi },
  { method: 'GET', pattern: /^\/_gitway\/api\/deployments$/, api: deploymentsApi },
  { method: 'GET', pattern: /^\/_gitway\/api\/branches$/, api: branchesApi },
  { method: 'GET', pattern: /^\/_gitway\/api\/diff$/, api: diffApi },
];
