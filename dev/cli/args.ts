/** Minimal flag parsing for the dev CLIs (`--name value` and boolean `--flag`), with clear errors. */
export function parseArgs(
  argv: string[],
  spec: { values: string[]; flags: string[] },
): Record<string, string | boolean> {
  const result: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    if (spec.flags.includes(name)) result[name] = true;
    else if (spec.values.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      result[name] = value;
    } else throw new Error(`Unknown option --${name}`);
  }
  return result;
}
