/** An expression EventBridge would refuse; the message names the expression and what is wrong with it. */
export class ScheduleExpressionError extends Error {
  constructor(
    readonly expression: string,
    problem: string,
  ) {
    super(`Invalid schedule expression "${expression}": ${problem}`);
    this.name = 'ScheduleExpressionError';
  }
}
