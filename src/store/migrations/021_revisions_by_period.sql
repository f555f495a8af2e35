-- Which events changed in a period, answered from the index alone (digests group a period's
-- revisions by event without reading their JSON).
CREATE INDEX event_revisions_by_period ON event_revisions (recorded_at, event_id, revision);
