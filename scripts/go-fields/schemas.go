package main

// Structural schemas of the core kinds an agent's YAML holds, from the Go
// types of k8s.io/api (what the API server decodes into): each node is
// {t, p, i, a, x, u} as in imports/compact-schemas.ts, `ref` names a shared
// definition. Required fields are left out: Go types do not carry them.

import (
	"encoding/json"
	"reflect"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
)

var coreKinds = map[string]any{
	"v1/Pod":                                          &corev1.Pod{},
	"v1/Service":                                      &corev1.Service{},
	"v1/ConfigMap":                                    &corev1.ConfigMap{},
	"v1/Secret":                                       &corev1.Secret{},
	"v1/ServiceAccount":                               &corev1.ServiceAccount{},
	"v1/Namespace":                                    &corev1.Namespace{},
	"v1/PersistentVolumeClaim":                        &corev1.PersistentVolumeClaim{},
	"apps/v1/Deployment":                              &appsv1.Deployment{},
	"apps/v1/StatefulSet":                             &appsv1.StatefulSet{},
	"apps/v1/DaemonSet":                               &appsv1.DaemonSet{},
	"batch/v1/Job":                                    &batchv1.Job{},
	"batch/v1/CronJob":                                &batchv1.CronJob{},
	"networking.k8s.io/v1/NetworkPolicy":              &networkingv1.NetworkPolicy{},
	"networking.k8s.io/v1/Ingress":                    &networkingv1.Ingress{},
	"rbac.authorization.k8s.io/v1/Role":               &rbacv1.Role{},
	"rbac.authorization.k8s.io/v1/RoleBinding":        &rbacv1.RoleBinding{},
	"rbac.authorization.k8s.io/v1/ClusterRole":        &rbacv1.ClusterRole{},
	"rbac.authorization.k8s.io/v1/ClusterRoleBinding": &rbacv1.ClusterRoleBinding{},
	"autoscaling/v2/HorizontalPodAutoscaler":          &autoscalingv2.HorizontalPodAutoscaler{},
	"autoscaling/v1/HorizontalPodAutoscaler":          &autoscalingv1.HorizontalPodAutoscaler{},
	"policy/v1/PodDisruptionBudget":                   &policyv1.PodDisruptionBudget{},
}

type node = map[string]any

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

type schemaGen struct{ defs map[string]node }

func typeName(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

func (g *schemaGen) of(t reflect.Type) node {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch typeName(t) {
	case "k8s.io/apimachinery/pkg/api/resource.Quantity":
		return node{"x": 1, "q": 1}
	case "k8s.io/apimachinery/pkg/util/intstr.IntOrString":
		return node{"x": 1}
	case "k8s.io/apimachinery/pkg/apis/meta/v1.Time", "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime", "k8s.io/apimachinery/pkg/apis/meta/v1.Duration":
		return node{"t": "s"}
	case "k8s.io/apimachinery/pkg/runtime.RawExtension", "k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1":
		return node{"u": 1}
	case "knative.dev/pkg/apis.URL":
		return node{"t": "s"} // UnmarshalJSON reads a string and parses it as a URL
	}
	// Any other type that decodes itself may take more than one shape: left open.
	if reflect.PointerTo(t).Implements(unmarshaler) {
		return node{"u": 1}
	}
	switch t.Kind() {
	case reflect.String:
		return node{"t": "s"}
	case reflect.Bool:
		return node{"t": "b"}
	case reflect.Int32, reflect.Uint32, reflect.Int16, reflect.Uint16, reflect.Int8, reflect.Uint8:
		return node{"t": "j"}
	case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint64:
		return node{"t": "i"}
	case reflect.Float32, reflect.Float64:
		return node{"t": "n"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return node{"t": "s"} // []byte: base64 text
		}
		return node{"t": "a", "i": g.of(t.Elem())}
	case reflect.Map:
		return node{"t": "o", "a": g.of(t.Elem())}
	case reflect.Interface:
		return node{"u": 1}
	case reflect.Struct:
		name := typeName(t)
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = nil // recursion guard
			props := node{}
			g.structFields(t, props)
			g.defs[name] = node{"t": "o", "p": props}
		}
		return node{"ref": name}
	}
	return node{"u": 1}
}

func (g *schemaGen) structFields(t reflect.Type, props node) {
	fs := map[string]reflect.Type{}
	fields(t, fs)
	for name, ft := range fs {
		props[name] = g.of(ft)
	}
}

func coreSchemas() map[string]any {
	g := &schemaGen{defs: map[string]node{}}
	roots := map[string]string{}
	for key, obj := range coreKinds {
		t := reflect.TypeOf(obj).Elem()
		g.of(t)
		roots[key] = typeName(t)
	}
	return map[string]any{"roots": roots, "defs": g.defs}
}
