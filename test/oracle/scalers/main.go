// The scalers oracle: KEDA's own metadata parsers (github.com/kedacore/keda/v2
// v2.20.2 pkg/scalers) judging the triggers of ScaledObjects and ScaledJobs,
// so the library's scaler checks (KEDA-TRIGGER-*) can be compared with what
// KEDA decides at reconcile. It is kept apart from test/oracle: compiling
// pkg/scalers and its SDKs takes long from cold caches.
//
//	go build -overlay overlay.json -o scalers-oracle . && ./scalers-oracle FILE... (- for stdin)
//
// The overlay (written by scripts/oracle-scalers.ts) adds
// overlay/zz_oracle_export.go.in to KEDA's package as zz_oracle_export.go:
// OracleParse runs what a scaler's constructor does before it creates its
// client. Output: one JSON object per line per trigger of each ScaledObject
// and ScaledJob (file, doc, apiVersion, kind, name, trigger, type, verdict,
// errors), one line `unsupported` for any other object. Each file is read
// whole first: the TriggerAuthentications, ClusterTriggerAuthentications,
// Secrets and ConfigMaps in it give its triggers their auth parameters (a
// file is one cluster; objects of other files are not seen).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/kedacore/keda/v2/pkg/scalers"
	"github.com/kedacore/keda/v2/pkg/scalers/scalersconfig"
	corev1 "k8s.io/api/core/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"

	keda "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
)

// verdict: one per trigger (Trigger set) or per object that is not judged.
type verdict struct {
	File       string   `json:"file"`
	Doc        int      `json:"doc"`
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Trigger    *int     `json:"trigger,omitempty"`
	Type       string   `json:"type,omitempty"`
	Verdict    string   `json:"verdict"`
	Errors     []string `json:"errors"`
	Reason     string   `json:"reason,omitempty"`
	// Assumed: inputs the parser read whose values cannot be known from the manifests (resolved env, Secrets not given), and the placeholder used.
	Assumed []string `json:"assumed,omitempty"`
}

// envName: an environment variable name the API server accepts (RelaxedEnvironmentVariableValidation,
// on by default since Kubernetes 1.32: printable ASCII but "="); a blank name is taken not to resolve.
var envName = regexp.MustCompile(`^[ -<>-~]*[!-<>-~][ -<>-~]*$`)

// Placeholder: the value given to a parameter whose value is in the cluster, not in the manifests.
const Placeholder = "oracle-placeholder"

// KEDA's defaults for the settings the operator reads from its environment (cmd/operator/main.go#L223-247, pkg/util/env_resolver.go).
const (
	globalHTTPTimeout      = 3000 * time.Millisecond // KEDA_HTTP_DEFAULT_TIMEOUT
	clusterObjectNamespace = "keda"                  // KEDA_CLUSTER_OBJECT_NAMESPACE (GetClusterObjectNamespace)
)

type doc struct {
	file string
	idx  int
	raw  []byte
	head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
}

// inputs: the objects a trigger's authentication is resolved from.
type inputs struct {
	auths      map[string]*keda.TriggerAuthenticationSpec // "ns/name", or "/name" for a ClusterTriggerAuthentication
	secrets    map[string]map[string]string
	configMaps map[string]map[string]string
}

func main() {
	types := flag.Bool("types", false, "print the trigger types whose parsing runs, and exit")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: scalers-oracle FILE... (- for stdin)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *types {
		t := scalers.OracleTypes()
		sort.Strings(t)
		fmt.Println(strings.Join(t, "\n"))
		return
	}
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	noNetwork()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for _, f := range flag.Args() {
		raws, err := readDocs(f)
		if err != nil {
			fail(err)
		}
		var docs []*doc
		for i, raw := range raws {
			d := &doc{file: f, idx: i, raw: raw}
			_ = json.Unmarshal(raw, &d.head) // a head that does not decode is judged unsupported below
			docs = append(docs, d)
		}
		in := index(docs)
		for _, d := range docs {
			for _, v := range judge(d, in) {
				v.File, v.Doc = d.file, d.idx
				v.APIVersion, v.Kind, v.Name = d.head.APIVersion, d.head.Kind, d.head.Metadata.Name
				if v.Errors == nil {
					v.Errors = []string{}
				}
				if err := enc.Encode(v); err != nil {
					fail(err)
				}
			}
		}
	}
}

