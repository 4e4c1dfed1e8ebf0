"""Starting the review app: the listening socket, the warnings, uvicorn."""

from __future__ import annotations

import socket
from pathlib import Path

from rich.console import Console

from vnplan.serve.app import create_app
from vnplan.serve.store import DocumentStore


def listening_socket(host: str, port: int) -> socket.socket:
    """Bound before uvicorn starts, so that a busy port is one clear error (and port 0 a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def serve_folder(out: Path, *, host: str, port: int, reviewer: str, verbose: bool, console: Console) -> None:
    import uvicorn

    store = DocumentStore(out)
    local = host in ("127.0.0.1", "localhost", "::1")
    if not local:
        console.print(
            f"warning: listening on {host}: anyone who can reach this machine can read and change the documents "
            f"in {store.out} (there is no login); use the default 127.0.0.1 unless you mean it",
            markup=False,
            soft_wrap=True,
        )
    sock = listening_socket(host, port)
    shown = sock.getsockname()[1]
    app = create_app(store, reviewer=reviewer, allowed_hosts=None if local else ["*"])
    names = store.names()
    console.print(
        f"vnplan serve: {len(names)} documents in {store.out}, reviewer {reviewer}\n"
        f"open http://{f'[{host}]' if ':' in host else host}:{shown}/ — Ctrl-C stops",
        markup=False,
        soft_wrap=True,
    )
    config = uvicorn.Config(app, log_level="info" if verbose else "warning", access_log=verbose)
    uvicorn.Server(config).run(sockets=[sock])
