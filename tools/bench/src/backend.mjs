// The HTTP backend of the preview_proxy_rps row: answers every request with the same small
// JSON document (keep-alive, as most backends do).
// usage: node backend.mjs <port>
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ id: '7', name: 'seven', tags: ['a', 'b'] }));
let count = 0;
const server = createServer((req, res) => {
  req.resume();
  // GET /_count: how many other requests it answered (the cache row checks the cache works)
  if (req.url === '/_count') return res.end(String(count));
  count++;
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
