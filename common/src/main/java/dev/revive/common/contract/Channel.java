package dev.revive.common.contract;

/** Notification channels. */
public enum Channel { EMAIL, SES, SNS, SLACK, WEBHOOK }
