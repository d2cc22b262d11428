import { isRetryable, type Answer } from './shop-client';

/**
 * The API's promises about the answers a client retries: every error is RFC 9457 problem+json and
 * leaks nothing of the inside (no stack trace, no ARN, no table name); a 409 "still in progress" and a
 * 429 say when to come back (Retry-After). Answers the ones that break them, one line each.
 */
export function unexpectedRetryableAnswers(answers: Answer[], tableName: string): string[] {
  const broken: string[] = [];
  for (const answer of answers) {
    // Status 0 is no answer at all (the connection failed): nothing to judge.
    if (!isRetryable(answer.status) || answer.status === 0) continue;
    const line = `${answer.status} ${answer.headers.get('content-type') ?? '(no content-type)'} ${answer.text}`;
    if (!isProblem(answer)) broken.push(`not problem+json: ${line}`);
    else if (leaks(answer.text, tableName)) broken.push(`leaks internals: ${line}`);
    if ((answer.status === 409 || answer.status === 429) && !(Number(answer.headers.get('retry-after')) > 0)) broken.push(`no Retry-After: ${line}`);
  }
  return broken;
}

function isProblem(answer: Answer): boolean {
  const problem = answer.body as Record<string, unknown> | undefined;
  return (
    answer.headers.get('content-type') === 'application/problem+json' &&
    problem?.status === answer.status &&
    typeof problem.type === 'string' &&
    typeof problem.title === 'string' &&
    typeof problem.detail === 'string'
  );
}

/** A stack frame, a source position, an ARN, an AWS exception or service name, the table's name. */
const leaks = (text: string, tableName: string): boolean => /\n\s+at |\.[jt]s:\d+|arn:aws|Exception|DynamoDB/i.test(text) || text.includes(tableName);
