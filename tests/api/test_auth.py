"""Sign-in over HTTP: tokens, refresh rotation, refusals, rate limiting and the access log."""

from datetime import UTC, datetime, timedelta

import pytest

from api.main import create_app
from api.security import decode_token
from config import MissingSigningKey, Settings, get_settings, signing_key
from store.seed_users import DEMO_PASSWORD, demo_user
from tests.support.auth_helpers import (
    bearer,
    forge,
    sign_in,
    token_pair,
    unique,
    unsigned,
    with_claims,
    with_other_signature,
)

pytestmark = pytest.mark.usefixtures("demo_users")

PASSWORD = "kata-sandi-uji-yang-panjang"


async def new_user(api, **fields) -> dict:
    """A user of its own for a test (created by the admin over the API)."""
    body = {
        "username": unique("uji"),
        "password": PASSWORD,
        "nama": "Pengguna Uji",
        "jabatan": "Analis Kebijakan",
        "unit_code": "DINKES",
        "roles": ["penyusun"],
        **fields,
    }
    response = await api.post("/api/v1/users", json=body, headers=await sign_in(api, "admin"))
    assert response.status_code == 201, response.text
    return response.json()


async def access_log(api, **params) -> list[dict]:
    response = await api.get(
        "/api/v1/access-log", params=params, headers=await sign_in(api, "auditor")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def attempt(client, username: str, password: str):
    return await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )


async def test_sign_in_and_me(api):
    tokens = await token_pair(api, "kadis.dinkes")
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == get_settings().access_token_minutes * 60
    claims = decode_token(tokens["access_token"], signing_key(get_settings()), "access")
    assert claims.sub == demo_user("kadis.dinkes").id
    assert claims.exp - claims.iat == timedelta(minutes=get_settings().access_token_minutes)

    response = await api.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200, response.text
    me = response.json()
    assert me["username"] == "kadis.dinkes"
    assert me["unit_code"] == "DINKES"
    assert me["kode_jabatan"] == "kepala_skpd"
    assert me["roles"] == ["pengesah"]
    assert me["penugasan"] is None
    assert "password_hash" not in me


async def test_username_is_case_insensitive(api):
    assert (await token_pair(api, "  Sekda "))["token_type"] == "bearer"


async def test_no_token_is_401_with_bearer_challenge(api):
    response = await api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "Belum masuk" in response.json()["detail"]


async def test_wrong_password_is_401_and_logged(client_at):
    client = client_at("10.7.0.1")
    user = await new_user(client)
    response = await attempt(client, user["username"], "bukan-kata-sandinya")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] == "Nama pengguna atau kata sandi salah."
    # An unknown user gets the very same answer.
    unknown = await attempt(client, unique("tidak.ada"), "bukan-kata-sandinya")
    assert (unknown.status_code, unknown.json()) == (401, response.json())

    [entry] = await access_log(client, username=user["username"])
    assert entry["status"] == 401
    assert (entry["method"], entry["path"]) == ("POST", "/api/v1/auth/token")
    assert entry["address"] == "10.7.0.1"
    assert entry["reason"] == "Nama pengguna atau kata sandi salah."


async def test_rate_limit_per_account(client_at):
    settings = get_settings()
    user = await new_user(client_at("10.7.1.1"))
    # Each failure from another address: only the account's count reaches the limit.
    for i in range(settings.signin_max_failures_per_account):
        response = await attempt(client_at(f"10.7.1.{i + 10}"), user["username"], "salah-salah")
        assert response.status_code == 401
    blocked = await attempt(client_at("10.7.1.99"), user["username"], PASSWORD)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= settings.signin_window_minutes * 60
    assert "coba lagi dalam" in blocked.json()["detail"]
    # The address is not blocked for other accounts.
    assert (await attempt(client_at("10.7.1.99"), "auditor", DEMO_PASSWORD)).status_code == 200

    [entry] = await access_log(client_at("10.7.1.1"), username=user["username"], status=429)
    assert entry["address"] == "10.7.1.99"


