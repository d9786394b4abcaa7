"""Scratch databases for the benchmarks: each run starts from an empty one."""


def recreate_postgres(url):
    """Drop and create the database that `url` names (through the server's `postgres`
    database)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
