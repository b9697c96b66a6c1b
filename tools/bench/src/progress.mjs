// Progress over the benchmark's steps: a cli-progress bar on a TTY, plain lines otherwise.
import cliProgress from 'cli-progress';

export function createProgress(total) {
  const tty = process.stderr.isTTY;
  const bar = tty ? new cliProgress.SingleBar({ format: 'bench [{bar}] {value}/{total} {step}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
  let i = 0;
  bar?.start(total, 0, { step: '' });
  return {
    start(step) {
      i++;
      if (bar) bar.update(i - 1, { step });
      else process.stderr.write(`[${i}/${total}] ${step}\n`);
    },
    done() {
      bar?.update(i);
    },
    log(line) {
      if (bar) process.stderr.write(`\n${line}\n`);
      else process.stderr.write(`${line}\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}
