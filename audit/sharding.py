"""A pytest plugin the audit loads (`-p audit.sharding`) to split its test figures over
processes: with AUDIT_SHARD="i/n", keep every n-th collected test starting at the i-th.

The hostile-input cases are many and independent, so the audit runs them in as many
processes as the machine has cores, each on its own test database."""

import os


def pytest_collection_modifyitems(config, items):
    shard = os.environ.get("AUDIT_SHARD")
    if not shard:
        return
    index, count = (int(part) for part in shard.split("/"))
    kept = [item for number, item in enumerate(items) if number % count == index]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
