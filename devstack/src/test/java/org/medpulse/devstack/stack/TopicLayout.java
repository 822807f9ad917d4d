package org.medpulse.devstack.stack;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/** What a cluster's topics look like, read through the Admin API for assertions. */
public record TopicLayout(Map<String, TopicDescription> descriptions, Map<ConfigResource, Config> configs) {

    public static TopicLayout of(Admin admin) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        return new TopicLayout(admin.describeTopics(names).allTopicNames().get(),
                admin.describeConfigs(resources).all().get());
    }

    public Set<String> names() {
        return descriptions.keySet();
    }

    public int partitions(String topic) {
        return descriptions.get(topic).partitions().size();
    }

    public String config(String topic, String key) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get(key).value();
    }
}
