"""/api/v1/auth: sign in (OAuth2 password flow), refresh the tokens, who am I."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from api import auth_service as service
from api.access_log import scope_address
from api.deps import CurrentUser, SessionDep, SettingsDep
from api.user_schemas import Pengguna, RefreshRequest, TokenOut

router = APIRouter(prefix="/api/v1/auth", tags=["masuk"])


def client_address(request: Request) -> str:
    """The caller's address: X-Forwarded-For only from a trusted proxy (``api.client_ip``)."""
    return scope_address(request.scope)


@router.post("/token", response_model=TokenOut)
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> TokenOut:
    """Sign in with username and password (form fields, as OAuth2 prescribes).

    Refused sign-ins are limited per account from one address, per account and per client
    address (429 with Retry-After); see ``api.auth_service``.
    """
    request.state.username = service.normalize_username(form.username)
    return service.sign_in(session, settings, form.username, form.password, client_address(request))


@router.post("/refresh", response_model=TokenOut)
def refresh(
    body: RefreshRequest, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenOut:
    """A new token pair for an unused refresh token; the one sent can never be used again."""
    claims = service.refresh_claims(settings, body.refresh_token)
    request.state.username = claims.username
    return service.rotate(session, settings, claims)


@router.get("/me", response_model=Pengguna)
def me(user: CurrentUser) -> Pengguna:
    """The signed-in user: office, unit, roles and the Plt./Plh. appointment in force today."""
    return user
