// The HTTP backend of the preview_proxy_rps row: answers every request with the same small
// JSON document (keep-alive, as most backends do).
// usage: node backend.mjs <port>
import { createServer } from 'node:http';

const body = Buffer.from(JSON.stringify({ id: '7', name: 'seven', tags: ['a', 'b'] }));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
