import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The files `--persist` keeps next to DynamoDB Local's data (stream positions, executions, the payment
 * provider): each one replaced whole by a rename, so a process killed mid-write (`kill -9`) leaves the
 * previous version or the new one, never half of one.
 */
export function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value));
  renameSync(temporary, file);
}

/** The value kept in `file`, undefined when there is none; a file that is not JSON names itself in the error. */
export function readJsonFile<T>(file: string, what: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file} does not hold ${what} (${(error as Error).message}): delete it to start without it.`);
  }
}
