// The yaml package, loaded when YAML is first read: synth writes YAML with
// cdk8s's own copy and never needs it.
import type * as YAML from 'yaml';

/** The yaml package. */
export function yamlParser(): typeof YAML {
  return require('yaml');
}

/** As Kubernetes reads manifests: `<<` merge keys; a file's oddities are the checks' to report, not the parser's to print. */
export const YAML_PARSE_OPTIONS = { merge: true, logLevel: 'error' } as const;
