#!/usr/bin/env bash
# Proves the published package works: `npm pack` (its `prepare` builds
# build/), install the tarball with its peers into a fresh project, then use it
# from CommonJS and ESM, run the bin, type-check a TypeScript consumer against
# the shipped .d.ts files, and run cdk8s-cli with the README's validation-plugin
# snippet. Then the same library installed from this folder
# (`npm install --install-links <folder>`, which runs `prepare`).
# PACK_CHECK_SLOW=1 also installs from a git URL and from a fresh clone's
# folder (each installs the whole toolchain first: minutes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
peer() { node -p "require('$root/node_modules/$1/package.json').version"; }
peers() { echo "cdk8s@$(peer cdk8s)" "constructs@$(peer constructs)" "cdk8s-plus-28@$(peer cdk8s-plus-28)"; }
install() { npm install --prefer-offline --no-audit --no-fund --loglevel=error "$@" $(peers); }

cd "$tmp"
npm init -y >/dev/null
install "./$tarball"

cat > consumer.js <<'JS'
const assert = require('assert');
const { Testing, Chart } = require('cdk8s');
const { AgentKnativeService, validation } = require('cdk8s-agents');
const app = Testing.app();
const chart = new Chart(app, 'consumer', { namespace: 'agents' });
const agent = new AgentKnativeService(chart, 'agent', { image: 'ghcr.io/acme/agent:1.0', scaling: { maxScale: 3 } });
const [svc] = Testing.synth(chart);
assert.strictEqual(svc.apiVersion, 'serving.knative.dev/v1');
assert.strictEqual(svc.kind, 'Service');
assert.strictEqual(agent.url, 'http://agent.agents.svc.cluster.local');
assert.ok(validation.RULE_CATALOGUE.length > 40);
const bad = new Chart(Testing.app(), 'bad');
new AgentKnativeService(bad, 'agent', { image: 'ghcr.io/acme/agent:1.0', scaling: { minScale: 5, maxScale: 2 } });
assert.throws(() => Testing.synth(bad), /error \[KSVC-SCALE-006\] bad\/agent: scaling\.maxScale/);
// Plain JavaScript with wrong values: a catalogued error naming the prop, never a TypeError.
const js = new Chart(Testing.app(), 'js');
new AgentKnativeService(js, 'agent', { image: 'ghcr.io/acme/agent:1.0', visibility: 'cluster_local', timeout: 90 });
assert.throws(() => Testing.synth(js), (e) => /\[PROPS-001\] js\/agent: visibility/.test(e.message) && /\[PROPS-001\] js\/agent: timeout = 90/.test(e.message) && !(e instanceof TypeError));
// Secrets: an ExternalSecret read with envFrom; a store given as a string is PROPS-001, and no value is echoed.
const { AgentSecrets, SecretStore } = require('cdk8s-agents');
const sec = new Chart(Testing.app(), 'sec', { namespace: 'agents' });
const keys = new AgentSecrets(sec, 'keys', { store: SecretStore.cluster('vault'), keys: { ANTHROPIC_API_KEY: 'agents/anthropic' } });
new AgentKnativeService(sec, 'agent', { image: 'ghcr.io/acme/agent:1.0', secrets: [keys] });
const secObjects = Testing.synth(sec);
assert.strictEqual(secObjects[0].apiVersion, 'external-secrets.io/v1');
assert.deepStrictEqual(secObjects[1].spec.template.spec.containers[0].envFrom, [{ secretRef: { name: 'keys' } }]);
const badSec = new Chart(Testing.app(), 'badsec');
new AgentSecrets(badSec, 'keys', { store: 'vault', keys: { A: 'a' } });
AgentSecrets.sealed(badSec, 'sealed', { encryptedData: { A: 'hunter2-plaintext' } });
assert.throws(() => Testing.synth(badSec), (e) => /\[PROPS-001\] badsec\/keys: store = "vault"/.test(e.message) && /\[SECRET-SEAL-002\] badsec\/sealed/.test(e.message) && !e.message.includes('hunter2'));
// Egress: a host name needs the Cilium engine; the plain engine says why, and a wrong engine string is PROPS-001.
const { EgressPolicy, Egress, PolicyEngine } = require('cdk8s-agents');
const net = new Chart(Testing.app(), 'net', { namespace: 'agents' });
const netAgent = new AgentKnativeService(net, 'agent', { image: 'ghcr.io/acme/agent:1.0' });
new EgressPolicy(net, 'egress', { agents: [netAgent], allow: [Egress.fqdn('api.anthropic.com')] });
new EgressPolicy(net, 'egress2', { agents: [netAgent], allow: [], engine: 'cilium ' });
assert.throws(() => Testing.synth(net), (e) => /\[NET-EGRESS-003\] net\/egress/.test(e.message) && /\[PROPS-001\] net\/egress2: engine/.test(e.message));
const cil = new Chart(Testing.app(), 'cil', { namespace: 'agents' });
new EgressPolicy(cil, 'egress', { agents: [new AgentKnativeService(cil, 'agent', { image: 'ghcr.io/acme/agent:1.0' })], allow: [Egress.fqdn('api.anthropic.com')], engine: PolicyEngine.CILIUM });
assert.ok(Testing.synth(cil).some((o) => o.kind === 'CiliumNetworkPolicy' && JSON.stringify(o).includes('api.anthropic.com')));
// cdk8s-plus objects (loaded by the library only when given): a probe, Cpu resources and a ConfigMap volume.
const kplus = require('cdk8s-plus-28');
const plus = new Chart(Testing.app(), 'plus', { namespace: 'agents' });
new AgentKnativeService(plus, 'agent', { image: 'ghcr.io/acme/agent:1.0', readinessProbe: kplus.Probe.fromHttpGet('/healthz'),
  resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(2) } } });
