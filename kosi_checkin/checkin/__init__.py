"""The door: badge codes resolved, sessions chosen by the clock, check-ins written to the
journal, answers for the volunteer. No Qt here: the desk view and the command line share it."""
