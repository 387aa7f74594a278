import { SCOPES, type Scope, type Scoreboard } from './score';

const pad = (text: string, width: number) => text.padStart(width);

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export interface Row {
  readonly name: string;
  readonly board: Scoreboard;
  readonly seconds?: number;
  readonly cpuSeconds?: number;
  readonly note?: string;
}

const COLUMNS = SCOPES.map((s) => pad(s, 10)).join('');

export function header(): string {
  const block = (title: string) => {
    const width = COLUMNS.length;
    const left = Math.floor((width - title.length) / 2);
    return `${' '.repeat(left)}${title}${' '.repeat(width - left - title.length)}`;
  };
  const timing = `${pad('wall s', 7)} ${pad('cpu s', 7)} ${pad('series/s', 9)}`;
  return [
    `${''.padEnd(16)}|${block('sMAPE')} |${block('MASE')} |`,
    `${'method'.padEnd(16)}|${COLUMNS} |${COLUMNS} | ${timing}`,
  ].join('\n');
}

export function row(r: Row): string {
  const smape = SCOPES.map((s: Scope) => pad(fixed(r.board.smape(s), 2), 10)).join('');
  const mase = SCOPES.map((s: Scope) => pad(fixed(r.board.mase(s), 3), 10)).join('');
  const count = r.board.count('all');
  const timing =
    r.seconds === undefined
      ? `${pad('', 7)} ${pad('', 7)} ${pad('', 9)}`
      : `${pad(fixed(r.seconds, 2), 7)} ${pad(fixed(r.cpuSeconds ?? Number.NaN, 2), 7)} ${pad(fixed(count / r.seconds, 0), 9)}`;
  return `${r.name.padEnd(16)}|${smape} |${mase} | ${timing}${r.note ? `  ${r.note}` : ''}`.trimEnd();
}

export function rule(): string {
  return '-'.repeat(header().split('\n')[1]!.length);
}
