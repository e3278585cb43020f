package dev.revive.notifier.template;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the digest templates see: how many requests were held back, per target, and the lines themselves. */
@TemplateData
public record DigestView(int count, String zone, List<TargetCount> targets, List<Item> items, int more) {

    @TemplateData
    public record TargetCount(String target, int count) {
    }

    @TemplateData
    public record Item(String at, String target, String kind, String summary) {
    }
}
