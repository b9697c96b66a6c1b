export { createPreviewServer, createPreviewHandler } from './server.js';
export type { LoadedStage, PreviewServerOptions } from './server.js';
export { storeLoader, type StoreLoader } from './storeLoader.js';
export { createDashboard, DASHBOARD_PREFIX } from './dashboard/index.js';
export type { DashboardOptions } from './dashboard/index.js';
export { isExposedBind } from './dashboard/access.js';
export type { IsolationOptions } from './isolation/isolatedGateway.js';