const plusCtr = Testing.synth(plus)[0].spec.template.spec.containers[0];
assert.strictEqual(plusCtr.readinessProbe.httpGet.path, '/healthz');
assert.deepStrictEqual([plusCtr.resources.requests.cpu, plusCtr.resources.limits.cpu], ['250m', '2']);
// Eventing and KEDA: a broker trigger and a cron source into an agent, a worker on Kafka lag; and their mistakes.
const { Broker, PingTrigger, AgentWorker, ScaleTrigger } = require('cdk8s-agents');
const evt = new Chart(Testing.app(), 'evt', { namespace: 'agents' });
const evtAgent = new AgentKnativeService(evt, 'agent', { image: 'ghcr.io/acme/agent:1.0' });
new Broker(evt, 'events').addTrigger('created', { subscriber: evtAgent, filter: { type: 'dev.acme.user.created' } });
new PingTrigger(evt, 'nightly', { schedule: '0 2 * * *', timezone: 'Europe/Paris', sink: evtAgent });
new AgentWorker(evt, 'worker', { image: 'ghcr.io/acme/worker:1.0', minReplicas: 0, maxReplicas: 30,
  triggers: [ScaleTrigger.kafka({ bootstrapServers: ['kafka:9092'], consumerGroup: 'workers', topic: 'tasks', lagThreshold: 100 })] });
const evtKinds = Testing.synth(evt).map((o) => o.kind).sort();
assert.deepStrictEqual(evtKinds, ['Broker', 'Deployment', 'PingSource', 'ScaledObject', 'Service', 'Trigger']);
const badEvt = new Chart(Testing.app(), 'badevt', { namespace: 'agents' });
const badAgent = new AgentKnativeService(badEvt, 'agent', { image: 'ghcr.io/acme/agent:1.0' });
new PingTrigger(badEvt, 'every', { schedule: '@every 5m', sink: badAgent });
new AgentWorker(badEvt, 'worker', { image: 'ghcr.io/acme/worker:1.0', minReplicas: '0', triggers: [] });
assert.throws(() => Testing.synth(badEvt), (e) => /\[EVT-PING-001\] badevt\/every/.test(e.message) && /\[PROPS-001\] badevt\/worker( \(Deployment\/worker\))?: minReplicas = "0"/.test(e.message) && !(e instanceof TypeError));
console.log('pack-check: the packed library installs beside its peers, synthesizes and checks JavaScript props');
JS
node consumer.js

# ESM: every name of the CommonJS build is importable by name.
cat > consumer.mjs <<'JS'
import assert from 'assert';
import { createRequire } from 'module';
import { Chart, Testing } from 'cdk8s';
import * as lib from 'cdk8s-agents';
import { AgentKnativeService, FluxKustomization, GitRepository } from 'cdk8s-agents';
const missing = Object.keys(createRequire(import.meta.url)('cdk8s-agents')).filter((name) => !(name in lib));
assert.deepStrictEqual(missing, []);
const chart = new Chart(Testing.app(), 'esm', { namespace: 'agents' });
const agent = new AgentKnativeService(chart, 'agent', { image: 'ghcr.io/acme/agent:1.0' });
new FluxKustomization(chart, 'agents', { sourceRef: GitRepository.fromGitRepositoryName('flux-system', { namespace: 'flux-system' }), path: './dist/agents', healthChecks: [agent] });
assert.deepStrictEqual(Testing.synth(chart).map((o) => o.kind), ['Service', 'Kustomization']);
console.log('pack-check: ESM imports every export by name');
JS
node consumer.mjs

# The bin: `npx cdk8s-agents check` on hand-written YAML, exit codes 0 / 1 / 2.
cat > good.yaml <<'YAML'
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello, namespace: agents}
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:latest
          env: [{name: TARGET, value: World}]
