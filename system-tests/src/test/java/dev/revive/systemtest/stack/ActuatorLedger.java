package dev.revive.systemtest.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The actuator's {@code command_ledger}, read over JDBC: one row per recovery command it ran. */
public final class ActuatorLedger {

    private final String url;

    ActuatorLedger(String url) {
        this.url = url;
    }

    /** One ledger row: the command and how it ended (STARTED, SUCCEEDED, FAILED, OUTCOME_UNKNOWN). */
    public record Row(String commandId, String state, int attempts) {
    }

    public List<Row> ofIncident(String incidentId) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(
                        "SELECT command_id, state, attempts FROM command_ledger WHERE incident_id = ? ORDER BY started_at")) {
            s.setString(1, incidentId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the actuator's ledger: " + e.getMessage(), e);
        }
    }
}
