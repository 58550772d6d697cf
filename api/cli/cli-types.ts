/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  readonly isTty: boolean;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `proviso --help`. */
  readonly summary: string;
  /** Full usage text printed on usage errors and `proviso <cmd> --help`. */
  readonly usage: string;
  /** Returns the exit code: 0 ok, 1 findings/failure, 2 usage error. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Thrown by argument parsing; the dispatcher prints it with the usage and exits 2. */
export class UsageError extends Error {}
