"""SQLite storage of an event file: connection, migrations, repositories."""
