/**
 * Vectors on which the library deliberately decides otherwise than upstream's
 * test, each with its reason (the test name → why). A vector whose verdict
 * the defaulting webhook decides says so in its own `chain` instead.
 */
const SO = 'apis/keda/v1alpha1/scaledobject_webhook_test.go';
const BROKER = 'pkg/apis/eventing/v1/broker_validation_test.go';
const PING_DATA = 'config-ping-defaults `data-max-size` is not in the cluster settings (upstream default -1: no limit); the test sets 4096';
const BROKER_NS = 'config-br-defaults `disallow-different-namespace-config` is not in the cluster settings (upstream default false); the test sets it true';
const HPA = 'KEDA-APP-003 reports the conflict on the HorizontalPodAutoscaler (its fix: remove or transfer that HPA), while KEDA\'s webhook refuses the ScaledObject; the pair is refused either way';

export const DIVERGENCES: Readonly<Record<string, string>> = {
  [`${SO} "shouldn't validate the so creation when there is another unmanaged hpa"`]: HPA,
  [`${SO} "shouldn't validate the so creation when there is another hpa with custom apis"`]: `${HPA} (in envtest the webhook already fails to map the unknown custom-kind)`,
  [`${BROKER} TestValidate/"invalid config, cross namespace disallowed, cluster wide"`]: BROKER_NS,
  [`${BROKER} TestValidate/"invalid config, cross namespace disallowed, namespace wide"`]: BROKER_NS,
  ['pkg/apis/sources/v1/ping_validation_test.go TestPingSourceValidation/"invalid DataBase64 is to big"']: PING_DATA,
  ['pkg/apis/sources/v1beta2/ping_validation_test.go TestPingSourceValidation/"invalid DataBase64 is to big "']: PING_DATA,
  ['pkg/apis/sources/v1/ping_validation_test.go TestPingSourceValidation/"invalid Data is to big"']: PING_DATA,
  ['pkg/apis/sources/v1beta2/ping_validation_test.go TestPingSourceValidation/"invalid Data is to big "']: PING_DATA,
};
