/**
 * `npx tsx bench/throughput-bench.ts`: only the local runtime's speed figures of `npm run bench` (its
 * part a), in about a minute and a half: DynamoDB Local's raw conditional puts, orders at 16 concurrent
 * clients against the storage bound, and the open loop from `npm start`'s ready line. For measuring a
 * change to the runtime without the whole bench; it writes nothing. `--cpu-prof` on this process
 * (and `--open-loop-node-args=--cpu-prof`) profiles it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appWiring } from '#lib/wiring';
import { startBenchRuntime } from './bench-runtime';
import { measureConditionalPuts } from './dynamodb-raw-puts';
import { storageBoundOrdersPerSecond } from './goals';
import { measureOpenLoopFromReady } from './open-loop';
import { measureOrderThroughput } from './order-throughput';
import { cpuMsEach, cpuSeconds } from './process-cpu';
import { IN_STOCK_SKUS, withRuntime } from './workflow-paths';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    'open-loop-only': { type: 'boolean', default: false },
    'throughput-only': { type: 'boolean', default: false },
    'open-loop-node-args': { type: 'string', default: '' },
  },
});
const CONCURRENCY = 16;

const RAW_PUTS = 2000;
const WARM_UP_ORDERS = 2 * CONCURRENCY;

async function main(): Promise<void> {
  // The open loop first, on a machine no runtime has used yet (bench/run.ts says why).
  if (!values['throughput-only']) {
    const nodeArguments = values['open-loop-node-args'] ? values['open-loop-node-args'].split(' ') : [];
    const open = await measureOpenLoopFromReady({ rootDir: root, offeredPerSecond: 10, seconds: 15, nodeArguments });
    process.stdout.write(
      `open loop from ready: ${open.offeredPerSecond}/s for ${open.seconds} s: p50 ${open.p50Ms.toFixed(0)} ms p99 ${open.p99Ms.toFixed(0)} ms max ${open.maxMs.toFixed(0)} ms; ` +
        `statuses ${JSON.stringify(open.statuses)}; ready after ${open.readyMs} ms; slowest by second ${open.slowestBySecondMs.join(' ')}\n`,
    );
  }
  if (!values['open-loop-only']) {
    const runtime = await startBenchRuntime({ rootDir: root, wiring: appWiring });
    await withRuntime(runtime, appWiring, IN_STOCK_SKUS, async (client, meter) => {
      const { perSecond: before } = await measureConditionalPuts(runtime.dynamoDbEndpoint, runtime.tableName, RAW_PUTS, CONCURRENCY);
      const cpuBefore = cpuSeconds();
      const throughput = await measureOrderThroughput(runtime, client, meter, {
        orders: 1500,
        stopAfterSeconds: Number(values.seconds),
        concurrency: CONCURRENCY,
        skus: IN_STOCK_SKUS,
        warmUpOrders: WARM_UP_ORDERS,
      });
      const cpuAfter = cpuSeconds();
      const { perSecond: after } = await measureConditionalPuts(runtime.dynamoDbEndpoint, runtime.tableName, RAW_PUTS, CONCURRENCY);
      const cpu = cpuMsEach(cpuBefore, cpuAfter, throughput.accepted + WARM_UP_ORDERS);
      const bound = storageBoundOrdersPerSecond(Math.max(before, after), throughput.dynamoDbCallsPerAcceptedOrder);
      process.stdout.write(
        `throughput: ${throughput.acceptedPerSecond.toFixed(1)} accepted/s of a ${bound.toFixed(1)}/s bound = ${((throughput.acceptedPerSecond / bound) * 100).toFixed(0)}% ` +
          `(puts/s ${before.toFixed(0)} before, ${after.toFixed(0)} after; ${throughput.dynamoDbCallsPerAcceptedOrder.toFixed(1)} calls/order); ` +
          `POST p50 ${throughput.latencyMs.p50.toFixed(0)} ms p99 ${throughput.latencyMs.p99.toFixed(0)} ms; sagas/s ${throughput.sagasPerSecond.toFixed(1)}, ` +
          `rejected ${JSON.stringify(throughput.rejected)}; CPU ms per order (the warm-up's orders and sandbox starts included): Node ` +
          `${cpu.node.toFixed(0)}, DynamoDB Local ${cpu.dynamoDbLocal.toFixed(0)}\n`,
      );
    });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
