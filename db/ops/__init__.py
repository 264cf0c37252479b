"""The queue operations: the only code that changes queue state.

Each operation is one transaction that checks the caller's role, changes rows, and writes
its events and an audit record (issuing, check-in, calling, counters, officers, print
jobs, feedback, the booking import, personal-data purge)."""
