/** Quotes one argument for a POSIX shell when it holds anything but safe characters. */
export function shellQuote(arg: string): string {
  return /^[\w./@:=+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line a user can paste into a POSIX shell. */
export function shellCommand(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}
