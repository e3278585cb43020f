package dev.revive.policy.detection;

/** Detection's view of a target. UNKNOWN until enough probes agree either way. */
public enum Verdict { UNKNOWN, UP, DOWN }
