import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { appWiring } from '#lib/wiring';

/** The app as lib/wiring puts it together from every folder's wiring.ts. */
const ROOT = path.resolve(__dirname, '../../..');

describe('the assembled app wiring', () => {
  test('every function has an entry file, and handlers/ holds nothing but entry files', () => {
    const entries = new Set(appWiring.functions.map((fn) => fn.entry));
    for (const entry of entries) expect({ entry, exists: existsSync(path.join(ROOT, entry)) }).toEqual({ entry, exists: true });
    const folders = readdirSync(path.join(ROOT, 'functions')).filter((folder) => existsSync(path.join(ROOT, 'functions', folder, 'handlers')));
    const handlerFiles = folders.flatMap((folder) =>
      readdirSync(path.join(ROOT, 'functions', folder, 'handlers')).map((file) => `functions/${folder}/handlers/${file}`),
    );
    expect(handlerFiles.filter((file) => !entries.has(file))).toEqual([]);
  });

  test('ids are unique: functions, routes (method and path), rules, consumers, schedules, state machines, queues', () => {
    const unique = (values: string[]) => expect(values.filter((value, index) => values.indexOf(value) !== index)).toEqual([]);
    unique(appWiring.functions.map((fn) => fn.id));
    unique(appWiring.routes.map((route) => `${route.method} ${route.path}`));
    unique(appWiring.contracts.map((contract) => contract.operationId));
    unique(appWiring.eventRules.map((rule) => rule.id));
    unique(appWiring.streamConsumers.map((consumer) => consumer.id));
    unique(appWiring.schedules.map((schedule) => schedule.id));
    unique(appWiring.stateMachines.map((machine) => machine.id));
    unique(appWiring.queues.map((queue) => queue.id));
  });

  test('every route, rule target, consumer, schedule and state-machine task names a declared function', () => {
    const functions = new Set(appWiring.functions.map((fn) => fn.id));
    const named = [
      appWiring.authorizer.functionId,
      ...appWiring.routes.map((route) => route.functionId),
      ...appWiring.eventRules.flatMap((rule) => rule.targets.flatMap((target) => (target.kind === 'function' ? [target.functionId] : []))),
      ...appWiring.streamConsumers.map((consumer) => consumer.functionId),
      ...appWiring.schedules.map((schedule) => schedule.functionId),
      ...appWiring.stateMachines.flatMap((machine) => Object.values(machine.functionArns)),
    ];
    expect(named.filter((id) => !functions.has(id))).toEqual([]);
  });
});
