// The anchor of preview_proxy_rps: a raw node:http reverse proxy doing the same hop as an
// HTTP_PROXY route (keep-alive agent to the backend, the path forwarded, the answer relayed).
// usage: node rawProxy.mjs <port> <backend url>
import http from 'node:http';

const [port, backend] = process.argv.slice(2);
const target = new URL(backend);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const server = http.createServer((req, res) => {
  const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host }, agent }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', () => (res.headersSent ? res.destroy() : (res.writeHead(502), res.end())));
  req.pipe(up);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
