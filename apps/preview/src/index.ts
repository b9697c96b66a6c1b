export { createPreviewServer } from './server.js';
export type { LoadedStage, PreviewServerOptions } from './server.js';
export { storeLoader, type StoreLoader } from './storeLoader.js';
