/**
 * The last line of defence: an error nothing caught (a rejected promise nobody awaited, a throw in a
 * timer) is printed as one line, never a stack trace, and the process exits with code 1 instead of
 * running on in an unknown state. Installed once by `src/cli.ts`, before any command runs.
 */
export function installFatalHandlers(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const fail = (kind: string) => (reason: unknown) => {
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    write(`Hiroba stopped on an unexpected ${kind}: ${message.split('\n')[0] ?? ''}`);
    exit(1);
  };
  process.on('unhandledRejection', fail('error (unhandled rejection)'));
  process.on('uncaughtException', fail('error'));
}
