"""A network fault injector on loopback: a TCP proxy between desks and a real PostgreSQL that
can stall (keep every connection open and stop passing bytes, with no reset: Wi-Fi that hangs),
drop (reset every connection) or delay. Bounded: it serves only 127.0.0.1 and stops with close()."""

from __future__ import annotations

import select
import socket
import threading
import time


class StallProxy:
    def __init__(self, target: str | tuple[str, int]) -> None:
        """``target``: (host, port), or the path of a Unix socket (a cluster listening only there)."""
        self.target = target
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.stalled = threading.Event()
        self.delay = 0.0
        self.closed = threading.Event()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.server.settimeout(0.2)
        while not self.closed.is_set():
            try:
                client, _addr = self.server.accept()
            except OSError:
                continue
            try:
                if isinstance(self.target, str):
                    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    upstream.connect(self.target)
                else:
                    upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while not self.closed.is_set():
                if self.stalled.is_set():  # hold everything: nothing read, nothing sent, nothing closed
                    time.sleep(0.05)
                    continue
                ready, _w, _x = select.select([a, b], [], [], 0.1)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if self.delay:
                        time.sleep(self.delay)
                    peers[sock].sendall(data)
        except OSError:
            return
        finally:
            for sock in (a, b):
                try:
                    sock.close()
                except OSError:
                    pass

    def stall(self) -> None:
        self.stalled.set()

    def resume(self) -> None:
        self.stalled.clear()

    def drop(self) -> None:
        """Reset every connection now (the network blinks)."""
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for sock in pair:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    sock.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.closed.set()
        self.server.close()
        self.drop()
