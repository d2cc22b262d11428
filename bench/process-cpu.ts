/**
 * CPU time spent so far by this process (the runtime, its sandboxes and the bench's clients) and by its
 * java descendants (DynamoDB Local), read from /proc on Linux. CPU time is far less disturbed than wall
 * time by other work on a shared machine, so it compares two versions of the runtime where orders/s
 * cannot. Elsewhere the JVM's share reads 0.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSeconds {
  node: number;
  jvm: number;
}

export function cpuSeconds(): CpuSeconds {
  const { user, system } = process.cpuUsage();
  const processes = new Map<number, { parent: number; java: boolean; seconds: number }>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    // no /proc
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
      processes.set(Number(entry), { parent: Number(fields[1]), java: stat.includes('(java)'), seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let current = processes.get(pid)?.parent; current; current = processes.get(current)?.parent) if (current === process.pid) return true;
    return false;
  };
  let jvm = 0;
  for (const [pid, info] of processes) if (info.java && descends(pid)) jvm += info.seconds;
  return { node: (user + system) / 1e6, jvm };
}

/** CPU milliseconds: this process's (Node) and DynamoDB Local's. */
export interface CpuMs {
  node: number;
  dynamoDbLocal: number;
}

/** CPU milliseconds for each of `count` things (orders, requests, calls) done between two readings. */
export function cpuMsEach(before: CpuSeconds, after: CpuSeconds, count: number): CpuMs {
  return { node: ((after.node - before.node) * 1000) / count, dynamoDbLocal: ((after.jvm - before.jvm) * 1000) / count };
}
