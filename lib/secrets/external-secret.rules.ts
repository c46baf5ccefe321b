import { defineRules } from '../engine/rule';

const ESO = 'external-secrets v2.9.0 apis/externalsecrets/v1';

/** Rules of an `external-secrets.io/v1` ExternalSecret. */
export const EXTERNAL_SECRET_RULES = defineRules({
  ES_NO_DATA: {
    id: 'SECRET-ES-001',
    title: 'an ExternalSecret needs `data` or `dataFrom`',
    why: 'The ESO webhook rejects it: "either data or dataFrom should be specified".',
    fix: 'map at least one variable in `keys`',
    yamlFix: 'map at least one key in `spec.data` (`secretKey` and `remoteRef.key`), or use `spec.dataFrom`',
    upstream: `${ESO}/externalsecret_validator.go#L60-62`,
    effect: 'reject',
  },
  ES_POLICIES: {
    id: 'SECRET-ES-002',
    title: 'the deletion policy must fit the creation policy',
    why: 'The ESO webhook rejects `deletionPolicy: Delete` unless ESO owns the Secret (creation policy Owner or Orphan), and `deletionPolicy: Merge` with `creationPolicy: None`.',
    fix: 'use `DeletionPolicy.RETAIN` with `CreationPolicy.MERGE`/`NONE`, or let ESO own the Secret (`CreationPolicy.OWNER`)',
    yamlFix: 'set `spec.target.deletionPolicy: Retain` with `creationPolicy: Merge`/`None`, or let ESO own the Secret (`creationPolicy: Owner`)',
    upstream: `${ESO}/externalsecret_validator.go#L117-126`,
    effect: 'reject',
  },
  ES_DUPLICATE_KEY: {
    id: 'SECRET-ES-003',
    title: 'two `data` entries write the same key of the Secret',
    why: 'With the default `deletionPolicy: Retain` the ESO webhook rejects duplicate `secretKey`s; with other policies the last one silently wins.',
    fix: 'give each entry its own `secretKey`',
    upstream: `${ESO}/externalsecret_validator.go#L214-226`,
    effect: 'reject',
  },
  ES_REFRESH: {
    id: 'SECRET-ES-004',
    title: '`refreshInterval` must be a non-negative Go duration',
    why: 'The field is a metav1.Duration: a value `time.ParseDuration` refuses fails to decode in the ESO webhook (failurePolicy Fail), so the object is rejected.',
    fix: 'use `refreshInterval: Duration.hours(1)` (rendered `1h0m0s`), or `Duration.seconds(0)` to fetch once',
    yamlFix: 'set `spec.refreshInterval` to a Go duration such as `"1h"`, or `"0"` to fetch once',
    upstream: `${ESO}/externalsecret_types.go#L592-598 (*metav1.Duration)`,
    effect: 'reject',
  },
  ES_SECRET_KEY: {
    id: 'SECRET-ES-005',
    title: 'a `secretKey` must be a valid Secret key',
    why: 'The CRD schema requires `^[-._a-zA-Z0-9]+$` (1-253 characters); the API server rejects the ExternalSecret.',
    fix: 'use letters, digits, `-`, `_` and `.` only',
    upstream: 'crd:external-secrets/externalsecrets.yaml#L68-206 (data[].secretKey pattern)',
    effect: 'reject',
  },
  ES_NAMES: {
    id: 'SECRET-ES-006',
    title: 'the store and target names must be DNS-1123 subdomains',
    why: 'The CRD schema patterns reject other `secretStoreRef.name` and `target.name` values.',
    fix: 'use the lowercase Kubernetes name of the SecretStore/ClusterSecretStore and of the Secret to create',
    upstream: 'crd:external-secrets/externalsecrets.yaml#L488-506, #L609-616',
    effect: 'reject',
  },
  ES_NO_STORE: {
    id: 'SECRET-ES-007',
    title: 'an ExternalSecret with `data` needs a store to read from',
    why: 'Without `secretStoreRef.name` (and no per-entry `sourceRef.storeRef`) the controller has nowhere to fetch the keys: the ExternalSecret never becomes Ready and no Secret is created.',
    fix: 'give the store with `store: SecretStore.cluster(name)` or `SecretStore.namespaced(name)`',
    yamlFix: 'set `spec.secretStoreRef` (`{ kind: ClusterSecretStore, name: ... }` or `kind: SecretStore`), or a `sourceRef.storeRef` on each `data` entry',
    upstream: `${ESO}/externalsecret_types.go#L25-37 (SecretStoreRef); controller getStore`,
    effect: 'runtime',
  },
  ES_DATA_FROM: {
    id: 'SECRET-ES-008',
    title: 'a `dataFrom` entry needs exactly one of `extract`, `find` or `sourceRef.generatorRef`',
    why: 'The ESO webhook rejects an empty `dataFrom` entry, one with several sources, and a `sourceRef` with neither `generatorRef` nor `storeRef`.',
    fix: 'give each `dataFrom` entry one source',
    upstream: `${ESO}/externalsecret_validator.go#L90-113`,
    effect: 'reject',
  },
});
