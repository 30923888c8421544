/**
 * Runs a bench's main: its exit code is the one main returns (non-zero when a check failed); an
 * error is printed and exits 1 at once (open handles of a failed setup must not keep it alive).
 */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
