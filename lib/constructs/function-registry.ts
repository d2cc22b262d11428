import type { FunctionSpec } from '../wiring';
import type { ServiceFunction } from './service-function';

/** Every function of the stack by its catalogue id, for the constructs that route to them. */
export class FunctionRegistry {
  private readonly byId = new Map<string, ServiceFunction>();

  static of(...groups: { functions: ReadonlyMap<string, ServiceFunction> }[]): FunctionRegistry {
    const registry = new FunctionRegistry();
    for (const group of groups) for (const [id, fn] of group.functions) registry.add(id, fn);
    return registry;
  }

  add(id: string, fn: ServiceFunction): void {
    if (this.byId.has(id)) throw new Error(`function id "${id}" appears twice in the function catalogue`);
    this.byId.set(id, fn);
  }

  /** The function with that id; `usedBy` names who asks, so that a wiring mistake points at its source. */
  get(id: string, usedBy: string): ServiceFunction {
    const fn = this.byId.get(id);
    if (!fn) throw new Error(`${usedBy} names function "${id}", which the function catalogue does not define`);
    return fn;
  }

  /** Fails when a catalogue entry was created by no bounded-context construct (a context nobody owns). */
  assertCovers(specs: FunctionSpec[]): void {
    const orphans = specs.filter((spec) => !this.byId.has(spec.id));
    if (orphans.length > 0) {
      throw new Error(`no bounded-context construct creates ${orphans.map((spec) => `${spec.id} (context ${spec.context})`).join(', ')}`);
    }
  }

  all(): ServiceFunction[] {
    return [...this.byId.values()];
  }
}
