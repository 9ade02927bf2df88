#!/usr/bin/python3
"""An OpenID provider of the test suite's own, standing in for the
municipality's DigiD broker: authorization code flow with PKCE and
client_secret_basic, ID tokens signed RS256 (or ES256 on request).

Needs only the standard library and python3-cryptography. Listens on
127.0.0.1 on a port the system picks and prints it as the first line of
stdout; exits when stdin closes, so a test that dies takes it along.

POST /control {"mode": ...} sets how the next ID token is made, to test
that the client refuses it: normal, es256, wrong_signature, wrong_audience,
expired, wrong_issuer, wrong_nonce, alg_none.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

DEFAULT_SUBJECT = "999990019"
ACR = "urn:etoegang:core:assurance-class:loa2plus"  # what DigiD midden maps to
MODES = {"normal", "es256", "wrong_signature", "wrong_audience", "expired", "wrong_issuer", "wrong_nonce", "alg_none"}
CODE_LIFETIME = 600


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_int(value, length):
    return b64url(value.to_bytes(length, "big"))


class Keys:
    def __init__(self):
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        # Signs "wrong_signature" tokens: not in the key set, yet they name rsa1.
        self.stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self):
        rsa_numbers = self.rsa.public_key().public_numbers()
        ec_numbers = self.ec.public_key().public_numbers()
        return {"keys": [
            {"kty": "RSA", "kid": "rsa1", "use": "sig", "alg": "RS256",
             "n": b64url_int(rsa_numbers.n, 256), "e": b64url_int(rsa_numbers.e, 3)},
            {"kty": "EC", "kid": "ec1", "use": "sig", "alg": "ES256", "crv": "P-256",
             "x": b64url_int(ec_numbers.x, 32), "y": b64url_int(ec_numbers.y, 32)},
        ]}


def sign(keys, mode, claims):
    if mode == "alg_none":
        header, signer = {"alg": "none", "typ": "JWT"}, None
    elif mode == "es256":
        header, signer = {"alg": "ES256", "typ": "JWT", "kid": "ec1"}, None
    else:
        header = {"alg": "RS256", "typ": "JWT", "kid": "rsa1"}
        signer = keys.stranger if mode == "wrong_signature" else keys.rsa
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
    if mode == "alg_none":
        signature = b""
    elif mode == "es256":
        r, s = decode_dss_signature(keys.ec.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")  # JOSE wants r||s, not DER
    else:
        signature = signer.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return signing_input.decode() + "." + b64url(signature)


class Provider:
    def __init__(self, client_id, client_secret):
        self.client_id = client_id
        self.client_secret = client_secret
        self.keys = Keys()
        self.issuer = None  # known once the port is
        self.codes = {}
        self.mode = "normal"
        self.lock = threading.Lock()

    def id_token(self, grant):
        with self.lock:
            mode, self.mode = self.mode, "normal"  # a mode holds for one token
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": grant["subject"], "aud": self.client_id, "exp": now + 300, "iat": now,
                  "nonce": grant["nonce"], "acr": ACR}
        if mode == "wrong_audience":
            claims["aud"] = "another-client"
        elif mode == "expired":
            claims["iat"], claims["exp"] = now - 900, now - 600
        elif mode == "wrong_issuer":
            claims["iss"] = self.issuer + "/elsewhere"
        elif mode == "wrong_nonce":
            claims["nonce"] = "not-" + grant["nonce"]
        return sign(self.keys, mode, claims)


class Handler(http.server.BaseHTTPRequestHandler):
    provider = None  # set before serving

    def log_message(self, format, *args):
        pass  # keep the test output to the tests

    def send_json(self, status, body, extra_headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        p = self.provider
        if url.path == "/.well-known/openid-configuration":
            self.send_json(200, {
                "issuer": p.issuer,
                "authorization_endpoint": p.issuer + "/authorize",
                "token_endpoint": p.issuer + "/token",
                "jwks_uri": p.issuer + "/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256", "ES256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            })
        elif url.path == "/jwks":
            self.send_json(200, p.keys.jwks())
        elif url.path == "/authorize":
            self.authorize(urllib.parse.parse_qs(url.query))
        else:
            self.send_json(404, {"error": "not_found"})

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/token":
            self.token()
        elif path == "/control":
            self.control()
        else:
            self.send_json(404, {"error": "not_found"})

    def authorize(self, query):
        one = {name: values[0] for name, values in query.items() if len(values) == 1}
        p = self.provider
        if (one.get("response_type") != "code" or one.get("client_id") != p.client_id or not one.get("redirect_uri")
                or one.get("code_challenge_method") != "S256" or not one.get("code_challenge")
                or "openid" not in one.get("scope", "").split()):
            self.send_json(400, {"error": "invalid_request"})
            return
        code = secrets.token_urlsafe(32)
        with p.lock:
            p.codes[code] = {"client_id": one["client_id"], "redirect_uri": one["redirect_uri"],
                             "nonce": one.get("nonce"), "code_challenge": one["code_challenge"],
                             "subject": one.get("login_hint", DEFAULT_SUBJECT), "issued": time.time(), "used": False}
        redirect = one["redirect_uri"]
        redirect += ("&" if "?" in redirect else "?") + urllib.parse.urlencode(
            {"code": code, **({"state": one["state"]} if "state" in one else {})})
        self.send_response(302)
        self.send_header("Location", redirect)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def authenticated(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
        except ValueError:
            return False
        # RFC 6749 section 2.3.1: both halves are form-encoded.
        user, password = urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(password)
        p = self.provider
        return (hmac.compare_digest(user.encode(), p.client_id.encode())
                and hmac.compare_digest(password.encode(), p.client_secret.encode()))

    def token(self):
        if not self.authenticated():
            self.send_json(401, {"error": "invalid_client"}, [("WWW-Authenticate", 'Basic realm="test"')])
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
            self.send_json(400, {"error": "invalid_request"})
            return
        form = {name: values[0] for name, values in urllib.parse.parse_qs(self.read_body().decode()).items()}
        if form.get("grant_type") != "authorization_code":
            self.send_json(400, {"error": "unsupported_grant_type"})
            return
        p = self.provider
        with p.lock:
            grant = p.codes.get(form.get("code", ""))
            fresh = grant is not None and not grant["used"] and time.time() - grant["issued"] < CODE_LIFETIME
            if grant is not None:
                grant["used"] = True  # one attempt per code, whatever its outcome
        verifier = form.get("code_verifier", "")
        if (not fresh or grant["client_id"] != p.client_id or grant["redirect_uri"] != form.get("redirect_uri")
                or b64url(hashlib.sha256(verifier.encode()).digest()) != grant["code_challenge"]):
            self.send_json(400, {"error": "invalid_grant"})
            return
        self.send_json(200, {"id_token": p.id_token(grant), "access_token": secrets.token_urlsafe(32),
                             "token_type": "Bearer", "expires_in": 300})

    def control(self):
        try:
            mode = json.loads(self.read_body())["mode"]
        except (ValueError, KeyError, TypeError):
            mode = None
        if mode not in MODES:
            self.send_json(400, {"error": "unknown mode"})
            return
        with self.provider.lock:
            self.provider.mode = mode
        self.send_json(200, {"mode": mode})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    arguments = parser.parse_args()

    Handler.provider = Provider(arguments.client_id, arguments.client_secret)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    Handler.provider.issuer = "http://127.0.0.1:%d" % port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(port, flush=True)  # the socket listens already: the test may connect at once

    sys.stdin.read()  # until the test closes our stdin or ends
    server.shutdown()
    os._exit(0)


if __name__ == "__main__":
    main()
