"""A small Language Server Protocol client: drives the real yaml-language-server (npm) over
stdio, as VS Code does, and collects the problems it publishes for a file."""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# installed by `make` (the Makefile's editor-check step) beside the virtual environment
SERVER = ROOT / ".venv" / "node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def available() -> bool:
    return SERVER.exists() and shutil.which("node") is not None


class LanguageServer:
    def __init__(self, root: Path, settings: dict, locale: str = "en"):
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root)
        self.settings = settings
        self.messages: queue.Queue = queue.Queue()
        self.diagnostics: dict[str, list] = {}
        self.updated: dict[str, float] = {}
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "locale": locale,
                                    "capabilities": {"textDocument": {"publishDiagnostics": {}},
                                                     "workspace": {"configuration": True}},
                                    "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _section(self, section: str | None):
        value = self.settings
        for key in (section or "").split(".") if section else []:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def _send(self, message: dict) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            message = json.loads(stream.read(int(headers["content-length"])))
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self.updated[params["uri"]] = time.monotonic()
            elif "method" in message and "id" in message:     # a request to the client: answer it
                result = None
                if message["method"] == "workspace/configuration":
                    result = [self._section(item.get("section")) for item in message["params"]["items"]]
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            else:
                self.messages.put(message)

    def request(self, method: str, params: dict, timeout: float = 30):
        self._id += 1
        self._send({"jsonrpc": "2.0", "id": self._id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            if message.get("id") == self._id:
                return message.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def problems(self, path: Path, quiet: float = 0.6, timeout: float = 20) -> list[dict]:
        """The diagnostics the server settles on for a file it is given to open."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_bytes().decode("utf-8", errors="replace")}})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = self.updated.get(uri)
            if seen is not None and time.monotonic() - seen > quiet:
                break
            time.sleep(0.05)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return self.diagnostics.get(uri, [])

    def problems_of(self, paths: list[Path], quiet: float = 2.0, timeout: float = 120) -> dict[str, list]:
        """Every file opened at once; the diagnostics once the server has said something of
        each and then been quiet for `quiet` seconds (it publishes again when the schema is in)."""
        for path in paths:
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": path.as_uri(), "languageId": "yaml", "version": 1,
                "text": path.read_bytes().decode("utf-8", errors="replace")}})
        uris = [p.as_uri() for p in paths]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(u in self.updated for u in uris) and time.monotonic() - max(self.updated.values()) > quiet:
                break
            time.sleep(0.1)
        return {p.name: self.diagnostics.get(p.as_uri(), []) for p in paths}

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
