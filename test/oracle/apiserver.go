package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The API server's part of the admission chain for a custom resource, with
// the apiextensions-apiserver's own code: the CRD must serve the version;
// metadata is coerced, unknown fields pruned and schema defaults applied
// (what a webhook then receives); then the object meta and the OpenAPI
// schema are validated. CEL rules (x-kubernetes-validations) are left out.
type crd struct {
	kind       string
	namespaced bool
	served     map[string]bool
	structural map[string]*structuralschema.Structural
	validator  map[string]apiservervalidation.SchemaValidator
	cel        map[string]bool
}

// crds by group and kind ("keda.sh/ScaledObject").
var crds = map[string]*crd{}

// loadCRDs reads every YAML file under dir: CustomResourceDefinitions become
// schemas, ConfigMaps the release's default settings (returned).
func loadCRDs(dir string) ([][]byte, error) {
	var configMaps [][]byte
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return err
		}
		docs, err := readDocs(p)
		if err != nil {
			return err
		}
		for _, raw := range docs {
			var head struct{ Kind string }
			_ = json.Unmarshal(raw, &head)
			switch head.Kind {
			case "ConfigMap":
				configMaps = append(configMaps, raw)
			case "CustomResourceDefinition":
				if err := addCRD(raw); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
			}
		}
		return nil
	})
	return configMaps, err
}

func addCRD(raw []byte) error {
	def := &apiextensionsv1.CustomResourceDefinition{}
	if err := json.Unmarshal(raw, def); err != nil {
		return err
	}
	c := &crd{
		kind:       def.Spec.Names.Kind,
		namespaced: def.Spec.Scope == apiextensionsv1.NamespaceScoped,
		served:     map[string]bool{},
		structural: map[string]*structuralschema.Structural{},
		validator:  map[string]apiservervalidation.SchemaValidator{},
		cel:        map[string]bool{},
	}
	for _, v := range def.Spec.Versions {
		c.served[v.Name] = v.Served
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		internal := &apiextensions.JSONSchemaProps{}
		if err := apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v.Schema.OpenAPIV3Schema, internal, nil); err != nil {
			return err
		}
		s, err := structuralschema.NewStructural(internal)
		if err != nil {
			return fmt.Errorf("%s %s: %w", def.Name, v.Name, err)
		}
		validator, _, err := apiservervalidation.NewSchemaValidator(internal)
		if err != nil {
			return fmt.Errorf("%s %s: %w", def.Name, v.Name, err)
		}
		c.structural[v.Name], c.validator[v.Name] = s, validator
		c.cel[v.Name] = strings.Contains(string(raw), "x-kubernetes-validations")
	}
	crds[def.Spec.Group+"/"+def.Spec.Names.Kind] = c
	return nil
}

// admitCustomResource runs the API server's steps; it returns the object as
// the webhooks receive it, or the errors that stop the request there. known
// is false for a kind no CRD was loaded for.
func admitCustomResource(group, version, kind string, raw []byte) (out []byte, errs []string, notRun []string, known bool) {
	c, ok := crds[group+"/"+kind]
	if !ok {
		return raw, nil, nil, false
	}
	if !c.served[version] {
		return nil, []string{fmt.Sprintf("no matches for kind %q in version %q", kind, group+"/"+version)}, nil, true
	}
	s := c.structural[version]
	if s == nil {
		return raw, nil, nil, true
	}
	if c.cel[version] {
		notRun = append(notRun, "the CRD's CEL rules (x-kubernetes-validations)")
	}
	obj := map[string]interface{}{}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, []string{err.Error()}, notRun, true
	}
	// Decoding: metadata coerced (a malformed field is an error), unknown fields pruned, defaults set.
	meta, _, err := schemaobjectmeta.GetObjectMeta(obj, false)
	if err != nil {
		return nil, []string{err.Error()}, notRun, true
	}
	if meta == nil {
		meta = &metav1.ObjectMeta{}
	}
	if c.namespaced && meta.Namespace == "" {
		meta.Namespace = "default" // kubectl sends the context's namespace
	}
	if err := schemaobjectmeta.SetObjectMeta(obj, meta); err != nil {
		return nil, []string{err.Error()}, notRun, true
	}
	pruning.Prune(obj, s, true)
	// As customresource_handler.go does right after pruning: a null in a non-nullable field without a default is dropped.
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(obj, s)
	structuraldefaulting.Default(obj, s)

	u := &unstructured.Unstructured{Object: obj}
	var all field.ErrorList
	all = append(all, validation.ValidateObjectMetaAccessor(u, c.namespaced, validation.NameIsDNSSubdomain, field.NewPath("metadata"))...)
	all = append(all, apiservervalidation.ValidateCustomResource(nil, obj, c.validator[version])...)
	all = append(all, schemaobjectmeta.Validate(nil, obj, s, false)...)
	all = append(all, structurallisttype.ValidateListSetsAndMaps(nil, s, obj)...)
	for _, e := range all {
		errs = append(errs, e.Error())
	}
	out, err = json.Marshal(obj)
	if err != nil {
		return nil, []string{err.Error()}, notRun, true
	}
	return out, errs, notRun, true
}
