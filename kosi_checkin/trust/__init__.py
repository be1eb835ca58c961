"""Trust at the door: the audit log, the organiser PIN, erasure and purge of personal data, backups (no Qt)."""
