#!/usr/bin/env python3
"""A webhook receiver for tests: records every POST as one JSON line
{"path", "headers", "body"} in FILE, then answers with STATUS (default 200).

usage: webhook_receiver.py PORT FILE [STATUS]
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
FILE = sys.argv[2]
STATUS = int(sys.argv[3]) if len(sys.argv) > 3 else 200


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        record = {"path": self.path, "headers": {k: v for k, v in self.headers.items()}, "body": body}
        with open(FILE, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
            out.flush()
        self.send_response(STATUS)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
