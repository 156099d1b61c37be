/** A failure the user caused or must fix: one clear line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input that cannot be read: named in one line; the other inputs are still processed. */
export class InputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export function describeFsError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'ENOTDIR'
        ? 'no such file (a part of the path is not a directory)'
        : code === 'ENAMETOOLONG'
          ? 'no such file (the name is too long)'
          : code === 'EISDIR'
            ? 'is a directory, not a trace file'
            : code === 'EACCES' || code === 'EPERM'
              ? 'permission denied'
              : code === 'EMFILE'
                ? 'too many open files'
                : error instanceof Error
                  ? error.message
                  : String(error);
  return new InputError(path, why);
}
