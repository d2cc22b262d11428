/**
 * The child-process side of runBrowserScript (browser-process.ts): runs `script` on the JSON request
 * in argv[2] and prints its answer as JSON, or the error's message on stderr with exit code 1.
 */
export function runAsBrowserScript<Request, Answer>(script: (request: Request) => Promise<Answer>): void {
  script(JSON.parse(process.argv[2]!) as Request).then(
    (answer) => {
      process.stdout.write(JSON.stringify(answer));
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
