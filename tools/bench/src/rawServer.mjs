// The anchor for preview: a raw node:http server answering every request with fixed bytes
// (the status, headers and body the preview returned for the benchmarked route).
// usage: node rawServer.mjs <port> <response.json>   ({ statusCode, headers, bodyBase64 })
import fs from 'node:fs';
import { createServer } from 'node:http';

const [port, file] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const body = Buffer.from(r.bodyBase64, 'base64');
const headers = { ...r.headers, 'content-length': body.length };
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(r.statusCode, headers);
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
