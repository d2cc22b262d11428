/** `${Name}` placeholders of an ASL document, as CloudFormation's DefinitionSubstitutions replaces them. */
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

export function aslPlaceholders(definition: string): Set<string> {
  return new Set([...definition.matchAll(PLACEHOLDER)].map((match) => match[1]));
}

/**
 * Fails synth when the ASL uses a placeholder nothing substitutes (it would deploy a broken machine)
 * or when a substitution names a placeholder the ASL no longer has (the wiring has drifted).
 */
export function assertSubstitutionsMatch(file: string, definition: string, substitutions: Record<string, string>): void {
  const used = aslPlaceholders(definition);
  const missing = [...used].filter((name) => !(name in substitutions));
  const unused = Object.keys(substitutions).filter((name) => !used.has(name));
  if (missing.length > 0) throw new Error(`${file} uses \${${missing.join('}, ${')}} but the StateMachineSpec substitutes none of them`);
  if (unused.length > 0) throw new Error(`the StateMachineSpec for ${file} substitutes ${unused.join(', ')}, which the file does not use`);
}
