"""Attendance for the report: counts, Excel, CSV, signature lists (no Qt)."""
