/**
 * A small `--name value` / `--flag` argument parser for the operational scripts, so they run with
 * nothing but Node and tsx. Unknown options are an error (a typo must not silently change a backup).
 */
export interface ParsedArgs {
  values: Record<string, string>;
  flags: Set<string>;
  positional: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(
  argv: string[],
  spec: { values?: readonly string[]; flags?: readonly string[] },
): ParsedArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  const valueNames = new Set(spec.values ?? []);
  const flagNames = new Set(spec.flags ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flagNames.has(rawName)) {
      if (inline !== undefined) throw new UsageError(`--${rawName} takes no value`);
      flags.add(rawName);
    } else if (valueNames.has(rawName)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${rawName} needs a value`);
      }
      values[rawName] = value;
    } else {
      throw new UsageError(`unknown option --${rawName}`);
    }
  }
  return { values, flags, positional };
}

/** Runs a script's main function: usage errors exit 2, other failures exit 1, with one clear line. */
export function runMain(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n\n${usage}`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
