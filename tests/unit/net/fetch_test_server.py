#!/usr/bin/env python3
"""HTTP peer for http_fetch_test.cpp: a real server on 127.0.0.1:<port> and [::1]:<port> with
behaviours to fetch.

  /echo             200, JSON {"method", "path", "headers" (names lower-cased), "body"}
  /status/<n>       status n, body "status <n>"
  /redirect?to=U&code=C   redirect (default 302) to U
  /loop             302 to itself
  /big?n=N          N bytes with a Content-Length
  /chunked?n=N      N bytes in chunks, no Content-Length
  /many-headers     200 with ~200 KiB of headers
  /slow             answers only after 30 s
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.command, self.path))

    def send_body(self, status, body, content_type="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""

        if url.path == "/echo":
            echo = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            }
            self.send_body(200, json.dumps(echo).encode(), "application/json")
        elif url.path.startswith("/status/"):
            status = int(url.path.rsplit("/", 1)[1])
            self.send_body(status, b"status %d" % status)
        elif url.path == "/redirect":
            code = int(query.get("code", ["302"])[0])
            self.send_body(code, b"", extra=[("Location", query["to"][0])])
        elif url.path == "/loop":
            self.send_body(302, b"", extra=[("Location", "/loop")])
        elif url.path == "/big":
            self.send_body(200, b"x" * int(query["n"][0]))
        elif url.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            remaining = int(query["n"][0])
            while remaining > 0:
                piece = min(remaining, 256)
                self.wfile.write(b"%x\r\n%s\r\n" % (piece, b"y" * piece))
                remaining -= piece
            self.wfile.write(b"0\r\n\r\n")
        elif url.path == "/many-headers":
            extra = [("X-Filler-%d" % i, "z" * 1000) for i in range(200)]
            self.send_body(200, b"ok", extra=extra)
        elif url.path == "/slow":
            time.sleep(30)
            self.send_body(200, b"late")
        else:
            self.send_body(404, b"not found")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


class Ipv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


if __name__ == "__main__":
    port = int(sys.argv[1])
    # IPv6 first: the test waits for the IPv4 port, which must then mean both are listening.
    v6 = Ipv6Server(("::1", port), Handler)
    v4 = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    for server in (v4, v6):
        server.daemon_threads = True
    threading.Thread(target=v6.serve_forever, daemon=True).start()
    v4.serve_forever()
