import { IConstruct } from 'constructs';

/**
 * What each pipeline construct is, recorded on the instance under a global symbol, so that a rule can
 * ask "is my parent a stage?" without importing the stage's module (the layer check forbids import
 * cycles, and `stage.ts` already imports `element.ts`). `Symbol.for` keeps the brand recognisable
 * across two copies of the package in one app.
 */
export type PipelineBrand = 'FmePipeline' | 'Stage' | 'CustomStage' | 'ApprovalStage' | 'StepElement' | 'StepContainer' | 'RollbackSteps';

function key(brand: PipelineBrand): symbol {
  return Symbol.for(`cdktf-harness-fme.pipeline.${brand}`);
}

/** Marks `construct` as a `brand`. @internal */
export function setBrand(construct: IConstruct, brand: PipelineBrand): void {
  Object.defineProperty(construct, key(brand), { value: true });
}

/** Whether `x` carries `brand`. @internal */
export function hasBrand(x: unknown, brand: PipelineBrand): boolean {
  return x !== null && typeof x === 'object' && key(brand) in (x as object);
}
