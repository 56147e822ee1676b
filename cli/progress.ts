import cliProgress from 'cli-progress';
import type { BuildProgress } from '../loaders/build.ts';

const number = new Intl.NumberFormat('en-US');

/**
 * Progress on stderr: a live bar per input file on a terminal, one line per finished step otherwise
 * (CI logs), so stdout stays clean for `--format json` and pipes.
 */
export function buildProgressReporter(stream: NodeJS.WriteStream = process.stderr): (event: BuildProgress) => void {
  const live = stream.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let currentFile = '';
  const finishFile = (): void => {
    bar?.stop();
    bar = null;
  };
  return (event) => {
    if (event.phase === 'read') {
      if (event.file !== currentFile) {
        finishFile();
        currentFile = event.file;
        if (live) {
          bar = new cliProgress.SingleBar(
            {
              stream,
              format: `  read {file} [{bar}] {percentage}% | {rows} rows`,
              hideCursor: true,
              clearOnComplete: false,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(Math.max(event.totalBytes, 1), 0, { file: event.file, rows: '0' });
        }
      }
      bar?.update(event.bytes, { file: event.file, rows: number.format(event.rows) });
      if (!live && event.bytes >= event.totalBytes)
        stream.write(`  read ${event.file}: ${number.format(event.rows)} rows\n`);
    } else if (event.phase === 'derive') {
      finishFile();
      stream.write('  deriving the model (stage entries, resolved regions, leads, campaigns)…\n');
    } else {
      stream.write(`  wrote ${event.table}: ${number.format(event.rows)} rows\n`);
    }
  };
}
