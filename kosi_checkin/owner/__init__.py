"""One owner per event file: the lock beside it, the hand-over socket, and what a command does
when the app has the event open. Plain Python: imports neither Qt nor SQLite."""
