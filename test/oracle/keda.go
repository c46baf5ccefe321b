package main

import (
	"context"
	"fmt"

	admissionv1 "k8s.io/api/admission/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/webhook"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	keda "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
)

// KEDA's admission webhooks (controller-runtime): each request is decoded by
// controller-runtime's decoder and handed to KEDA's validator, through the
// handler KEDA registers. Requests are sent as dry runs, so the ScaledObject
// webhook skips verifyCPUMemoryScalers, which reads the target workload (and
// LimitRanges) from the cluster. Its other cluster reads (other ScaledObjects
// and HPAs in the namespace) answer from an empty cluster: conflicts with
// objects elsewhere are not judged. Any apiVersion/kind of scaleTargetRef maps
// to a resource, as in a cluster that has the target's CRD.
var kedaNotRun = []string{
	"verifyCPUMemoryScalers (reads the target workload and LimitRanges from the cluster)",
	"conflicts with other ScaledObjects and HPAs in the namespace (listed from the cluster)",
}

var kedaScheme = runtime.NewScheme()

func init() {
	must(clientgoscheme.AddToScheme(kedaScheme))
	must(keda.AddToScheme(kedaScheme))

	// KEDA reads its client and REST mapper from the manager it is set up with.
	mgr := &oracleManager{
		client: fake.NewClientBuilder().WithScheme(kedaScheme).Build(),
		server: webhook.NewServer(webhook.Options{}),
	}
	must((&keda.ScaledObject{}).SetupWebhookWithManager(mgr, false))

	add := func(kind string, h *admission.Webhook, notRun ...string) {
		webhooks["keda.sh/v1alpha1/"+kind] = hooks{validate: kedaJudge(kind, h, notRun)} // KEDA has no mutating webhook
	}
	add("ScaledObject", admission.WithValidator[*keda.ScaledObject](kedaScheme, &keda.ScaledObjectCustomValidator{}), kedaNotRun...)
	add("ScaledJob", admission.WithValidator[*keda.ScaledJob](kedaScheme, &keda.ScaledJobCustomValidator{}))
	add("TriggerAuthentication", admission.WithValidator[*keda.TriggerAuthentication](kedaScheme, &keda.TriggerAuthenticationCustomValidator{}))
	add("ClusterTriggerAuthentication", admission.WithValidator[*keda.ClusterTriggerAuthentication](kedaScheme, &keda.ClusterTriggerAuthenticationCustomValidator{}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func kedaJudge(kind string, h *admission.Webhook, notRun []string) judge {
	dryRun := true
	return func(raw []byte, _ *settings) verdict {
		req := admission.Request{AdmissionRequest: admissionv1.AdmissionRequest{
			UID:       "oracle",
			Kind:      metav1GVK("keda.sh", "v1alpha1", kind),
			Operation: admissionv1.Create,
			DryRun:    &dryRun,
			Object:    runtime.RawExtension{Raw: raw},
		}}
		resp := h.Handle(context.Background(), req)
		var errs []string
		if !resp.Allowed {
			msg := "denied"
			if resp.Result != nil {
				msg = resp.Result.Message
			}
			errs = []string{msg}
		}
		return result(errs, resp.Warnings, notRun)
	}
}

// oracleManager is the part of a manager KEDA's SetupWebhookWithManager uses;
// any other method panics (the embedded interface is nil).
type oracleManager struct {
	ctrl.Manager
	client client.Client
	server webhook.Server
}

func (m *oracleManager) GetClient() client.Client                     { return m.client }
func (m *oracleManager) GetRESTMapper() meta.RESTMapper               { return openMapper{} }
func (m *oracleManager) GetScheme() *runtime.Scheme                   { return kedaScheme }
func (m *oracleManager) GetConfig() *rest.Config                      { return &rest.Config{} }
func (m *oracleManager) GetWebhookServer() webhook.Server             { return m.server }
func (m *oracleManager) GetEventRecorder(string) events.EventRecorder { return nil }

// openMapper maps every kind to its guessed resource: the open world, where
// the target's CRD may be installed.
type openMapper struct{ meta.RESTMapper }

func (openMapper) RESTMapping(gk schema.GroupKind, versions ...string) (*meta.RESTMapping, error) {
	if len(versions) == 0 || versions[0] == "" {
		return nil, fmt.Errorf("no version for %s", gk)
	}
	gvk := gk.WithVersion(versions[0])
	plural, _ := meta.UnsafeGuessKindToResource(gvk)
	return &meta.RESTMapping{Resource: plural, GroupVersionKind: gvk, Scope: meta.RESTScopeNamespace}, nil
}

func metav1GVK(group, version, kind string) metav1.GroupVersionKind {
	return metav1.GroupVersionKind{Group: group, Version: version, Kind: kind}
}
