import { canonicalJson, encodeSpecForTerraform, escapeTerraformTemplate } from '../../src/spec/encode';

describe('spec encoding', () => {
  test('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('escapes Terraform template sequences', () => {
    expect(escapeTerraformTemplate('${file("/etc/passwd")}')).toBe('$${file("/etc/passwd")}');
    expect(escapeTerraformTemplate('%{ if true }x%{ endif }')).toBe('%%{ if true }x%%{ endif }');
    // Already-escaped text gains one more escape, so Terraform still yields the original text.
    expect(escapeTerraformTemplate('$${x} %%{y}')).toBe('$$${x} %%%{y}');
    expect(escapeTerraformTemplate('$ { and % { and $x')).toBe('$ { and % { and $x');
  });

  test('encodes a spec as escaped canonical JSON', () => {
    expect(encodeSpecForTerraform({ description: '${x}', a: 1 })).toBe('{"a":1,"description":"$${x}"}');
  });
});
