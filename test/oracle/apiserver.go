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
	"k8s.io/apiserver/pkg/storage/names"
)

// The API server's part of the admission chain for a custom resource, with
// the apiextensions-apiserver's own code: decode (served version, metadata,
// pruning, schema defaults) and, after the mutating webhooks, validate (object
// meta and the OpenAPI schema); main.go judgeChain runs them in order.
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

// decode is the API server's decoding of a custom resource: the CRD must
// serve the version; metadata is coerced (a malformed field is an error),
// unknown fields pruned, schema defaults set. It returns the object as the
// webhooks receive it, or nil and the errors that stop the request there.
func (c *crd) decode(version, kind string, raw []byte) (out []byte, errs []string, notRun []string) {
	if !c.served[version] {
		return nil, []string{fmt.Sprintf("no matches for kind %q in version %q", kind, version)}, nil
	}
	s := c.structural[version]
	if s == nil {
		return raw, nil, nil
	}
	if c.cel[version] {
		notRun = append(notRun, "the CRD's CEL rules (x-kubernetes-validations)")
	}
	obj := map[string]interface{}{}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, []string{err.Error()}, notRun
	}
	meta, _, err := schemaobjectmeta.GetObjectMeta(obj, false)
	if err != nil {
		return nil, []string{err.Error()}, notRun
	}
	if meta == nil {
		meta = &metav1.ObjectMeta{}
	}
	if c.namespaced && meta.Namespace == "" {
		meta.Namespace = "default" // kubectl sends the context's namespace
	} else if !c.namespaced {
		// A cluster-scoped object's namespace is cleared before admission
		// (k8s.io/apiserver v0.35.5 pkg/endpoints/handlers/create.go#L175, pkg/registry/rest/meta.go#L59-62).
		meta.Namespace = ""
	}
	if err := schemaobjectmeta.SetObjectMeta(obj, meta); err != nil {
		return nil, []string{err.Error()}, notRun
	}
	pruning.Prune(obj, s, true)
	// As customresource_handler.go does right after pruning: a null in a non-nullable field without a default is dropped.
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(obj, s)
	structuraldefaulting.Default(obj, s)
	if out, err = json.Marshal(obj); err != nil {
		return nil, []string{err.Error()}, notRun
	}
	return out, nil, notRun
}

// validate is the custom resource strategy's validation on create (after
// the mutating webhooks): object meta, the OpenAPI schema, list types.
// CEL rules (x-kubernetes-validations) are left out.
func (c *crd) validate(version string, raw []byte) (errs []string) {
	s := c.structural[version]
	obj := map[string]interface{}{}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return []string{err.Error()}
	}
	u := &unstructured.Unstructured{Object: obj}
	all := validation.ValidateObjectMetaAccessor(u, c.namespaced, validation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if s != nil {
		all = append(all, apiservervalidation.ValidateCustomResource(nil, obj, c.validator[version])...)
		all = append(all, schemaobjectmeta.Validate(nil, obj, s, false)...)
		all = append(all, structurallisttype.ValidateListSetsAndMaps(nil, s, obj)...)
	}
	for _, e := range all {
		errs = append(errs, e.Error())
	}
	return errs
}

// generateName is BeforeCreate's naming (k8s.io/apiserver registry/rest
// create.go): an object with a generateName and no name gets a generated one
// before it is validated; the mutating webhooks saw it without.
func generateName(raw []byte) []byte {
	obj := map[string]interface{}{}
	if json.Unmarshal(raw, &obj) != nil {
		return raw
	}
	meta, _ := obj["metadata"].(map[string]interface{})
	prefix, _ := meta["generateName"].(string)
	if name, _ := meta["name"].(string); name != "" || prefix == "" {
		return raw
	}
	meta["name"] = names.SimpleNameGenerator.GenerateName(prefix)
	out, err := json.Marshal(obj)
	if err != nil {
		return raw
	}
	return out
}
