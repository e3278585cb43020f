package dev.revive.notifier.template;

/** A message in words: a one-line subject, a plain-text body and an HTML body. */
public record Rendered(String subject, String text, String html) {
}
