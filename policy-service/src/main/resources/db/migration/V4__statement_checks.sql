-- A decision's writes are one statement (data-modifying CTEs). A part of it that must change exactly one row (the
-- incident row's update at its expected version) is checked by this function in the statement's SELECT; otherwise the
-- whole statement fails with serialization_failure (40001), which the service retries from a fresh read. Seen as
-- possible: a projection rebuild deleting and re-inserting the row while a decision's update waited for its lock.
CREATE FUNCTION revive_expect_one(changed bigint, what text) RETURNS boolean AS $$
BEGIN
    IF changed <> 1 THEN
        RAISE EXCEPTION 'expected to change one row, changed %: %', changed, what USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
END;
$$ LANGUAGE plpgsql;
