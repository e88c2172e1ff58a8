/**
 * Serializing resource specs for Terraform.
 *
 * cdktf writes strings verbatim into `cdk.tf.json`, where Terraform treats `${…}` and `%{…}` as
 * template syntax (docs/terraform-facts.md fact 8): a flag description like
 * `${file("/etc/passwd")}` would be evaluated at apply time. Every user-controlled string therefore
 * goes through `escapeTerraformTemplate` before it reaches the configuration
 * (docs/decisions.md#d4-no-injection-no-secrets).
 */

/**
 * JSON with object keys sorted at every level (arrays keep their order), so an unchanged app
 * synthesizes byte-identical specs and no-op deploys stay no-op.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * Escapes Terraform template sequences so Terraform reads the text literally:
 * `${` becomes `$${` and `%{` becomes `%%{`. Terraform turns them back into `${` and `%{`.
 */
export function escapeTerraformTemplate(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` would mean one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The spec as it is written into the Terraform configuration: canonical JSON, template-escaped. */
export function encodeSpecForTerraform(spec: unknown): string {
  return escapeTerraformTemplate(canonicalJson(spec));
}
