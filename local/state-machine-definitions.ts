import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stateMachineSubstitutions, type SubstitutionSources } from '../lib/wiring/state-machine-substitutions';
import type { StateMachineSpec } from '../lib/wiring/types';

/**
 * Reads a state machine's ASL file and applies its substitutions as Step Functions'
 * `definitionSubstitutions` does; a placeholder left without a value is an error, not a silent `${…}`.
 */
export function loadStateMachineDefinition(rootDir: string, spec: StateMachineSpec, sources: SubstitutionSources): Record<string, unknown> {
  const substitutions = stateMachineSubstitutions(spec, sources);
  const text = readFileSync(path.resolve(rootDir, spec.file), 'utf8').replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${spec.file}: no substitution for ${whole}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}
