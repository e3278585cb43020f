-- Run once by the postgres image on an empty data directory: one database per service that keeps state.
-- The services' Flyway migrations create their tables at start-up.
CREATE DATABASE revive_policy;
CREATE DATABASE revive_actuator;
CREATE DATABASE revive_notifier;