// noNetwork: a parser that reaches for the network gets an error, never a connection.
func noNetwork() {
	http.DefaultTransport = refuse{}
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("oracle: no network")
	}}
}

type refuse struct{}

func (refuse) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("oracle: no network")
}

func namespaceOf(ns string) string {
	if ns == "" {
		return "default" // kubectl's context namespace, as test/oracle assumes
	}
	return ns
}

func index(docs []*doc) inputs {
	in := inputs{auths: map[string]*keda.TriggerAuthenticationSpec{}, secrets: map[string]map[string]string{}, configMaps: map[string]map[string]string{}}
	for _, d := range docs {
		ns, name := namespaceOf(d.head.Metadata.Namespace), d.head.Metadata.Name
		switch d.head.APIVersion + "/" + d.head.Kind {
		case "keda.sh/v1alpha1/TriggerAuthentication":
			var ta keda.TriggerAuthentication
			if json.Unmarshal(d.raw, &ta) == nil {
				in.auths[ns+"/"+name] = &ta.Spec
			}
		case "keda.sh/v1alpha1/ClusterTriggerAuthentication":
			var ta keda.ClusterTriggerAuthentication
			if json.Unmarshal(d.raw, &ta) == nil {
				in.auths["/"+name] = &ta.Spec
			}
		case "v1/Secret":
			var s corev1.Secret
			if json.Unmarshal(d.raw, &s) == nil {
				m := map[string]string{}
				for k, v := range s.Data {
					m[k] = string(v)
				}
				for k, v := range s.StringData { // the API server merges stringData into data
					m[k] = v
				}
				in.secrets[ns+"/"+name] = m
			}
		case "v1/ConfigMap":
			var c corev1.ConfigMap
			if json.Unmarshal(d.raw, &c) == nil {
				in.configMaps[ns+"/"+name] = c.Data
			}
		}
	}
	return in
}

// judge: one verdict per trigger of a ScaledObject or ScaledJob.
func judge(d *doc, in inputs) []verdict {
	var withTriggers *keda.WithTriggers
	asMetricSource := false
	switch d.head.APIVersion + "/" + d.head.Kind {
	case "keda.sh/v1alpha1/ScaledObject":
		var so keda.ScaledObject
		if err := json.Unmarshal(d.raw, &so); err != nil {
			return []verdict{{Verdict: "unsupported", Reason: "does not decode as a ScaledObject (test/oracle judges it): " + err.Error()}}
		}
		withTriggers, _ = keda.AsDuckWithTriggers(&so)
		// pkg/scaling/scale_handler.go#L485-488: a ScaledObject with scalingModifiers builds its scalers as metric sources.
		asMetricSource = so.IsUsingModifiers()
	case "keda.sh/v1alpha1/ScaledJob":
		var sj keda.ScaledJob
		if err := json.Unmarshal(d.raw, &sj); err != nil {
			return []verdict{{Verdict: "unsupported", Reason: "does not decode as a ScaledJob (test/oracle judges it): " + err.Error()}}
		}
		withTriggers, _ = keda.AsDuckWithTriggers(&sj)
	default:
		return []verdict{{Verdict: "unsupported", Reason: "not a ScaledObject or ScaledJob"}}
	}
	if len(withTriggers.Spec.Triggers) == 0 {
		return []verdict{{Verdict: "unsupported", Reason: "no triggers"}}
	}
	withTriggers.Namespace = namespaceOf(withTriggers.Namespace)
	var out []verdict
	for i, t := range withTriggers.Spec.Triggers {
		v := judgeTrigger(withTriggers, i, t, asMetricSource, in)
		idx := i
		v.Trigger, v.Type = &idx, t.Type
		out = append(out, v)
	}
	return out
}

