/**
 * Reference rules: an expression that names something the pipeline does not declare resolves to
 * null at run time (Harness reports no error; the step then runs with an empty value), so the
 * library refuses it at synth.
 *
 * - `variable-declared`: every `<+pipeline.variables.NAME>` names a declared pipeline variable, and
 *   every `<+pipeline.stages.STAGE.variables.NAME>` a stage of the pipeline and one of its variables;
 * - `stage-variable-declared`: every `<+stage.variables.NAME>` names a variable of the stage it is in;
 * - `matrix-axis-declared`: every `<+matrix.AXIS>` names an axis of a matrix strategy on the element
 *   itself or on an enclosing step group or stage; `<+repeat.item>` needs an enclosing `repeat.items`;
 * - `expression-root`: `<+pipeline.variable.x>` and `<+stage.variable.x>` (singular) are typos of the
 *   `variables` roots.
 */

/** Every string in a rendered value, depth first. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach(v => strings(v, out));
  return out;
}

function matches(texts: string[], pattern: RegExp): string[][] {
  return texts.flatMap(t => [...t.matchAll(pattern)].map(m => [...m]));
}

const NAME = '([a-zA-Z_][0-9a-zA-Z_$-]*)';

/**
 * Pipeline-level references in the rendered pipeline document.
 *
 * @internal
 */
export function undeclaredVariableErrors(rendered: unknown, declared: string[], stages: { [identifier: string]: string[] } = {}): string[] {
  const texts = strings(rendered);
  const used = new Set(matches(texts, new RegExp(`<\\+pipeline\\.variables\\.${NAME}`, 'g')).map(m => m[1]));
  const errors = [...used].filter(u => !declared.includes(u)).sort()
    .map(u => `[variable-declared] <+pipeline.variables.${u}> is used but the pipeline declares no variable "${u}" `
      + `(declared: ${declared.length > 0 ? declared.join(', ') : 'none'}).`);
  const stageRefs = new Set(matches(texts, new RegExp(`<\\+pipeline\\.stages\\.${NAME}\\.variables\\.${NAME}`, 'g')).map(m => `${m[1]}.${m[2]}`));
  for (const ref of [...stageRefs].sort()) {
    const [stage, name] = ref.split('.');
    if (!(stage in stages)) {
      errors.push(`[variable-declared] <+pipeline.stages.${stage}.variables.${name}> names no stage of this pipeline (stages: ${Object.keys(stages).join(', ') || 'none'}).`);
    } else if (!stages[stage].includes(name)) {
      errors.push(`[variable-declared] <+pipeline.stages.${stage}.variables.${name}> is used but stage "${stage}" declares no variable "${name}".`);
    }
  }
  const typos = new Set(matches(texts, /<\+(pipeline|stage)\.variable\.([^>]*)>/g).map(m => m[0]));
  errors.push(...[...typos].sort().map(t => `[expression-root] ${t} is not a Harness expression (the root is "variables", plural); `
    + `write ${t.replace('.variable.', '.variables.')}.`));
  return errors;
}

/** Matrix axes and whether `repeat.items` is set, declared by an element's own `strategy`. */
function declaredByStrategy(node: { [key: string]: any }): { axes: string[]; repeatItems: boolean } {
  const strategy = node.strategy;
  if (!strategy || typeof strategy !== 'object') return { axes: [], repeatItems: false };
  const matrix = strategy.matrix && typeof strategy.matrix === 'object' ? strategy.matrix : {};
  return {
    axes: Object.keys(matrix).filter(k => !['maxConcurrency', 'exclude', 'nodeName'].includes(k)),
    repeatItems: Array.isArray(strategy.repeat?.items),
  };
}

/**
 * Stage-scoped references in one rendered stage (`{name, identifier, type, spec, variables, strategy, ...}`).
 *
 * @internal
 */
export function scopedReferenceErrors(stage: { [key: string]: any }, stageIdentifier: string, stageVariables: string[]): string[] {
  const errors = new Set<string>();
  const texts = strings(stage);
  for (const [, name] of matches(texts, new RegExp(`<\\+stage\\.variables\\.${NAME}`, 'g'))) {
    if (!stageVariables.includes(name)) {
      errors.add(`[stage-variable-declared] <+stage.variables.${name}> is used in stage "${stageIdentifier}", which declares no variable "${name}" `
        + `(declared: ${stageVariables.length > 0 ? stageVariables.join(', ') : 'none'}).`);
    }
  }
  // Walk with the axes in scope: an element's strategy covers the element and everything inside it.
  const walk = (value: unknown, axes: string[], repeatItems: boolean): void => {
    if (typeof value === 'string') {
      for (const [, axis] of matches([value], new RegExp(`<\\+matrix\\.${NAME}`, 'g'))) {
        if (!axes.includes(axis)) {
          errors.add(`[matrix-axis-declared] <+matrix.${axis}> is used in stage "${stageIdentifier}" where no enclosing matrix strategy `
            + `declares the axis "${axis}" (axes in scope: ${axes.length > 0 ? axes.join(', ') : 'none'}).`);
        }
      }
      if (/<\+repeat\.item>/.test(value) && !repeatItems) {
        errors.add(`[matrix-axis-declared] <+repeat.item> is used in stage "${stageIdentifier}" where no enclosing strategy repeats over items `
          + '(LoopingStrategy.repeatItems).');
      }
    } else if (Array.isArray(value)) {
      value.forEach(v => walk(v, axes, repeatItems));
    } else if (value && typeof value === 'object') {
      const own = declaredByStrategy(value as { [key: string]: any });
      Object.values(value).forEach(v => walk(v, [...axes, ...own.axes], repeatItems || own.repeatItems));
    }
  };
  walk(stage, [], false);
  return [...errors];
}
