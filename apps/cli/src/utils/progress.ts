import type { Context } from '../context.js';

/**
 * A progress bar on stderr when it is a terminal (and not --json/--quiet); a no-op
 * otherwise. cli-progress is loaded only when a bar is shown.
 */
export async function progressBar(ctx: Context, label: string): Promise<{ update(done: number, total: number, phase?: string): void; stop(): void }> {
  if (!ctx.tty || ctx.quiet || ctx.json) return { update() {}, stop() {} };
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {phase}`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, phase = `${done}/${total}`) {
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { phase });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
