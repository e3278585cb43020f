package dev.revive.common.contract;

/** How urgent something is. WARNING incidents notify and never act. */
public enum Severity { INFO, WARNING, CRITICAL }
