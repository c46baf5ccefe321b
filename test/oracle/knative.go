package main

import (
	"context"
	gojson "encoding/json"

	authenticationv1 "k8s.io/api/authentication/v1"
	kubefake "k8s.io/client-go/kubernetes/fake"
	"knative.dev/pkg/apis"
	"knative.dev/pkg/webhook/json"
	"knative.dev/pkg/webhook/resourcesemantics"

	eventingv1 "knative.dev/eventing/pkg/apis/eventing/v1"
	eventingv1alpha1 "knative.dev/eventing/pkg/apis/eventing/v1alpha1"
	flowsv1 "knative.dev/eventing/pkg/apis/flows/v1"
	messagingv1 "knative.dev/eventing/pkg/apis/messaging/v1"
	"knative.dev/eventing/pkg/apis/sinks"
	sinksv1alpha1 "knative.dev/eventing/pkg/apis/sinks/v1alpha1"
	sourcesv1 "knative.dev/eventing/pkg/apis/sources/v1"
	sourcesv1beta2 "knative.dev/eventing/pkg/apis/sources/v1beta2"
	servingv1 "knative.dev/serving/pkg/apis/serving/v1"
	servingv1beta1 "knative.dev/serving/pkg/apis/serving/v1beta1"
)

// Knative's webhooks (knative.dev/pkg resourcesemantics), both in a create
// request's context carrying the config stores. The defaulting (mutating)
// webhook decodes the object and calls SetDefaults; its patch also round-trips
// the object through the Go type (defaulting.go roundTripPatch), so what the
// API server then stores and validates is the defaulted Go object marshalled.
// The validating webhook decodes that and calls Validate. Serving decodes
// leniently (its CRDs prune), Eventing strictly (cmd/webhook/main.go:
// disallowUnknownFields true).
func knativeWebhook(newObj func() resourcesemantics.GenericCRD, strict bool, withSettings func(*settings, context.Context) context.Context, notRun ...string) hooks {
	ctxOf := func(s *settings) context.Context {
		ctx := withSettings(s, context.Background())
		ctx = apis.WithUserInfo(ctx, &authenticationv1.UserInfo{Username: "oracle"})
		return apis.WithinCreate(ctx)
	}
	decode := func(raw []byte) (resourcesemantics.GenericCRD, []string) {
		obj := newObj()
		if err := json.Decode(raw, obj, strict); err != nil {
			return nil, []string{"decoding request failed: cannot decode incoming new object: " + err.Error()}
		}
		return obj, nil
	}
	mutate := func(raw []byte, s *settings) ([]byte, []string) {
		obj, errs := decode(raw)
		if errs != nil {
			return nil, errs
		}
		obj.SetDefaults(ctxOf(s))
		out, err := gojson.Marshal(obj)
		if err != nil {
			return nil, []string{"defaulting: " + err.Error()}
		}
		return out, nil
	}
	return hooks{mutate: mutate, validate: func(raw []byte, s *settings) verdict {
		obj, errs := decode(raw)
		if errs != nil {
			return result(errs, nil, notRun)
		}
		ctx := ctxOf(s)
		var warnings []string
		if fe := obj.Validate(ctx); fe != nil {
			errs = messages(fe.Filter(apis.ErrorLevel))
			warnings = messages(fe.Filter(apis.WarningLevel))
		}
		return result(errs, warnings, notRun)
	}}
}

// messages flattens a FieldError into one message (with its field paths) per error.
func messages(fe *apis.FieldError) []string {
	if fe == nil {
		return nil
	}
	var out []string
	for _, e := range fe.WrappedErrors() {
		out = append(out, e.Error())
	}
	return out
}

func serving(s *settings, ctx context.Context) context.Context  { return s.servingContext(ctx) }
func eventing(s *settings, ctx context.Context) context.Context { return s.eventingContext(ctx) }

func init() {
	// Serving's extra callback (pkg/webhook ValidateService) runs only on dry-run requests.
	sv := func(kind string, f func() resourcesemantics.GenericCRD) {
		webhooks["serving.knative.dev/"+kind] = knativeWebhook(f, false, serving)
	}
	sv("v1/Service", func() resourcesemantics.GenericCRD { return &servingv1.Service{} })
	sv("v1/Configuration", func() resourcesemantics.GenericCRD { return &servingv1.Configuration{} })
	sv("v1/Route", func() resourcesemantics.GenericCRD { return &servingv1.Route{} })
	sv("v1/Revision", func() resourcesemantics.GenericCRD { return &servingv1.Revision{} })
	sv("v1beta1/DomainMapping", func() resourcesemantics.GenericCRD { return &servingv1beta1.DomainMapping{} })

	ev := func(key string, f func() resourcesemantics.GenericCRD) {
		webhooks[key] = knativeWebhook(f, true, eventing)
	}
	ev("eventing.knative.dev/v1/Broker", func() resourcesemantics.GenericCRD { return &eventingv1.Broker{} })
	ev("eventing.knative.dev/v1/Trigger", func() resourcesemantics.GenericCRD { return &eventingv1.Trigger{} })
	ev("eventing.knative.dev/v1alpha1/EventPolicy", func() resourcesemantics.GenericCRD { return &eventingv1alpha1.EventPolicy{} })
	ev("messaging.knative.dev/v1/Channel", func() resourcesemantics.GenericCRD { return &messagingv1.Channel{} })
	ev("messaging.knative.dev/v1/Subscription", func() resourcesemantics.GenericCRD { return &messagingv1.Subscription{} })
	ev("sources.knative.dev/v1/ApiServerSource", func() resourcesemantics.GenericCRD { return &sourcesv1.ApiServerSource{} })
	ev("sources.knative.dev/v1/PingSource", func() resourcesemantics.GenericCRD { return &sourcesv1.PingSource{} })
	ev("sources.knative.dev/v1beta2/PingSource", func() resourcesemantics.GenericCRD { return &sourcesv1beta2.PingSource{} })
	ev("sources.knative.dev/v1/SinkBinding", func() resourcesemantics.GenericCRD { return &sourcesv1.SinkBinding{} })
	ev("sources.knative.dev/v1/ContainerSource", func() resourcesemantics.GenericCRD { return &sourcesv1.ContainerSource{} })
	// JobSink validates its Job by a dry-run create on the API server (strict
	// field validation): a clientset that accepts every Job leaves that out.
	webhooks["sinks.knative.dev/v1alpha1/JobSink"] = knativeWebhook(func() resourcesemantics.GenericCRD { return &sinksv1alpha1.JobSink{} }, true,
		func(s *settings, ctx context.Context) context.Context {
			return sinks.WithConfig(eventing(s, ctx), &sinks.Config{KubeClient: kubefake.NewClientset()})
		},
		"the Job's dry-run create on the API server (batch/v1 Job validation with strict field validation)")
	ev("flows.knative.dev/v1/Sequence", func() resourcesemantics.GenericCRD { return &flowsv1.Sequence{} })
	ev("flows.knative.dev/v1/Parallel", func() resourcesemantics.GenericCRD { return &flowsv1.Parallel{} })
}
