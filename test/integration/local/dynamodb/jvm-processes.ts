import { execFileSync } from 'node:child_process';

/** DynamoDB Local JVMs running on this machine, per `ps`. */
export function dynamoDbLocalProcesses(): { pid: number; args: string }[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2]!.includes('DynamoDBLocal.jar') && !match[2]!.startsWith('sh -c'))
    .map((match) => ({ pid: Number(match[1]), args: match[2]! }));
}

export const jvmOnPort = (port: number) => dynamoDbLocalProcesses().filter((process) => process.args.includes(`-port ${port} `));

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}
