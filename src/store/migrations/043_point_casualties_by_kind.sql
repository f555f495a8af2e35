-- The per-point casualty totals of one set in group and kind order, with the sums, so that a
-- circle's points are summed by group and kind as they are read, rather than sorted first: the
-- sort was most of the cost of a circle's casualty totals. (Postgres aggregates by hashing.)
CREATE INDEX point_casualty_totals_by_kind ON point_casualty_totals (key, grp, kind, total, at_least, unknown);
