/**
 * Rule `variable-declared`: every `<+pipeline.variables.NAME>` in the pipeline names a declared
 * pipeline variable (Harness would resolve an undeclared one to null at run time).
 *
 * @internal
 */
export function undeclaredVariableErrors(rendered: unknown, declared: string[]): string[] {
  const used = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/<\+pipeline\.variables\.([a-zA-Z_][0-9a-zA-Z_$-]*)/g)) used.add(m[1]);
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(rendered);
  return [...used].filter(u => !declared.includes(u)).sort()
    .map(u => `[variable-declared] <+pipeline.variables.${u}> is used but the pipeline declares no variable "${u}" `
      + `(declared: ${declared.length > 0 ? declared.join(', ') : 'none'}).`);
}