// judgeTrigger fills the ScalerConfig as buildScalers does (pkg/scaling/scalers_builder.go#L56-87) and parses.
func judgeTrigger(w *keda.WithTriggers, i int, t keda.ScaleTriggers, asMetricSource bool, in inputs) (v verdict) {
	metadata := map[string]string{}
	for k, val := range t.Metadata {
		metadata[k] = val
	}
	// Resolved env: the target's container env is in the cluster. Each `<name>FromEnv` is taken
	// to name a variable that resolves, when it is a name the API server allows for one.
	env := map[string]string{}
	for k, val := range metadata {
		if strings.HasSuffix(k, "FromEnv") && envName.MatchString(val) {
			env[val] = Placeholder
			v.Assumed = append(v.Assumed, fmt.Sprintf("%s: env %s resolves (placeholder value)", strings.TrimSuffix(k, "FromEnv"), val))
		}
	}
	authParams, podIdentity, assumed, err := resolveAuth(t.AuthenticationRef, w.Namespace, in)
	v.Assumed = append(v.Assumed, assumed...)
	sort.Strings(v.Assumed)
	if err != nil {
		var unknown unknownAuth
		if errors.As(err, &unknown) {
			v.Verdict, v.Reason = "unsupported", err.Error()
			return v
		}
		return result(v, err)
	}
	config := &scalersconfig.ScalerConfig{
		ScalableObjectName:      w.Name,
		ScalableObjectNamespace: w.Namespace,
		ScalableObjectType:      w.InternalKind,
		TriggerName:             t.Name,
		TriggerMetadata:         metadata,
		TriggerType:             t.Type,
		TriggerUseCachedMetrics: t.UseCachedMetrics,
		ResolvedEnv:             env,
		AuthParams:              authParams,
		GlobalHTTPTimeout:       globalHTTPTimeout,
		TriggerIndex:            i,
		MetricType:              t.MetricType,
		AsMetricSource:          asMetricSource,
		ScaledObject:            w,
		PodIdentity:             podIdentity,
		TriggerUniqueKey:        fmt.Sprintf("%s-%s-%s-%d", w.InternalKind, w.Namespace, w.Name, i),
	}
	// A parser that panics (cpu/memory's resource.MustParse) fails the reconcile: controller-runtime
	// recovers a reconciler's panic by default (v0.23.3 pkg/controller/controller.go#L55-58) and the object never becomes ready.
	defer func() {
		if r := recover(); r != nil {
			v.Verdict, v.Errors = "rejected", []string{fmt.Sprintf("panic: %v", r)}
		}
	}()
	err = scalers.OracleParse(t.Type, config)
	switch {
	case errors.Is(err, scalers.ErrOracleNotRunnable):
		v.Verdict, v.Reason = "unsupported", fmt.Sprintf("no offline parser for trigger type %q", t.Type)
		return v
	case err != nil && (scalers.OracleNetworkError(err) || strings.Contains(err.Error(), "oracle: no network")):
		v.Verdict, v.Reason = "unsupported", "parsing needs the network: "+err.Error()
		return v
	}
	return result(v, err)
}

func result(v verdict, err error) verdict {
	v.Verdict = "accepted"
	if err != nil {
		v.Verdict, v.Errors = "rejected", []string{err.Error()}
	}
	return v
}

// unknownAuth: the trigger's authentication cannot be resolved from the inputs.
type unknownAuth struct{ what string }

func (u unknownAuth) Error() string { return u.what }

