// The preview_isolation server: createPreviewServer over a repository with storeLoader (as
// `gitway preview` serves it), each stage's gateway in a worker thread ("on") or all on the
// main thread ("off"). usage: node isolationServer.mjs <gitdir> <port> <on|off>
import { createPreviewServer, storeLoader } from '@gitway/preview';

const [gitdir, port, isolation] = process.argv.slice(2);
const server = await createPreviewServer({ loadStage: storeLoader({ gitdir }), host: '127.0.0.1', port: Number(port), isolation: isolation === 'off' ? false : {} });
process.stdout.write(`listening ${server.address().port}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
