package dev.revive.notifier.ledger;

import java.sql.SQLException;

/**
 * Tells a write the ledger refuses because of what it was given from one it could not take because it is not
 * there. Retrying the first never succeeds and would stop intake behind it for good; the second must be retried.
 */
public final class LedgerErrors {

    private LedgerErrors() {
    }

    /**
     * True for a refusal caused by the data: SQLState class 22 (data exception: invalid byte sequence, value too
     * long, bad number), 23 (integrity constraint violation) and 54 (program limit exceeded: an index entry too
     * large). Everything else (class 08 connection, 53 insufficient resources, 57 operator intervention, no
     * SQLState at all as with a pool timeout) is taken for an outage.
     */
    public static boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().length() == 5) {
                String cls = s.getSQLState().substring(0, 2);
                if (cls.equals("22") || cls.equals("23") || cls.equals("54")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