// resolveAuth resolves a trigger's authenticationRef from the inputs as KEDA's
// resolver does from the cluster (pkg/scaling/resolver/scale_resolvers.go
// ResolveAuthRefAndPodIdentity#L239-285, resolveAuthRef#L288-456,
// getTriggerAuthSpec#L458-481), for a target with a pod template: Secret and
// ConfigMap values from the inputs (a placeholder when not given), container env
// and a workload identity's service account annotation taken to resolve, and
// the sources read from outside the cluster (Vault, Key Vault, Secret
// Managers, files, bound tokens) left unknown.
func resolveAuth(ref *keda.AuthenticationRef, namespace string, in inputs) (map[string]string, keda.AuthPodIdentity, []string, error) {
	params := map[string]string{}
	identity := keda.AuthPodIdentity{Provider: keda.PodIdentityProviderNone}
	if ref == nil || ref.Name == "" {
		return params, identity, nil, nil
	}
	var key, authNamespace string
	switch ref.Kind {
	case "", "TriggerAuthentication":
		key, authNamespace = namespace+"/"+ref.Name, namespace
	case "ClusterTriggerAuthentication":
		key, authNamespace = "/"+ref.Name, clusterObjectNamespace
	default:
		return nil, identity, nil, unknownAuth{fmt.Sprintf("unknown trigger auth kind %s", ref.Kind)}
	}
	spec, ok := in.auths[key]
	if !ok {
		return nil, identity, nil, unknownAuth{fmt.Sprintf("the %s %q is not among the inputs", orDefault(ref.Kind, "TriggerAuthentication"), ref.Name)}
	}
	var assumed []string
	value := func(store map[string]map[string]string, what, name, k, param string) string {
		if data, ok := store[authNamespace+"/"+name]; ok {
			return data[k] // a key the object lacks resolves to ""
		}
		assumed = append(assumed, fmt.Sprintf("%s: %s %s/%s not among the inputs (placeholder value)", param, what, authNamespace, name))
		return Placeholder
	}
	if spec.PodIdentity != nil {
		identity = *spec.PodIdentity
	}
	for _, e := range spec.Env {
		params[e.Parameter] = Placeholder
		assumed = append(assumed, fmt.Sprintf("%s: container env %s resolves (placeholder value)", e.Parameter, e.Name))
	}
	if spec.FilePath != "" {
		return nil, identity, nil, unknownAuth{"filePath: the parameters are read from a file in the KEDA operator's pod"}
	}
	for _, e := range spec.ConfigMapTargetRef {
		params[e.Parameter] = value(in.configMaps, "ConfigMap", e.Name, e.Key, e.Parameter)
	}
	for _, e := range spec.SecretTargetRef {
		params[e.Parameter] = value(in.secrets, "Secret", e.Name, e.Key, e.Parameter)
	}
	if (spec.HashiCorpVault != nil && len(spec.HashiCorpVault.Secrets) > 0) || (spec.AzureKeyVault != nil && len(spec.AzureKeyVault.Secrets) > 0) ||
		(spec.GCPSecretManager != nil && len(spec.GCPSecretManager.Secrets) > 0) || (spec.AwsSecretManager != nil && len(spec.AwsSecretManager.Secrets) > 0) ||
		len(spec.BoundServiceAccountToken) > 0 {
		return nil, identity, nil, unknownAuth{"parameters read from a secret store or a bound service account token (outside the manifests)"}
	}
	if spec.OAuth2 != nil {
		o := spec.OAuth2
		params["oauthTokenURI"] = o.TokenURL
		params["clientID"] = o.ClientID
		params["clientSecret"] = value(in.secrets, "Secret", o.ClientSecret.ValueFrom.SecretKeyRef.Name, o.ClientSecret.ValueFrom.SecretKeyRef.Key, "clientSecret")
		if len(o.Scopes) > 0 {
			params["scopes"] = strings.Join(o.Scopes, ",")
		}
		if len(o.TokenURLParams) > 0 {
			return nil, identity, nil, unknownAuth{"oauth2 tokenURLParams: not resolved by the oracle"}
		}
	}
	switch identity.Provider {
	case keda.PodIdentityProviderAws:
		if identity.RoleArn != nil {
			if identity.IsWorkloadIdentityOwner() {
				return nil, keda.AuthPodIdentity{Provider: keda.PodIdentityProviderNone}, assumed, fmt.Errorf("roleArn can't be set if KEDA isn't identity owner, current value: '%s'", *identity.IdentityOwner)
			}
			params["awsRoleArn"] = *identity.RoleArn
		}
		if identity.IsWorkloadIdentityOwner() {
			params["awsRoleArn"] = Placeholder
			assumed = append(assumed, "awsRoleArn: the target's service account has the eks.amazonaws.com/role-arn annotation (placeholder value)")
		}
	case keda.PodIdentityProviderAwsEKS:
		params["awsRoleArn"] = Placeholder
		assumed = append(assumed, "awsRoleArn: the target's service account has the eks.amazonaws.com/role-arn annotation (placeholder value)")
	case keda.PodIdentityProviderAzureWorkload:
		if identity.IdentityID != nil && *identity.IdentityID == "" {
			return nil, keda.AuthPodIdentity{Provider: keda.PodIdentityProviderNone}, assumed, errors.New("IdentityID of PodIdentity should not be empty")
		}
	}
	return params, identity, assumed, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scalers-oracle:", err)
	os.Exit(1)
}

// readDocs splits a YAML (or JSON) stream into one JSON document per object (as test/oracle does).
func readDocs(file string) ([][]byte, error) {
	var r io.Reader
	if file == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bufio.NewReader(r), 4096)
	var docs [][]byte
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", file, len(docs), err)
		}
		if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
			continue
		}
		docs = append(docs, raw)
	}
}
