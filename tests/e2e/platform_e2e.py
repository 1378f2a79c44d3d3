#!/usr/bin/env python3
"""End to end: the built `station` binary, driven over HTTP like a merchant, an operator and a
shopper would, with a real dnsmasq as the resolver for custom-domain verification.

    signup -> second store -> custom domain verified through DNS -> storefront on that domain
    -> operator suspends with the CLI (seen within a second) -> resume -> platform admin
    -> SIGTERM drains and exits 0

usage: platform_e2e.py PATH/TO/station
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

PLATFORM = "e2e.test"


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class Client:
    def __init__(self, port):
        self.port = port

    def request(self, method, host, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        all_headers = {"Host": host}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read().decode()
        conn.close()
        return response.status, response.headers, data

    def json(self, method, host, path, body=None, headers=None, expect=200):
        status, response_headers, data = self.request(method, host, path, body, headers)
        assert status == expect, f"{method} {host}{path}: {status} {data}"
        return json.loads(data) if data else {}, response_headers


class Dnsmasq:
    def __init__(self, workdir):
        self.workdir = workdir
        self.port = free_port(socket.SOCK_DGRAM)
        self.process = None

    def start(self, txt_records):
        self.stop()
        conf = os.path.join(self.workdir, "dnsmasq.conf")
        with open(conf, "w") as f:
            f.write("no-resolv\nno-hosts\nlocal=/test/\n")
            for name, value in txt_records.items():
                f.write(f'txt-record={name},"{value}"\n')
        dnsmasq = "/usr/sbin/dnsmasq" if os.path.exists("/usr/sbin/dnsmasq") else "dnsmasq"
        self.process = subprocess.Popen(
            [dnsmasq, "--keep-in-foreground", f"--conf-file={conf}", f"--port={self.port}",
             "--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", "--user=root",
             "--log-facility=-"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.workdir, "dnsmasq.log"), "a"))
        wait_for(self._answers, 5, "dnsmasq to answer")

    def _answers(self):
        """Sends one DNS query (TXT of probe.test) and reports whether any answer came back."""
        query = (b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
                 b"\x05probe\x04test\x00\x00\x10\x00\x01")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(0.2)
            s.sendto(query, ("127.0.0.1", self.port))
            try:
                return s.recv(512)[:2] == b"\x12\x34"
            except OSError:
                return False

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(5)
            self.process = None


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="station-e2e-")
    dns = Dnsmasq(work)
    dns.start({})
    port = free_port()
    common = ["--data-dir", os.path.join(work, "data"), "--platform-domain", PLATFORM,
              "--password-cost", "minimum"]
    server_log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{port}", "--dev", "--no-access-log",
         "--dns-server", f"127.0.0.1:{dns.port}"] + common,
        stdout=server_log, stderr=subprocess.STDOUT)
    client = Client(port)
    try:
        wait_for(lambda: _healthy(client), 10, "the server to start")

        # A merchant signs up and gets a store at once.
        signup, headers = client.json("POST", PLATFORM, "/api/signup", {
            "email": "e2e@merchant.test", "password": "end to end password",
            "store_name": "Brand Shop", "handle": "brand"}, expect=201)
        assert signup["store"]["domain"] == f"brand.{PLATFORM}"
        assert signup["admin_token"] and signup["api_secret"]
        cookie = headers["Set-Cookie"].split(";")[0]
        auth = {"Cookie": cookie, "X-CSRF-Token": signup["csrf_token"]}
        status, _, page = client.request("GET", f"brand.{PLATFORM}", "/")
        assert status == 200 and "Brand Shop" in page, (status, page)

        # A second store for the same account.
        second, _ = client.json("POST", PLATFORM, "/api/stores",
                                {"store_name": "Outlet", "handle": "brand-outlet"},
                                headers=auth, expect=201)
        me, _ = client.json("GET", PLATFORM, "/api/me", headers={"Cookie": cookie})
        assert [s["handle"] for s in me["stores"]] == ["brand", "brand-outlet"]

        # A custom domain routes only once a DNS TXT record proves ownership.
        store_id = signup["store"]["id"]
        added, _ = client.json("POST", PLATFORM, f"/api/stores/{store_id}/domains",
                               {"domain": "shop.brand.test"}, headers=auth, expect=201)
        challenge = added["domain"]["verification"]["dns"]
        assert challenge["name"] == "_station-challenge.shop.brand.test"
        assert client.request("GET", "shop.brand.test", "/")[0] == 404
        dns.start({challenge["name"]: challenge["value"]})
        verified, _ = client.json("POST", PLATFORM,
                                  f"/api/stores/{store_id}/domains/shop.brand.test/verify",
                                  {}, headers=auth)
        assert verified["domain"]["verified"] and verified["domain"]["verification_method"] == "dns"
        status, _, page = client.request("GET", "shop.brand.test", "/")
        assert status == 200 and "Brand Shop" in page

        # The other store cannot claim it.
        client.json("POST", PLATFORM, f"/api/stores/{second['store']['id']}/domains",
                    {"domain": "shop.brand.test"}, headers=auth, expect=409)

        # An operator suspends the store with the CLI; the server notices within a second.
        subprocess.run([binary, "tenant", "suspend", "brand", "--reason", "e2e check"] + common,
                       check=True, capture_output=True)
        start = time.monotonic()
        wait_for(lambda: client.request("GET", "shop.brand.test", "/")[0] == 503, 1.0,
                 "the suspension to be served")
        print(f"suspension served after {time.monotonic() - start:.3f} s")
        subprocess.run([binary, "tenant", "resume", "brand"] + common, check=True,
                       capture_output=True)
        wait_for(lambda: client.request("GET", "shop.brand.test", "/")[0] == 200, 1.0,
                 "the resumption to be served")

        # A platform admin created with the CLI sees both stores.
        subprocess.run([binary, "admin", "create", "--email", "ops@e2e.test"] + common,
                       input=b"operator password\n", check=True, capture_output=True)
        login, headers = client.json("POST", PLATFORM, "/platform/api/login",
                                     {"email": "ops@e2e.test", "password": "operator password"})
        admin_cookie = headers["Set-Cookie"].split(";")[0]
        stores, _ = client.json("GET", PLATFORM, "/platform/api/stores?q=brand",
                                headers={"Cookie": admin_cookie})
        assert len(stores["stores"]) == 2

        # Unknown hosts get the platform 404 page; health and metrics answer.
        assert client.request("GET", "nobody.e2e.test", "/")[0] == 404
        status, _, metrics = client.request("GET", PLATFORM, "/metrics")
        assert status == 200 and "station_http_requests_total" in metrics

        server.send_signal(signal.SIGTERM)
        assert server.wait(15) == 0, "the server did not stop cleanly"
        print("e2e: ok")
    except Exception:
        server.kill()
        server_log.flush()
        print(open(os.path.join(work, "server.log")).read()[-4000:])
        raise
    finally:
        if server.poll() is None:
            server.kill()
        dns.stop()


def _healthy(client):
    try:
        return client.request("GET", "localhost", "/healthz")[0] == 200
    except OSError:
        return False


if __name__ == "__main__":
    main()
