package dev.revive.policy.registry.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.policy.incident.OriginalWatch;

/**
 * What applying a file of targets changes: the targets to create, to update (their spec differs, compared as JSON)
 * and, with prune, to delete (registered, not in the file). The policy's own derived targets (the watch of an
 * original instance after a re-provision) are never pruned: no file lists them.
 */
record ApplyPlan(List<TargetSpec> created, List<TargetSpec> updated, List<String> deleted, int unchanged) {

    static ApplyPlan of(List<TargetSpec> wanted, Collection<TargetSpec> registered, boolean prune) {
        return of(wanted, registered, prune, null);
    }

    /**
     * @param pruneTag null, or the tag that marks the targets this file owns: prune then deletes only registered targets
     *                 carrying it (like {@code kubectl apply --prune -l}), so several files can own their own targets
     */
    static ApplyPlan of(List<TargetSpec> wanted, Collection<TargetSpec> registered, boolean prune, String pruneTag) {
        Map<String, TargetSpec> current = new HashMap<>();
        for (TargetSpec t : registered) {
            if (!OriginalWatch.isDerived(t)) {
                current.put(t.id(), t);
            }
        }
        List<TargetSpec> created = new ArrayList<>();
        List<TargetSpec> updated = new ArrayList<>();
        int unchanged = 0;
        Set<String> listed = new HashSet<>();
        for (TargetSpec t : wanted) {
            listed.add(t.id());
            TargetSpec now = current.get(t.id());
            if (now == null) {
                created.add(t);
            } else if (!json(now).equals(json(t))) {
                updated.add(t);
            } else {
                unchanged++;
            }
        }
        List<String> deleted = new ArrayList<>();
        if (prune) {
            current.values().stream().filter(t -> !listed.contains(t.id()) && (pruneTag == null || t.tags().contains(pruneTag)))
                    .map(TargetSpec::id).sorted().forEach(deleted::add);
        }
        return new ApplyPlan(created, updated, deleted, unchanged);
    }

    boolean isEmpty() {
        return created.isEmpty() && updated.isEmpty() && deleted.isEmpty();
    }

    List<TargetSpec> upserts() {
        List<TargetSpec> all = new ArrayList<>(created);
        all.addAll(updated);
        return all;
    }

    Map<String, Object> view(boolean dryRun) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("created", created.stream().map(TargetSpec::id).toList());
        out.put("updated", updated.stream().map(TargetSpec::id).toList());
        out.put("deleted", deleted);
        out.put("unchanged", unchanged);
        return out;
    }

    private static String json(TargetSpec t) {
        try {
            return Json.MAPPER.writeValueAsString(t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
