// Prints, for each Knative kind, the JSON keys its Go type accepts at the
// schema nodes its CRD keeps as written (x-kubernetes-preserve-unknown-fields
// with declared properties), each with the schema of its Go type: the webhook
// decodes those, so a key the Go type lacks (strictly decoded) or a value of
// the wrong type is rejected although the CRD keeps it. Reads the wanted paths
// as JSON on stdin ({"group/version/Kind": ["spec.delivery", ...]}) and writes
// {"kinds": {"group/version/Kind": {"spec.delivery": {"retry": node, ...}}}, "defs": {...}}
// with nodes as in schemas.go.
// Run by scripts/gen-go-fields.ts; needs Go and the module proxy.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	eventingv1 "knative.dev/eventing/pkg/apis/eventing/v1"
	eventingv1alpha1 "knative.dev/eventing/pkg/apis/eventing/v1alpha1"
	flowsv1 "knative.dev/eventing/pkg/apis/flows/v1"
	messagingv1 "knative.dev/eventing/pkg/apis/messaging/v1"
	sourcesv1 "knative.dev/eventing/pkg/apis/sources/v1"
	sourcesv1alpha1 "knative.dev/eventing/pkg/apis/sources/v1alpha1"
	servingv1 "knative.dev/serving/pkg/apis/serving/v1"
)

var kinds = map[string]any{
	"serving.knative.dev/v1/Service":                 &servingv1.Service{},
	"serving.knative.dev/v1/Configuration":           &servingv1.Configuration{},
	"serving.knative.dev/v1/Route":                   &servingv1.Route{},
	"serving.knative.dev/v1/Revision":                &servingv1.Revision{},
	"eventing.knative.dev/v1/Broker":                 &eventingv1.Broker{},
	"eventing.knative.dev/v1/Trigger":                &eventingv1.Trigger{},
	"eventing.knative.dev/v1alpha1/RequestReply":     &eventingv1alpha1.RequestReply{},
	"eventing.knative.dev/v1alpha1/EventPolicy":      &eventingv1alpha1.EventPolicy{},
	"flows.knative.dev/v1/Parallel":                  &flowsv1.Parallel{},
	"flows.knative.dev/v1/Sequence":                  &flowsv1.Sequence{},
	"messaging.knative.dev/v1/Channel":               &messagingv1.Channel{},
	"messaging.knative.dev/v1/InMemoryChannel":       &messagingv1.InMemoryChannel{},
	"messaging.knative.dev/v1/Subscription":          &messagingv1.Subscription{},
	"sources.knative.dev/v1/ApiServerSource":         &sourcesv1.ApiServerSource{},
	"sources.knative.dev/v1/PingSource":              &sourcesv1.PingSource{},
	"sources.knative.dev/v1/SinkBinding":             &sourcesv1.SinkBinding{},
	"sources.knative.dev/v1/ContainerSource":         &sourcesv1.ContainerSource{},
	"sources.knative.dev/v1alpha1/IntegrationSource": &sourcesv1alpha1.IntegrationSource{},
}

// fields lists the JSON keys of a struct type, inlined and embedded structs included.
func fields(t reflect.Type, out map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if name == "" && (f.Anonymous || strings.Contains(tag, "inline")) {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				fields(ft, out)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func resolve(t reflect.Type, path string) (reflect.Type, error) {
	t = deref(t)
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			continue
		}
		many := strings.HasSuffix(seg, "[]")
		seg = strings.TrimSuffix(seg, "[]")
		if t.Kind() != reflect.Struct {
			return nil, fmt.Errorf("%s: %s is not a struct", path, t)
		}
		fs := map[string]reflect.Type{}
		fields(t, fs)
		next, ok := fs[seg]
		if !ok {
			return nil, fmt.Errorf("%s: %s has no field %q", path, t, seg)
		}
		t = deref(next)
		if many {
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return nil, fmt.Errorf("%s: %s is not a list", path, t)
			}
			t = deref(t.Elem())
		}
	}
	return t, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-core-schemas" {
		enc := json.NewEncoder(os.Stdout)
		_ = enc.Encode(coreSchemas())
		return
	}
	var want map[string][]string
	if err := json.NewDecoder(os.Stdin).Decode(&want); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	g := &schemaGen{defs: map[string]node{}}
	out := map[string]map[string]map[string]node{}
	failed := false
	for kind, paths := range want {
		obj, ok := kinds[kind]
		if !ok {
			// Outside the modules this program builds against (KafkaChannel is eventing-kafka-broker's): left unchecked.
			fmt.Fprintf(os.Stderr, "skipped %s: no Go type known here\n", kind)
			continue
		}
		out[kind] = map[string]map[string]node{}
		for _, p := range paths {
			t, err := resolve(reflect.TypeOf(obj), p)
			if err != nil || t.Kind() != reflect.Struct {
				fmt.Fprintf(os.Stderr, "%s %s: %v (%v)\n", kind, p, err, t)
				failed = true
				continue
			}
			fs := map[string]reflect.Type{}
			fields(t, fs)
			out[kind][p] = map[string]node{}
			for k, ft := range fs {
				out[kind][p][k] = g.of(ft)
			}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	_ = enc.Encode(map[string]any{"kinds": out, "defs": g.defs})
	if failed {
		os.Exit(1)
	}
}
