// `--help` for the scripts: answered before a script starts anything (a
// database, a simulator, a build).
export function answerHelp(usage: string): void {
  if (process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) {
    console.log(usage.trim());
    process.exit(0);
  }
}
