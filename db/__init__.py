"""The queue: models, engine, migrations and every operation that changes queue state.

No Qt here. The apps call these operations and show what they return or raise.
"""
