// Checks of a `networking.k8s.io/v1` Ingress, built from its rule table: the
// API server's validation of the spec, TLS coverage, the backend ports of
// Services among the objects, and the Traefik middleware annotation.
import { arr, JsonObject, obj, objOrEmpty, valueAt } from '../engine/json';
import { FindingList } from '../engine/rule';
import { defineValidator } from '../engine/validator';
import { isIpAddress } from '../k8s/cidr';
import { isDns1035Label, isDns1123Subdomain, portNameProblem } from '../k8s/names';
import { ObjectIndex } from '../k8s/object-index';
import type { ManifestValidator, ValidationContext } from '../settings/validation';
import { INGRESS_RULES as R } from './ingress.rules';

/** The Traefik annotation that attaches middlewares (ForwardAuth, ...) to the routers of an Ingress. */
export const TRAEFIK_MIDDLEWARES_ANNOTATION = 'traefik.ingress.kubernetes.io/router.middlewares';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

const isSet = (v: unknown) => v !== undefined && v !== null;
const annField = (key: string) => `metadata.annotations["${key}"]`;

/** Why a host is not one the API server accepts (IsDNS1123Subdomain, IsWildcardDNS1123Subdomain); undefined when it is. */
function hostProblem(host: string, allowIp: boolean): string | undefined {
  if (!allowIp && isIpAddress(host)) return 'must be a DNS name, not an IP address';
  if (host.includes('*')) {
    return host.startsWith('*.') && isDns1123Subdomain(host.slice(2)) ? undefined : 'a wildcard host is `*.` followed by a DNS-1123 subdomain, e.g. `*.example.com`';
  }
  return isDns1123Subdomain(host) ? undefined : 'not a DNS-1123 subdomain: lowercase letters, digits, `-` and `.`';
}

function checkPath(p: JsonObject, at: string, out: FindingList): void {
  const type = p.pathType;
  if (!isSet(type)) {
    out.add(R.PATH, `${at}.pathType`, type, 'pathType must be specified');
    return;
  }
  if (!PATH_TYPES.includes(String(type))) {
    out.add(R.PATH, `${at}.pathType`, type, `supported values: ${PATH_TYPES.join(', ')}`);
    return;
  }
  const path = typeof p.path === 'string' ? p.path : '';
  if (type === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) out.add(R.PATH, `${at}.path`, p.path, 'must be an absolute path');
    return;
  }
  if (!path.startsWith('/')) out.add(R.PATH, `${at}.path`, p.path, 'must be an absolute path');
  for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) out.add(R.PATH, `${at}.path`, path, `must not contain '${seq}'`);
  for (const suffix of INVALID_SUFFIXES) if (path.endsWith(suffix)) out.add(R.PATH, `${at}.path`, path, `cannot end with '${suffix}'`);
}

function checkBackend(raw: unknown, at: string, out: FindingList): void {
  const b = obj(raw);
  if (!b) return; // unset or wrong type: the schema's
  const service = obj(b.service);
  if (isSet(b.resource) && service) {
    out.add(R.BACKEND, at, b, 'cannot set both resource and service backends');
    return;
  }
  if (isSet(b.resource)) return;
  if (!service) {
    out.add(R.BACKEND, at, b, 'resource or service backend is required');
    return;
  }
  const name = service.name;
  if (!isSet(name) || name === '') out.add(R.BACKEND, `${at}.service.name`, name, 'required');
  else if (typeof name === 'string' && !isDns1035Label(name)) out.add(R.BACKEND, `${at}.service.name`, name, 'not a DNS-1035 label: a lowercase letter first, then letters, digits and `-`, at most 63');
  const port = objOrEmpty(service.port);
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = isSet(port.number) && port.number !== 0;
  if (hasName && hasNumber) out.add(R.BACKEND, `${at}.service.port`, port, 'cannot set both port name & port number');
  else if (hasName) {
    const problem = portNameProblem(port.name as string);
    if (problem) out.add(R.BACKEND, `${at}.service.port.name`, port.name, problem);
  } else if (hasNumber) {
    if (typeof port.number === 'number' && (port.number < 1 || port.number > 65535)) out.add(R.BACKEND, `${at}.service.port.number`, port.number, 'must be between 1 and 65535, inclusive');
  } else out.add(R.BACKEND, `${at}.service.port`, service.port, 'port name or number is required');
}

/** A backend's port must be one the Service declares, when that Service is among the objects. */
function checkBackendPort(raw: unknown, at: string, namespace: unknown, ctx: ValidationContext, out: FindingList): void {
  const service = obj(valueAt(raw, 'service'));
  if (!service || typeof service.name !== 'string') return;
  const found = ObjectIndex.of(ctx.objects).find('/Service', service.name, namespace);
  if (!found) return; // open world: the Service may live elsewhere
  const ports = arr(valueAt(found.object, 'spec', 'ports')).map((p) => objOrEmpty(p));
  const port = objOrEmpty(service.port);
  if (typeof port.name === 'string' && port.name !== '') {
    if (!ports.some((p) => p.name === port.name)) out.add(R.BACKEND_PORT, `${at}.service.port.name`, port.name, `Service "${service.name}" has no port named "${port.name}" (it declares ${describePorts(ports)})`);
  } else if (typeof port.number === 'number' && port.number !== 0) {
    if (!ports.some((p) => p.port === port.number)) out.add(R.BACKEND_PORT, `${at}.service.port.number`, port.number, `Service "${service.name}" has no port ${port.number} (it declares ${describePorts(ports)})`);
  }
}

