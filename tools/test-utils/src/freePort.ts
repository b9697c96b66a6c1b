import net from 'node:net';

/**
 * A loopback port free at the time of the call, for a child process that must be told its
 * port up front (in-process servers listen on port 0 instead).
 */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
