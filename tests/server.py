"""A real `detente serve` process on a free port, for the browser, concurrency and benchmark runs."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: str, port: int | None = None) -> Iterator[str]:
    """Start `detente serve --db DB`, wait until it answers, yield its base URL, stop it."""
    port = port or free_port()
    detente = Path(sys.executable).with_name("detente")
    process = subprocess.Popen(
        [str(detente), "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/api", timeout=1):  # noqa: S310 (our server)
                    break
            except OSError:
                if process.poll() is not None:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"detente serve ended: {error}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
