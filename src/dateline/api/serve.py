"""`dateline serve`: the API and the UI under uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import json
import os
import sys
import time

from ..errors import DatelineError
from .guard import LOOPBACK_HOSTS

WILDCARDS = ("0.0.0.0", "::", "")


ENV_DB, ENV_HOSTS = "DATELINE_SERVE_DB", "DATELINE_SERVE_HOSTS"


def app_from_env():
    """The app of one worker process when ``--workers`` > 1 (uvicorn imports it by name in each)."""
    from .app import create_app

    return create_app(os.environ[ENV_DB], allowed_hosts=json.loads(os.environ[ENV_HOSTS]))


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, log_level: str = "warning") -> None:
    try:
        import uvicorn
    except ImportError:
        raise DatelineError("E005", "The server needs FastAPI and uvicorn.",
                            "Install them with: pip install 'dateline[serve]'.") from None
    from .app import create_app

    if not 0 < port < 65536:
        raise DatelineError("E401", f"--port {port} is not a port.", "Use 1..65535, e.g. 8000.")
    if not 1 <= workers <= 16:
        raise DatelineError("E401", f"--workers {workers} is out of range.", "Use 1..16 (about one per core).")
    if host in WILDCARDS:
        allowed = ["*"]
        print(f"warning: listening on {host or 'every address'}: anyone who can reach this machine can read "
              "the database through the API.", file=sys.stderr)
    else:
        allowed = list(LOOPBACK_HOSTS) + [host]
    started = time.perf_counter()
    app = create_app(db, allowed_hosts=allowed)  # also checks the file (coded errors) before any worker starts
    n = app.state.db.index.n
    shown = f"[{host}]" if ":" in host else host
    print(f"dateline: serving {db} ({n:,} events, ready in {time.perf_counter() - started:.1f} s) read-only at "
          f"http://{shown}:{port}/ with {workers} worker process(es)  (Ctrl-C to stop)", file=sys.stderr, flush=True)
    options = dict(host=host, port=port, log_level=log_level, access_log=False, server_header=False,
                   timeout_keep_alive=5, limit_concurrency=256)
    if workers == 1:
        uvicorn.run(app, **options)
        return
    app.state.db.close()
    os.environ[ENV_DB], os.environ[ENV_HOSTS] = str(db), json.dumps(allowed)
    uvicorn.run("dateline.api.serve:app_from_env", factory=True, workers=workers, **options)