function describePorts(ports: JsonObject[]): string {
  return ports.length === 0 ? 'no port' : ports.map((p) => (p.name ? `${String(p.name)} (${String(p.port)})` : String(p.port))).join(', ');
}

/** Whether a TLS host covers a rule host: the same name, or a `*.` wildcard one label above it. */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === tlsHost.slice(2);
}

function checkTlsCoverage(spec: JsonObject, out: FindingList): void {
  const tls = arr(spec.tls).map((t) => objOrEmpty(t));
  const tlsHosts = tls.flatMap((t) => arr(t.hosts)).filter((h): h is string => typeof h === 'string');
  // An entry without hosts covers the controller's wildcard host (IngressTLS.hosts): every host, for the check.
  const coversAll = tls.some((t) => arr(t.hosts).length === 0);
  arr(spec.rules).forEach((raw, i) => {
    const host = objOrEmpty(raw).host;
    if (tls.length === 0) {
      out.add(R.TLS_COVERS_HOSTS, `spec.rules[${i}].host`, host ?? '(every host)', 'the Ingress has no `tls`: it serves plain HTTP');
    } else if (!coversAll && typeof host === 'string' && host !== '' && !tlsHosts.some((t) => covers(t, host))) {
      out.add(R.TLS_COVERS_HOSTS, `spec.rules[${i}].host`, host, `no tls entry lists "${host}" (tls hosts: ${tlsHosts.length > 0 ? tlsHosts.join(', ') : 'none'})`);
    }
  });
}

function checkTraefikMiddlewares(annotations: JsonObject, out: FindingList): void {
  const value = annotations[TRAEFIK_MIDDLEWARES_ANNOTATION];
  if (typeof value !== 'string') return;
  for (const entry of value.split(',').map((e) => e.trim())) {
    const at = entry.lastIndexOf('@');
    const problem = entry === '' ? 'an empty entry'
      : at <= 0 || at === entry.length - 1 ? `"${entry}" names no provider: write <namespace>-<name>@kubernetescrd`
        : entry.slice(at + 1) === 'kubernetescrd' && !entry.slice(0, at).includes('-') ? `"${entry}" lacks the middleware's namespace: write <namespace>-<name>@kubernetescrd`
          : undefined;
    if (problem) out.add(R.TRAEFIK_MIDDLEWARES, annField(TRAEFIK_MIDDLEWARES_ANNOTATION), value, problem);
  }
}

/** Checks an Ingress as the API server validates it, and what a controller does with it. Pure. */
export function validateIngress(o: unknown, ctx: ValidationContext, out: FindingList): void {
  const ingress = objOrEmpty(o);
  const meta = objOrEmpty(ingress.metadata);
  const annotations = objOrEmpty(meta.annotations);
  const spec = obj(ingress.spec);
  checkTraefikMiddlewares(annotations, out);
  if (!spec) {
    out.add(R.SPEC, 'spec', ingress.spec, 'either `defaultBackend` or `rules` must be specified');
    return;
  }
  const rules = arr(spec.rules);
  if (rules.length === 0 && !isSet(spec.defaultBackend)) out.add(R.SPEC, 'spec.rules', spec.rules, 'either `defaultBackend` or `rules` must be specified');
  if (isSet(spec.defaultBackend)) {
    checkBackend(spec.defaultBackend, 'spec.defaultBackend', out);
    checkBackendPort(spec.defaultBackend, 'spec.defaultBackend', meta.namespace, ctx, out);
  }
  rules.forEach((raw, i) => {
    const rule = objOrEmpty(raw);
    if (typeof rule.host === 'string' && rule.host !== '') {
      const problem = hostProblem(rule.host, false);
      if (problem) out.add(R.HOST, `spec.rules[${i}].host`, rule.host, problem);
    }
    const http = obj(rule.http);
    if (!http) return;
    const paths = arr(http.paths);
    if (paths.length === 0) out.add(R.SPEC, `spec.rules[${i}].http.paths`, http.paths, 'required: at least one path');
    paths.forEach((rawPath, j) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const p = objOrEmpty(rawPath);
      checkPath(p, at, out);
      checkBackend(p.backend, `${at}.backend`, out);
      checkBackendPort(p.backend, `${at}.backend`, meta.namespace, ctx, out);
    });
  });
  arr(spec.tls).forEach((raw, i) => {
    const t = objOrEmpty(raw);
    arr(t.hosts).forEach((h, j) => {
      const problem = typeof h === 'string' ? hostProblem(h, true) : undefined;
      if (problem) out.add(R.HOST, `spec.tls[${i}].hosts[${j}]`, h, problem);
    });
    if (typeof t.secretName === 'string' && t.secretName !== '' && !isDns1123Subdomain(t.secretName)) out.add(R.HOST, `spec.tls[${i}].secretName`, t.secretName, 'not a Secret name (DNS-1123 subdomain)');
  });
  checkTlsCoverage(spec, out);
  const className = spec.ingressClassName;
  if (typeof className === 'string' && !isDns1123Subdomain(className)) out.add(R.CLASS, 'spec.ingressClassName', className, 'not a DNS-1123 subdomain');
  const classAnnotation = annotations[CLASS_ANNOTATION];
  if (typeof className === 'string' && typeof classAnnotation === 'string' && classAnnotation !== className) {
    out.add(R.CLASS, annField(CLASS_ANNOTATION), classAnnotation, `must match \`ingressClassName\` ("${className}") when both are specified`);
  }
}

export const INGRESS_VALIDATOR: ManifestValidator = defineValidator({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  rules: R,
  validate: (o, ctx, out) => validateIngress(o, ctx, out),
});
