/**
 * The dashboard's script (/_gitway/assets/app.js, an ES module compiled by tsc from
 * apps/preview/client): change the active deployment, the stage editors (each reviewed
 * through core's validation, then saved as one compare-and-swap stage commit), name/value
 * editors, method settings, live requests, the Test panel. Pages are complete without it.
 */
import { restoreFlash } from './dom.js';
import { initDeploymentChange } from './deployment.js';
import { initLiveRequests } from './live.js';
import { initMapEditors } from './mapEditor.js';
import { initMethodSettings } from './methodSettings.js';
import { initEditors } from './review.js';
import { initTestPanel } from './test.js';

restoreFlash();
initDeploymentChange();
initMapEditors();
initMethodSettings();
initEditors();
initLiveRequests();
initTestPanel();
