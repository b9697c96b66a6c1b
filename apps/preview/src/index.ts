export { createPreviewServer } from './server.js';
export type { LoadedStage, PreviewServerOptions } from './server.js';
export { storeLoader } from './storeLoader.js';
