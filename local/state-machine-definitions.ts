import { readFileSync } from 'node:fs';
import path from 'node:path';
import { substitutedDefinition, type SubstitutionSources } from '#contracts/state-machine-definitions';
import type { StateMachineSpec } from '#contracts/wiring';

/** Reads a state machine's ASL file and applies its substitutions, exactly those the stack deploys it with. */
export function loadStateMachineDefinition(rootDir: string, spec: StateMachineSpec, sources: SubstitutionSources): Record<string, unknown> {
  return JSON.parse(substitutedDefinition(spec, readFileSync(path.resolve(rootDir, spec.file), 'utf8'), sources)) as Record<string, unknown>;
}