async def test_rate_limit_per_account_and_address(client_at):
    settings = get_settings()
    client = client_at("10.7.4.1")
    user = await new_user(client)
    for _ in range(settings.signin_max_failures):
        assert (await attempt(client, user["username"], "salah-salah")).status_code == 401
    blocked = await attempt(client, user["username"], PASSWORD)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= settings.signin_window_minutes * 60


async def test_one_mistyping_user_does_not_lock_out_the_office(client_at):
    # Behind a kantor's NAT everyone shares one address.
    office = client_at("10.7.5.1")
    careless = await new_user(office)
    colleague = await new_user(office)
    for _ in range(get_settings().signin_max_failures):
        assert (await attempt(office, careless["username"], "salah-salah")).status_code == 401
    assert (await attempt(office, careless["username"], PASSWORD)).status_code == 429
    assert (await attempt(office, colleague["username"], PASSWORD)).status_code == 200
    # The careless user may still sign in from another address.
    assert (await attempt(client_at("10.7.5.2"), careless["username"], PASSWORD)).status_code == 200


async def test_rate_limit_per_address_stops_spraying(client_at):
    settings = get_settings()
    client = client_at("10.7.2.1")
    user = await new_user(client)
    # One guess for each of many accounts: no account reaches its own limit.
    for _ in range(settings.signin_max_failures_per_address):
        response = await attempt(client, unique("tebakan"), "salah-salah")
        assert response.status_code == 401
    blocked = await attempt(client, user["username"], PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    # The account is not blocked from another address.
    assert (await attempt(client_at("10.7.2.2"), user["username"], PASSWORD)).status_code == 200


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(client_at):
    settings = get_settings()
    assert settings.trusted_proxies == []
    client = client_at("10.7.6.1")
    user = await new_user(client)
    # Each attempt claims another address; all are counted against the real peer.
    for i in range(settings.signin_max_failures):
        response = await client.post(
            "/api/v1/auth/token",
            data={"username": user["username"], "password": "salah-salah"},
            headers={"X-Forwarded-For": f"203.0.113.{i + 1}"},
        )
        assert response.status_code == 401
    blocked = await client.post(
        "/api/v1/auth/token",
        data={"username": user["username"], "password": PASSWORD},
        headers={"X-Forwarded-For": "203.0.113.200"},
    )
    assert blocked.status_code == 429
    entries = await access_log(client, username=user["username"])
    assert {e["address"] for e in entries} == {"10.7.6.1"}


async def test_forwarded_for_from_a_trusted_proxy_names_the_client(client_at, monkeypatch):
    monkeypatch.setattr(get_settings(), "trusted_proxies", ["10.7.7.0/24"])
    proxy = client_at("10.7.7.1")
    user = await new_user(proxy)
    for _ in range(get_settings().signin_max_failures):
        response = await proxy.post(
            "/api/v1/auth/token",
            data={"username": user["username"], "password": "salah-salah"},
            # The left-most entry is the client's own claim; the proxy appended the real one.
            headers={"X-Forwarded-For": "198.51.100.9, 192.0.2.10"},
        )
        assert response.status_code == 401
    # Another client behind the same proxy is not locked out of that account.
    other = await proxy.post(
        "/api/v1/auth/token",
        data={"username": user["username"], "password": PASSWORD},
        headers={"X-Forwarded-For": "192.0.2.11"},
    )
    assert other.status_code == 200, other.text
    [entry, *_] = await access_log(proxy, username=user["username"], status=401)
    assert entry["address"] == "192.0.2.10"


async def test_success_forgives_the_accounts_failures(client_at):
    client = client_at("10.7.3.1")
    user = await new_user(client)
    for i in range(get_settings().signin_max_failures - 1):
        await attempt(client_at(f"10.7.3.{i + 10}"), user["username"], "salah-salah")
    assert (await attempt(client, user["username"], PASSWORD)).status_code == 200
    assert (await attempt(client_at("10.7.3.50"), user["username"], "salah")).status_code == 401
    assert (await attempt(client_at("10.7.3.51"), user["username"], PASSWORD)).status_code == 200


async def test_forged_token_with_the_key_is_accepted(api):
    # The control for the refusals below: a token made with the right key works.
    response = await api.get("/api/v1/auth/me", headers=bearer(forge("auditor")))
    assert response.status_code == 200
    assert response.json()["username"] == "auditor"


async def test_expired_token_is_401(api):
    token = forge("auditor", now=datetime.now(UTC) - timedelta(hours=1))
    response = await api.get("/api/v1/auth/me", headers=bearer(token))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] == (
        "Token tidak sah atau kedaluwarsa; masuk kembali melalui POST /api/v1/auth/token."
    )


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(
            lambda t: with_claims(t, sub=demo_user("admin").id, username="admin"),
            id="claims-changed",
        ),
        pytest.param(with_other_signature, id="signature-changed"),
        pytest.param(unsigned, id="alg-none"),
        pytest.param(lambda _t: forge("auditor", key="kunci-lain-" + "x" * 40), id="other-key"),
        pytest.param(lambda _t: forge("auditor", typ="refresh"), id="refresh-as-access"),
        pytest.param(lambda t: t + "x", id="garbage"),
    ],
)
async def test_tampered_token_is_401(api, tamper):
    token = (await token_pair(api, "auditor"))["access_token"]
    response = await api.get("/api/v1/auth/me", headers=bearer(tamper(token)))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_refresh_rotates_and_a_spent_token_ends_the_chain(api):
    first = await token_pair(api, "reviewer.dinkes")
    response = await api.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await api.get("/api/v1/auth/me", headers=bearer(second["access_token"]))
    assert me.json()["username"] == "reviewer.dinkes"

    reused = await api.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert "sudah pernah dipakai" in reused.json()["detail"]
    # Reuse of a spent token revoked its successor too.
    after = await api.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401

    entries = await access_log(api, username="reviewer.dinkes", status=401)
    assert {e["path"] for e in entries} == {"/api/v1/auth/refresh"}
    assert len(entries) >= 2


