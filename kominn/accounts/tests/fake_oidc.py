"""A small OpenID Connect provider for tests: discovery, keys and a token endpoint.

It plays ID-porten or Entra ID well enough to exercise the real protocol through
Authlib: PKCE (S256), state, nonce, client authentication and RS256-signed ID tokens.
The browser step at the provider is `authorize()`: it reads the authorization URL the
way the provider would and answers with the redirect back to KomInn.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "kominn-test"
CLIENT_SECRET = "s3cret-for-tests"


class FakeProvider:
    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        self.codes = {}
        self.token_requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self, **overrides):
        """An entry for settings.OIDC_PROVIDERS that points at this provider."""
        return {
            "label": "Testporten",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "server_metadata_url": f"{self.issuer}/.well-known/openid-configuration",
            "scope": "openid profile",
            "capacity": "citizen",
            "trust_email": False,
            "acr_values": "",
            **overrides,
        }

    def authorize(self, authorization_url: str, claims: dict, *, sign_with=None, **tweaks):
        """The person logs in at the provider; returns where the provider sends them."""
        parts = urlsplit(authorization_url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        assert f"{parts.scheme}://{parts.netloc}" == self.issuer
        assert query["response_type"] == "code"
        assert query["client_id"] == CLIENT_ID
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "query": query,
            "claims": claims,
            "key": sign_with or self.key,
            **tweaks,
        }
        return query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant.get("audience", CLIENT_ID),
            "iat": now,
            "exp": now + 120,
            "nonce": grant.get("nonce", grant["query"]["nonce"]),
            **grant["claims"],
        }
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, grant["key"])

    def _handler(provider):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    return self._json(
                        200,
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": f"{provider.issuer}/authorize",
                            "token_endpoint": f"{provider.issuer}/token",
                            "jwks_uri": f"{provider.issuer}/jwks",
                            "response_types_supported": ["code"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "code_challenge_methods_supported": ["S256"],
                        },
                    )
                if self.path == "/jwks":
                    return self._json(200, {"keys": [provider.key.as_dict(private=False)]})
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                client_id, secret = form.get("client_id"), form.get("client_secret")
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic "):
                    client_id, secret = base64.b64decode(auth[6:]).decode().split(":", 1)
                if (client_id, secret) != (CLIENT_ID, CLIENT_SECRET):
                    return self._json(401, {"error": "invalid_client"})
                grant = provider.codes.pop(form.get("code"), None)
                if grant is None or form.get("redirect_uri") != grant["query"]["redirect_uri"]:
                    return self._json(400, {"error": "invalid_grant"})
                verifier = form.get("code_verifier", "").encode()
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if challenge != grant["query"]["code_challenge"]:
                    return self._json(400, {"error": "invalid_grant", "error_description": "pkce"})
                return self._json(
                    200,
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(grant),
                    },
                )

        return Handler
