// The oracle: the upstream webhooks' own Go code judging manifests, so the
// library's rules can be compared with what the admission chain decides.
//
//	go run . [--crds DIR]... [--settings configmaps.yaml]... FILE... (or - for stdin)
//
// prints one JSON object per line for each object of each file: file, doc,
// apiVersion, kind, name, verdict (accepted | rejected | unsupported), errors
// (upstream's messages with their field paths), and notRun: the upstream
// checks left out because they need a live cluster. With --crds DIR, custom
// resources first go through the API server's own steps (CRD version served,
// pruning, schema defaults, schema and object meta validation), and the
// ConfigMaps in DIR are the release's default settings (--settings override
// them); a custom resource whose webhook is not here gets the API server's
// verdict with `partial` saying why.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// verdict is the contract scripts read: one per object, one line each.
type verdict struct {
	File       string   `json:"file"`
	Doc        int      `json:"doc"`
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Verdict    string   `json:"verdict"`
	Errors     []string `json:"errors"`
	Warnings   []string `json:"warnings,omitempty"`
	NotRun     []string `json:"notRun,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	// Partial: only the API server's checks ran (CRD schema, object meta); why the webhook did not.
	Partial string `json:"partial,omitempty"`
}

// judge decides one object: raw is its JSON as the API server would send it.
type judge func(raw []byte, s *settings) verdict

type settingsFlag []string

func (f *settingsFlag) String() string     { return strings.Join(*f, ",") }
func (f *settingsFlag) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	var settingsFiles, crdDirs settingsFlag
	flag.Var(&crdDirs, "crds", "a folder of CRDs (checked as the API server checks custom resources) and the release's default ConfigMaps; repeatable, a later folder's CRD of a kind replaces an earlier one's")
	flag.Var(&settingsFiles, "settings", "a YAML file of ConfigMaps (config-features, config-defaults, config-autoscaler, ...); repeatable")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run . [--crds DIR]... [--settings configmaps.yaml]... FILE... (- for stdin)")
		flag.PrintDefaults()
	}
	modules := flag.Bool("modules", false, "print the upstream module versions this binary was built with, and exit")
	flag.Parse()
	if *modules {
		printModules()
		return
	}
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var cms [][]byte
	for _, dir := range crdDirs {
		defaults, err := loadCRDs(dir)
		if err != nil {
			fail(err)
		}
		cms = append(cms, defaults...)
	}
	for _, f := range settingsFiles {
		docs, err := readDocs(f)
		if err != nil {
			fail(err)
		}
		cms = append(cms, docs...)
	}
	s, err := readSettings(cms)
	if err != nil {
		fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for _, f := range flag.Args() {
		docs, err := readDocs(f)
		if err != nil {
			fail(err)
		}
		for i, raw := range docs {
			v := judgeOne(raw, s)
			v.File, v.Doc = f, i
			if v.Errors == nil {
				v.Errors = []string{}
			}
			if err := enc.Encode(v); err != nil {
				fail(err)
			}
		}
	}
}

// printModules: the upstream modules the verdicts come from (go.mod, or go.1.23.mod for Knative Serving 1.23).
func printModules() {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fail(errors.New("no build information"))
	}
	for _, m := range info.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		switch m.Path {
		case "knative.dev/serving", "knative.dev/eventing", "github.com/kedacore/keda/v2", "k8s.io/apiextensions-apiserver":
			fmt.Printf("%s %s\n", m.Path, m.Version)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(1)
}

// readDocs splits a YAML (or JSON) stream into one JSON document per object;
// empty documents are skipped, as kubectl skips them.
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

// judgeOne finds the kind's judge; a kind without one is unsupported.
func judgeOne(raw []byte, s *settings) verdict {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	// A head that does not decode (a list, a scalar) is left to the judges' own decoding.
	_ = json.Unmarshal(raw, &head)
	key := head.APIVersion + "/" + head.Kind
	group, version := "", head.APIVersion
	if i := strings.LastIndex(head.APIVersion, "/"); i >= 0 {
		group, version = head.APIVersion[:i], head.APIVersion[i+1:]
	}
	v := judgeSafely(func(raw []byte, s *settings) verdict { return judgeChain(key, group, version, head.Kind, raw, s) }, raw, s)
	v.APIVersion, v.Kind, v.Name = head.APIVersion, head.Kind, head.Metadata.Name
	return v
}

// judgeChain: a create request's path through the API server, in its order
// (k8s.io/apiserver endpoints/handlers/create.go, registry/generic/registry
// store.go Create): decode (custom resources: metadata coerced, unknown fields
// pruned, schema defaults), the mutating webhook, then BeforeCreate (a
// generateName becomes a name) and the strategy's validation (object meta,
// schema), and only then the validating webhook.
func judgeChain(key, group, version, kind string, raw []byte, s *settings) (v verdict) {
	c, isCR := crds[group+"/"+kind]
	wh, hasWebhook := webhooks[key]
	if !isCR && !hasWebhook {
		return verdict{Verdict: "unsupported", Reason: unsupportedReason(key)}
	}
	var notRun []string
	obj := raw
	if isCR {
		var errs []string
		if obj, errs, notRun = c.decode(version, kind, raw); obj == nil {
			return result(errs, nil, notRun)
		}
	}
	if hasWebhook && wh.mutate != nil {
		var errs []string
		if obj, errs = wh.mutate(obj, s); errs != nil {
			return result(errs, nil, notRun)
		}
		if isCR { // the API server prunes and defaults the patched object again
			var decodeErrs []string
			if obj, decodeErrs, _ = c.decode(version, kind, obj); obj == nil {
				return result(decodeErrs, nil, notRun)
			}
		}
	}
	obj = generateName(obj)
	if isCR {
		if errs := c.validate(version, obj); len(errs) > 0 {
			return result(errs, nil, notRun) // refused before the validating webhooks are called
		}
	}
	if !hasWebhook {
		v = result(nil, nil, notRun)
		v.Partial = unsupportedReason(key)
		return v
	}
	v = wh.validate(obj, s)
	if v.Verdict != "unsupported" {
		v = result(v.Errors, v.Warnings, append(notRun, v.NotRun...))
	}
	return v
}

func unsupportedReason(key string) string {
	if reason, known := unsupported[key]; known {
		return reason
	}
	return "no webhook of a supported release is registered for " + key
}

// judgeSafely runs a judge; a panic of upstream code (a context value the
// oracle does not provide) is reported, not fatal to the other objects.
func judgeSafely(j judge, raw []byte, s *settings) (v verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = verdict{Verdict: "unsupported", Reason: fmt.Sprintf("upstream code panicked: %v", r)}
		}
	}()
	return j(raw, s)
}

// result turns errors into a verdict.
func result(errs []string, warnings []string, notRun []string) verdict {
	v := verdict{Verdict: "accepted", Errors: errs, Warnings: warnings, NotRun: notRun}
	if len(errs) > 0 {
		v.Verdict = "rejected"
	}
	return v
}

// webhook: a kind's admission webhooks; mutate returns the object as patched,
// or the errors that deny the request (nil when the kind has no mutating webhook).
type hooks struct {
	mutate   func(raw []byte, s *settings) ([]byte, []string)
	validate judge
}

var webhooks = map[string]hooks{}

// Kinds the library checks that no webhook module here can judge, and why.
var unsupported = map[string]string{
	"sources.knative.dev/v1beta1/KafkaSource":     "knative.dev/eventing-kafka-broker (v0.49.3) is not served by the Go module proxy this project reaches",
	"external-secrets.io/v1/ExternalSecret":       "github.com/external-secrets/external-secrets/apis (ESO 2.9.0) is not served by the Go module proxy this project reaches",
	"external-secrets.io/v1/SecretStore":          "github.com/external-secrets/external-secrets/apis (ESO 2.9.0) is not served by the Go module proxy this project reaches",
	"external-secrets.io/v1/ClusterSecretStore":   "github.com/external-secrets/external-secrets/apis (ESO 2.9.0) is not served by the Go module proxy this project reaches",
	"apps/v1/Deployment":                          "a core kind: the API server's own validation (k8s.io/kubernetes) is not a module one can depend on",
	"v1/Secret":                                   "a core kind: the API server's own validation (k8s.io/kubernetes) is not a module one can depend on",
	"v1/ConfigMap":                                "a core kind: the API server's own validation (k8s.io/kubernetes) is not a module one can depend on",
	"v1/ServiceAccount":                           "a core kind: the API server's own validation (k8s.io/kubernetes) is not a module one can depend on",
	"networking.k8s.io/v1/NetworkPolicy":          "a core kind: the API server's own validation (k8s.io/kubernetes) is not a module one can depend on",
	"bitnami.com/v1alpha1/SealedSecret":           "Sealed Secrets has no admission webhook: only its CRD schema applies",
	"cilium.io/v2/CiliumNetworkPolicy":            "Cilium has no admission webhook: only its CRD schema applies (the agent validates later)",
	"cilium.io/v2/CiliumClusterwideNetworkPolicy": "Cilium has no admission webhook: only its CRD schema applies (the agent validates later)",
}
