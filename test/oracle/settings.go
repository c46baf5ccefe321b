package main

import (
	"context"
	"encoding/json"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	evconfig "knative.dev/eventing/pkg/apis/config"
	"knative.dev/eventing/pkg/apis/feature"
	chconfig "knative.dev/eventing/pkg/apis/messaging/config"
	pingconfig "knative.dev/eventing/pkg/apis/sources/config"
	svconfig "knative.dev/serving/pkg/apis/config"
	asconfig "knative.dev/serving/pkg/autoscaler/config"
)

// settings: the ConfigMaps each webhook's config store would hold, parsed
// by upstream's own constructors (a ConfigMap they refuse is an error).
type settings struct {
	serving  *svconfig.Config
	features feature.Flags
	broker   *evconfig.Config
	channel  *chconfig.Config
	ping     *pingconfig.Config
}

// isEventing tells Eventing's config-features from Serving's, as the library does
// (lib/settings/configmaps.ts isEventingConfigMap).
func isEventing(cm *corev1.ConfigMap) bool {
	l := cm.Labels
	return cm.Namespace == "knative-eventing" || l["app.kubernetes.io/name"] == "knative-eventing" || l["knative.dev/config-category"] == "eventing"
}

func readSettings(docs [][]byte) (*settings, error) {
	s := &settings{serving: svconfig.FromContextOrDefaults(context.Background())}
	s.features = feature.FromContextOrDefaults(context.Background())
	s.broker = evconfig.FromContextOrDefaults(context.Background())
	s.channel = chconfig.FromContextOrDefaults(context.Background())
	s.ping = pingconfig.FromContextOrDefaults(context.Background())
	for i, raw := range docs {
		cm := &corev1.ConfigMap{}
		if err := json.Unmarshal(raw, cm); err != nil || cm.Kind != "ConfigMap" {
			continue
		}
		var err error
		switch {
		case cm.Name == feature.FlagsConfigName && isEventing(cm):
			s.features, err = feature.NewFlagsConfigFromConfigMap(cm)
		case cm.Name == svconfig.FeaturesConfigName:
			s.serving.Features, err = svconfig.NewFeaturesConfigFromConfigMap(cm)
		case cm.Name == svconfig.DefaultsConfigName:
			s.serving.Defaults, err = svconfig.NewDefaultsConfigFromConfigMap(cm)
		case cm.Name == asconfig.ConfigName:
			s.serving.Autoscaler, err = asconfig.NewConfigFromConfigMap(cm)
		case cm.Name == evconfig.DefaultsConfigName:
			s.broker.Defaults, err = evconfig.NewDefaultsConfigFromConfigMap(cm)
		case cm.Name == chconfig.ChannelDefaultsConfigName:
			s.channel.ChannelDefaults, err = chconfig.NewChannelDefaultsConfigFromConfigMap(cm)
		case cm.Name == pingconfig.PingDefaultsConfigName:
			s.ping.PingDefaults, err = pingconfig.NewPingDefaultsConfigFromConfigMap(cm)
		}
		if err != nil {
			return nil, fmt.Errorf("settings document %d (ConfigMap %s): %w", i, cm.Name, err)
		}
	}
	return s, nil
}

// servingContext is what Serving's webhooks add (store.ToContext).
func (s *settings) servingContext(ctx context.Context) context.Context {
	return svconfig.ToContext(ctx, s.serving)
}

// eventingContext is what Eventing's webhooks add, in the order cmd/webhook does.
func (s *settings) eventingContext(ctx context.Context) context.Context {
	return feature.ToContext(chconfig.ToContext(pingconfig.ToContext(evconfig.ToContext(ctx, s.broker), s.ping), s.channel), s.features)
}