YAML
cat > bad.yaml <<'YAML'
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello, namespace: agents}
spec:
  template:
    metadata:
      annotations: {autoscaling.knative.dev/scale-to-zero-grace-period: "30s"}
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:latest
YAML
printf 'kind: [unclosed\n' > broken.yaml
npx --no-install cdk8s-agents check good.yaml
set +e
npx --no-install cdk8s-agents check bad.yaml > bad.out; bad=$?
npx --no-install cdk8s-agents check broken.yaml 2> broken.err; broken=$?
set -e
[ "$bad" = 1 ] && grep -q 'KSVC-SCALE-017' bad.out || { echo "pack-check: check bad.yaml gave exit $bad"; cat bad.out; exit 1; }
[ "$broken" = 2 ] && grep -q 'broken.yaml:' broken.err && ! grep -q '    at ' broken.err || { echo "pack-check: check broken.yaml gave exit $broken"; cat broken.err; exit 1; }
echo "pack-check: the cdk8s-agents bin checks hand-written YAML (exit 0, 1, 2 as documented)"

cat > consumer.ts <<'TS'
import { App, Chart, Duration } from 'cdk8s';
import { AgentKnativeService, AgentSecrets, Broker, IAgentSecrets, ScalingMetric, Visibility, validation } from 'cdk8s-agents';
const chart = new Chart(new App(), 'consumer');
const agent: AgentKnativeService = new AgentKnativeService(chart, 'agent', {
  image: 'ghcr.io/acme/agent:1.0', visibility: Visibility.PUBLIC, timeout: Duration.seconds(30),
  scaling: { metric: ScalingMetric.RPS, target: 10 },
});
export const url: string = agent.url;
const sealed: IAgentSecrets = AgentSecrets.sealed(chart, 'sealed', { encryptedData: { A: 'AgBy3i4OJSWK+PiTySYZZA==' } });
export const names: string[] = [new Broker(chart, 'events').name, sealed.secretName];
const result: validation.ValidationResult = validation.validateManifests([{ object: { apiVersion: 'v1', kind: 'ConfigMap' }, where: 'x.yaml#0' }]);
export const lines: string[] = result.findings.map(validation.formatFinding);
TS
"$root/node_modules/.bin/tsc" --noEmit --strict --esModuleInterop --skipLibCheck false --types node --typeRoots "$root/node_modules/@types" consumer.ts
echo "pack-check: the shipped type declarations compile in a strict TypeScript consumer"

# The README's validation-plugin snippet, as written, in a cdk8s-cli project:
# a violation fails `cdk8s synth` with the rule id, a clean app passes.
mkdir -p knative
node -e '
const text = require("fs").readFileSync(process.argv[1], "utf8");
const section = text.slice(text.indexOf("### As a cdk8s validation plugin"));
const m = /```yaml\n(validations:[\s\S]*?)```/.exec(section);
if (!m) { console.error("pack-check: no validations snippet in the README"); process.exit(1); }
process.stdout.write("app: node app.js\n" + m[1]);
' "$root/README.md" > cdk8s.yaml
cat > knative/config-features.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: config-features, namespace: knative-serving}
data: {}
YAML
cat > app.js <<'JS'
const { App, ApiObject, Chart } = require('cdk8s');
const app = new App();
const annotations = process.env.BAD === '1' ? { 'autoscaling.knative.dev/scale-to-zero-grace-period': '30s' } : {};
new ApiObject(new Chart(app, 'plugin', { namespace: 'agents' }), 'hello', {
  apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello' },
  spec: { template: { metadata: { annotations }, spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go:latest' }] } } },
});
app.synth();
JS
cdk8s="$root/node_modules/.bin/cdk8s"
"$cdk8s" synth --no-check-upgrade > plugin-good.out 2>&1 || { echo "pack-check: cdk8s synth with the plugin failed on a clean app"; cat plugin-good.out; exit 1; }
set +e
BAD=1 "$cdk8s" synth --no-check-upgrade > plugin-bad.out 2>&1; bad=$?
set -e
[ "$bad" != 0 ] && grep -q 'KSVC-SCALE-017' plugin-bad.out || { echo "pack-check: cdk8s synth with the plugin gave exit $bad on a bad app"; cat plugin-bad.out; exit 1; }
echo "pack-check: cdk8s-cli runs the README's validation-plugin snippet (a clean app passes, a violation fails with its rule id)"

# From a folder: npm packs it (its prepare builds, or keeps a current build) and installs a copy.
mkdir "$tmp/folder" && cd "$tmp/folder"
npm init -y >/dev/null
install --install-links "$root"
cp ../consumer.js ../consumer.mjs .
node consumer.js >/dev/null && node consumer.mjs >/dev/null
echo "pack-check: installed from the folder (--install-links), CommonJS and ESM work"

if [ "${PACK_CHECK_SLOW:-}" = 1 ]; then
  git clone -q "$root" "$tmp/clone"
  for spec in "git+file://$tmp/clone#$(git -C "$root" rev-parse HEAD)" "$tmp/clone"; do
    dir=$(mktemp -d -p "$tmp") && cd "$dir"
    npm init -y >/dev/null
    install --install-links "$spec"
    cp ../consumer.js ../consumer.mjs .
    node consumer.js >/dev/null && node consumer.mjs >/dev/null
    echo "pack-check: installed from $spec (prepare installed the toolchain and built), CommonJS and ESM work"
  done
fi
