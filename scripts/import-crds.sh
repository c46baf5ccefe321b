#!/usr/bin/env bash
# Generates imports/ from the upstream CRDs in ../shared/crds (`npm run import`):
# one cdk8s L1 module per API group (the CRDs of a group are imported together,
# since cdk8s writes one file per group), then the compact schemas.
set -euo pipefail
cd "$(dirname "$0")/.."
CRDS=${CRDS_DIR:-../shared/crds}
if [ ! -d "$CRDS" ]; then
  echo "import: $CRDS not found; the generated imports/ are committed, nothing to do" >&2
  exit 1
fi
tmp=$(mktemp -d)
# cdk8s import records each import in cdk8s.yaml; the list lives here instead.
cp cdk8s.yaml "$tmp/cdk8s.yaml.orig"
trap 'cp "$tmp/cdk8s.yaml.orig" cdk8s.yaml; rm -rf "$tmp"' EXIT

# group file name -> CRD files (only the kinds the library renders)
declare -A CRD_GROUPS=(
  [serving.knative.dev]="knative-serving/service.yaml knative-serving/domain-mapping.yaml"
  [external-secrets.io]="external-secrets/externalsecrets.yaml external-secrets/secretstores.yaml external-secrets/clustersecretstores.yaml"
  [bitnami.com]="sealed-secrets/sealedsecrets.yaml"
  [cilium.io]="cilium/ciliumnetworkpolicies.yaml"
  [eventing.knative.dev]="knative-eventing/broker.yaml knative-eventing/trigger.yaml knative-eventing/eventpolicy.yaml"
  [flows.knative.dev]="knative-eventing/sequence.yaml knative-eventing/parallel.yaml"
  [sources.knative.dev]="knative-eventing/pingsource.yaml knative-eventing/apiserversource.yaml knative-eventing/sinkbindings.yaml knative-eventing-kafka/kafka-source.yaml"
  [sinks.knative.dev]="knative-eventing/jobsink.yaml"
  [keda.sh]="keda/scaledobjects.yaml keda/scaledjobs.yaml keda/triggerauthentications.yaml keda/clustertriggerauthentications.yaml"
  [kustomize.toolkit.fluxcd.io]="flux/kustomizations.yaml"
  [source.toolkit.fluxcd.io]="flux/gitrepositories.yaml"
  [monitoring.coreos.com]="prometheus-operator/podmonitors.yaml prometheus-operator/prometheusrules.yaml"
)

for group in $(printf '%s\n' "${!CRD_GROUPS[@]}" | sort); do
  out="$tmp/$group.yaml"
  for f in ${CRD_GROUPS[$group]}; do
    cat "$CRDS/$f" >> "$out"
    printf '\n---\n' >> "$out"
  done
  npx cdk8s import --no-check-upgrade "$out" --output imports --language typescript >/dev/null
  echo "imports/$group.ts"
done
npx tsx scripts/compile-schemas.ts
# KEDA's scaler schema -> lib/workers/scalers.generated.ts (the trigger metadata checks).
npx tsx scripts/gen-keda-scalers.ts
