"""Child process: run several `reconcile` commands one after another through the CLI's own
entry point (cli.main, as `python -m reconcile_desktop` does), and print, as one JSON list,
each one's exit code, stdout and stderr. One process per computer instead of one per
command: the imports are paid once, each command still unlocks the journal on its own.

    python -m tests.system.sync.read_outs '[["status", "--json"], ["progress", "--json"]]'

The data folder and passphrase come from the environment, as for any CLI run.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys


def main() -> None:
    from reconcile_desktop.cli import main as reconcile

    results = []
    for argv in json.loads(sys.argv[1]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = reconcile(argv)
        results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
    sys.__stdout__.write(json.dumps(results))


if __name__ == "__main__":
    main()