async def test_refresh_refuses_access_tokens_and_unknown_fields(api):
    tokens = await token_pair(api, "pelaksana.dinkes")
    as_access = await api.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["access_token"]}
    )
    assert as_access.status_code == 401
    # A refresh token never recorded (made outside the API) is refused too.
    stray = await api.post(
        "/api/v1/auth/refresh", json={"refresh_token": forge("pelaksana.dinkes", typ="refresh")}
    )
    assert stray.status_code == 401
    extra = await api.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"], "scope": "admin"}
    )
    assert extra.status_code == 422


async def test_inactive_user_is_refused_everywhere(client_at):
    client = client_at("10.7.4.1")
    user = await new_user(client)
    tokens = await token_pair(client, user["username"], PASSWORD)
    admin = await sign_in(client, "admin")
    response = await client.patch(
        f"/api/v1/users/{user['id']}", json={"active": False}, headers=admin
    )
    assert response.status_code == 200, response.text

    me = await client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 403
    assert "dinonaktifkan" in me.json()["detail"]
    signin = await attempt(client, user["username"], PASSWORD)
    assert signin.status_code == 403
    assert "dinonaktifkan" in signin.json()["detail"]
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 403

    entries = await access_log(client, username=user["username"], status=403)
    assert {e["path"] for e in entries} == {
        "/api/v1/auth/me",
        "/api/v1/auth/token",
        "/api/v1/auth/refresh",
    }


async def test_api_refuses_to_start_without_a_key(engine):
    for secret in (None, "terlalu-pendek"):
        app = create_app(engine=engine, settings=Settings(jwt_secret=secret))
        with pytest.raises(MissingSigningKey, match="JWT_SECRET"):
            async with app.router.lifespan_context(app):
                pass
