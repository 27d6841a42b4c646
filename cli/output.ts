// How commands answer: JSON (one document on stdout) or lines for people;
// a failure is one line on stderr and exit code 1.

/** A command that could not do what it was asked (an unknown id, a shop that is not installed): exit 1. */
export class CliFailure extends Error {
  override name = "CliFailure";
}

export function print(json: boolean, document: unknown, lines: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(document)}\n` : `${lines().join("\n")}\n`);
}
