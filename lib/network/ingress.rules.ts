import { defineRules } from '../engine/rule';

// N: kubernetes/kubernetes pkg/apis/networking/validation/validation.go (master
// at 019c5dc; these checks are unchanged since networking.k8s.io/v1 went GA in
// 1.19), the API server's own validation of Ingresses: every cluster, every
// controller. The rest is what controllers do with an accepted Ingress.

/** A `networking.k8s.io/v1` Ingress. */
export const INGRESS_RULES = defineRules({
  SPEC: {
    id: 'INGRESS-SPEC-001',
    title: 'an Ingress has `rules` or a `defaultBackend`, and every rule with `http` lists at least one path',
    why: 'The API server rejects an Ingress with neither ("either `defaultBackend` or `rules` must be specified") and a rule whose `http.paths` is empty ("Required value").',
    fix: 'give the AgentIngress at least one route (`routes: [IngressRoute.prefix(\'/\', agent)]`)',
    yamlFix: 'add `spec.rules[].http.paths` (or a `spec.defaultBackend`)',
    upstream: 'N: ValidateIngressSpec, validateHTTPIngressRuleValue',
    effect: 'reject',
  },
  PATH: {
    id: 'INGRESS-PATH-001',
    title: 'every path has a `pathType` (Exact, Prefix or ImplementationSpecific); an Exact or Prefix path is absolute, without `//`, `/./`, `/../`, `%2f` or a trailing `/.` or `/..`',
    why: 'The API server rejects the Ingress ("pathType must be specified", "must be an absolute path", "must not contain \'//\'"); `networking.k8s.io/v1` has no default pathType.',
    fix: 'use `IngressRoute.prefix(\'/api\', agent)` or `IngressRoute.exact(\'/health\', agent)` with a path that starts with `/`',
    yamlFix: 'set `pathType: Prefix` (or Exact) and a path starting with `/`, e.g. `/api`',
    upstream: 'N: validateHTTPIngressPath (supportedPathTypes, invalidPathSequences, invalidPathSuffixes)',
    effect: 'reject',
  },
  BACKEND: {
    id: 'INGRESS-BACKEND-001',
    title: 'a backend is a Service (a DNS-1035 name and a port: a name or a number 1-65535, not both) or a resource, not both',
    why: 'The API server rejects a backend without a Service name, with both or neither of port name and number ("port name or number is required"), with an invalid port name (IANA service name) or number, or with both a Service and a resource.',
    fix: 'route to an AgentDeployment (its Service and named port), or use `IngressBackend.service(name, port)` / `IngressBackend.serviceNamedPort(name, portName)`',
    yamlFix: 'write the backend as `service: { name: <service>, port: { name: http } }` (or `port: { number: 80 }`)',
    upstream: 'N: validateIngressBackend (ValidateServiceName, IsValidPortName, IsValidPortNum)',
    effect: 'reject',
  },
  HOST: {
    id: 'INGRESS-HOST-001',
    title: 'rule and TLS hosts are DNS-1123 subdomains (a leading `*.` allowed), not IP addresses; a TLS `secretName` is a Secret name',
    why: 'The API server rejects an uppercase, underscored or IP host ("must be a DNS name, not an IP address"), a wildcard anywhere but the first label, and a TLS secretName that is not a DNS-1123 subdomain.',
    fix: 'use a lowercase host such as `ai-agents.example.com` and a Secret name such as `ai-agents-tls`',
    yamlFix: 'write `host` (and `tls[].hosts`) as lowercase DNS names, `*.example.com` for a wildcard, and `tls[].secretName` as a Secret name',
    upstream: 'N: validateIngressRules (IsDNS1123Subdomain, IsWildcardDNS1123Subdomain, ParseIPSloppy), validateIngressTLS (validateTLSSecretName)',
    effect: 'reject',
  },
  CLASS: {
    id: 'INGRESS-CLASS-001',
    title: '`spec.ingressClassName` is a DNS-1123 subdomain and agrees with the `kubernetes.io/ingress.class` annotation when both are set',
    why: 'The API server rejects an invalid class name, and on create an annotation that names another class than `ingressClassName` ("must match `ingressClassName` when both are specified").',
    fix: 'set the class with `className` only (the annotation is deprecated)',
    yamlFix: 'set `spec.ingressClassName` and remove the `kubernetes.io/ingress.class` annotation',
    upstream: 'N: ValidateIngressSpec (ValidateIngressClassName), ValidateIngressCreate (annotationIngressClass)',
    effect: 'reject',
  },
  TLS_COVERS_HOSTS: {
    id: 'INGRESS-TLS-001',
    title: 'every host an Ingress serves is covered by a `tls` entry',
    why: 'A host without a TLS entry is served over plain HTTP (or, by some controllers, with their default self-signed certificate): requests and the credentials in them cross the network in clear text.',
    fix: 'give the AgentIngress `tls: IngressTls.secret(name)` or `IngressTls.certManager({ clusterIssuer })`; when TLS ends before the controller (a load balancer), keep `IngressTls.none()` and acknowledge this rule with that reason',
    yamlFix: 'add `spec.tls: [{ hosts: [<every rule host>], secretName: <secret> }]`; when TLS ends before the controller, acknowledge it with that reason in cdk8s-agents.yaml (`acknowledgements: [{ object: Ingress/<namespace>/<name>, rule: <rule id>, reason: ... }]`)',
    upstream: 'Kubernetes Ingress TLS (kubernetes.io/docs/concepts/services-networking/ingress/#tls): the TLS section applies to the hosts it lists; library policy: no plain-HTTP exposure by default',
    effect: 'exposed',
    severity: 'warning',
  },
  BACKEND_PORT: {
    id: 'INGRESS-BACKEND-002',
    title: 'a backend\'s port is one its Service declares (by name, or by number)',
    why: 'The Ingress is accepted, but the controller finds no such port on the Service and answers 503 (or drops the route) for every request to the path.',
    fix: 'route to an AgentDeployment (its named port `http`), or name a port the Service declares',
    yamlFix: 'set `backend.service.port` to a `name` or `number` of `spec.ports` of the Service',
    upstream: 'ingress controllers resolve backend.service.port against Service.spec.ports (e.g. Traefik pkg/provider/kubernetes/ingress loadServers: "service port not found")',
    effect: 'runtime',
  },
  TRAEFIK_MIDDLEWARES: {
    id: 'INGRESS-AUTH-001',
    title: '`traefik.ingress.kubernetes.io/router.middlewares` lists `<name>@<provider>` entries; a Kubernetes CRD middleware is `<namespace>-<name>@kubernetescrd`',
    why: 'Traefik resolves each entry in its provider: a name without `@provider`, or a CRD entry without its namespace, names no middleware, and Traefik drops the router ("middleware does not exist"): every path of the Ingress answers 404.',
    fix: 'use `IngressAuth.traefikForwardAuth(name, namespace)`, which writes `<namespace>-<name>@kubernetescrd`',
    yamlFix: 'write each entry as `<namespace>-<name>@kubernetescrd` (e.g. `authelia-authelia@kubernetescrd`), entries separated by commas',
    upstream: 'Traefik pkg/provider/kubernetes/ingress annotations (router.middlewares); doc.traefik.io Kubernetes CRD Middleware ("append the namespace of the resource in the resource-name"); traefik/traefik#6318',
    effect: 'runtime',
  },
});
