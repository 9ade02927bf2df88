-- The auditor searches the trail by period and for refused attempts
-- (AuditRepository::search); by household and by person the indexes of
-- migration 004 already serve.
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_refused ON audit_log(seq) WHERE result = 'denied';
