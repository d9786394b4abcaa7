"""`make audit`: KomInn's security and reliability figures against a production-mode
server started here, one line per figure, a summary, and a non-zero exit when any fails.

    python -m audit                    every figure
    python -m audit --only headers,load-run
    python -m audit --write-access     add the observed answers of new routes to access.toml

See docs/security.md for what each figure protects against."""

import argparse
import os
import sys
import time
import traceback

from . import figures
from .runner import Database, Result, Server, Skip, manage, new_var_dir, production_env

FIGURES = [
    "migrations-forward", "check-deploy", "bandit", "pip-check", "pip-audit",
    "access-matrix", "headers", "log-in-throttle", "timing", "uploads",
    "races", "outbox", "content-safety", "hostile-input",
    "restore-drill", "migrations-backward", "load-run", "xss", "soak",
]  # fmt: skip


def env_seconds(name, default):
    return int(os.environ.get(name) or default)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated figures: " + ", ".join(FIGURES))
    parser.add_argument("--write-access", action="store_true")
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else set(FIGURES)
    unknown = chosen - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    results: list[Result] = []

    def report(result: Result):
        results.append(result)
        mark = "SKIP" if result.skipped else ("PASS" if result.ok else "FAIL")
        print(f"{mark} {result.figure}: {result.tried} — {result.held}", flush=True)
        for line in result.details[:25]:
            print(f"     {line}", flush=True)
        if len(result.details) > 25:
            print(f"     … and {len(result.details) - 25} more", flush=True)

    def run(name, function, *arguments):
        if name not in chosen:
            return None
        began = time.monotonic()
        try:
            result = function(*arguments)
        except Skip as reason:
            result = Result(name.replace("-", " "), "not run", str(reason), True, skipped=True)
        except Exception as error:
            result = Result(
                name.replace("-", " "),
                "did not finish",
                f"{type(error).__name__}: {error}",
                False,
                traceback.format_exc().splitlines()[-8:],
            )
        result.held += f" [{time.monotonic() - began:.0f} s]"
        report(result)
        return result

    var_dir = new_var_dir()
    database = Database(var_dir)
    env = production_env(database.url(), var_dir)
    print(
        f"KomInn audit: {database.engine} database {database.name}, files under {var_dir}, "
        f"cache {'Redis' if env.get('REDIS_URL') else 'in the database'}",
        flush=True,
    )
    server = tests = None
    try:
        began = time.monotonic()
        migrated = manage(env, "migrate", "--no-input")
        run(
            "migrations-forward",
            figures.migrations_from_empty,
            migrated.stdout,
            time.monotonic() - began,
        )
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input")
        suites = {
            "races": ["kominn/participation/tests/test_concurrency.py",
                      "kominn/newsletter/tests/test_concurrency.py",
                      "kominn/outbox/tests/test_concurrency.py"],
            "outbox": ["kominn/outbox/tests/test_worker.py", "kominn/outbox/tests/test_command.py"],
            "content-safety": ["kominn/portfolio/tests/test_content_safety.py"],
            "hostile-input": ["audit/test_hostile_input.py"],
        }  # fmt: skip
        suites = {name: paths for name, paths in suites.items() if name in chosen}
        # The tests start first and run in the background, beside every other figure: they
        # use databases of their own and a cache in memory, and are the longest figure.
        if suites:
            tests = figures.start_pytest(env, database, suites, var_dir / "pytest.xml")
        os.environ.update(env)
        import django

        django.setup()
        from . import access

        world = access.build_world()
        run("check-deploy", figures.check_deploy, env)
        run("bandit", figures.bandit)
        run("pip-check", figures.pip_check)
        run("pip-audit", figures.pip_audit)
        server = Server(env, var_dir / "server.log")
        port = server.port
        observed, unobserved = {}, None
        if chosen & {"access-matrix", "headers"} or args.write_access:
            began = time.monotonic()
            try:
                observed = access.observe(world, port)
            except Exception as error:  # reported by the two figures below; the rest go on
                unobserved = error
            print(f"     (the access matrix's requests took {time.monotonic() - began:.0f} s)")
            if args.write_access and unobserved is None:
                access.write_table(observed, access.load_table())
                print(f"wrote {access.TABLE}")

        def from_observed(figure, *arguments):
            if unobserved is not None:
                raise unobserved
            return figure(observed, *arguments)

        run("access-matrix", from_observed, figures.access_matrix, world)
        run("headers", from_observed, figures.headers, port)
        from tests.routes import all_page_paths, demo_content_paths, page_paths

        # The pages compared by the restore drill and loaded by the load run; listed before
        # the figures below change any content.
        compared = sorted(set(all_page_paths() + demo_content_paths()))
        load_paths = page_paths() + demo_content_paths(sample=True)
        if "restore-drill" in chosen or "migrations-backward" in chosen:
            drill = run_drill(run, env, database, var_dir, port, compared)
            run("migrations-backward", figures.migrations_backward, env, database, drill)
        run("log-in-throttle", figures.login_throttle, world, port)
        run("timing", figures.login_timing, port)
        run("uploads", figures.uploads, world, port)
        run(
            "load-run",
            figures.load_run,
            port,
            load_paths,
            var_dir,
            env_seconds("AUDIT_LOAD_SECONDS", 60),
        )
        if "xss" in chosen:
            from . import xss

            run("xss", xss.figure, world, port, var_dir)
        run(
            "soak",
            figures.soak,
            server,
            port,
            load_paths,
            var_dir,
            env_seconds("AUDIT_SOAK_SECONDS", 600),
        )
        if tests is not None:
            found = figures.pytest_results(tests, database, suites, var_dir / "pytest.xml")
            tests = None
            for name, result in found.items():
                run(name, lambda result=result: result)
    finally:
        for process in tests or []:
            process.kill()
        if server is not None:
            server.stop()
        database.drop_all()
    failed = [result.figure for result in results if not result.ok]
    skipped = [result.figure for result in results if result.skipped]
    minutes, seconds = divmod(int(time.monotonic() - started), 60)
    print(
        f"SUMMARY: {len(results) - len(failed) - len(skipped)} passed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
        + (f", {len(skipped)} skipped ({', '.join(skipped)})" if skipped else "")
        + f" in {minutes} min {seconds} s",
        flush=True,
    )
    return 1 if failed else 0


def run_drill(run, env, database, var_dir, port, compared):
    holder = {}

    def drill():
        result, restored = figures.restore_drill(env, database, var_dir, port, compared)
        holder["restored"] = restored
        return result

    run("restore-drill", drill)
    return holder.get("restored")


if __name__ == "__main__":
    sys.exit(main())
