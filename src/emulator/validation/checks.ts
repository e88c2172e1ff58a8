import { badRequest } from '../errors';

/** Small type guards shared by the validation rules. Every failure is a 400 naming the field. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw badRequest(`${where} must be a JSON object`);
  return value;
}

export function requireArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest(`${where} must be a JSON array`);
  return value;
}

export function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`${where} must be a non-empty string`);
  return value;
}

export function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${where} must be a string`);
  return value;
}

export function requireStringList(value: unknown, where: string, options: { allowEmpty?: boolean } = {}): string[] {
  const list = requireArray(value, where);
  if (!options.allowEmpty && list.length === 0) throw badRequest(`${where} must not be empty`);
  list.forEach((v, i) => requireString(v, `${where}[${i}]`));
  return list as string[];
}

export function requireNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${where} must be a number`);
  return value;
}

export function requireIntegerInRange(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${where} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalBoolean(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${where} must be true or false`);
  return value;
}
