"""Rendering pages: the Jinja2 environment (autoescaped), the context every page gets,
label banners, search snippets and the error page."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from enlace.api.sessions import Session
from enlace.exceptions import EnlaceError
from enlace.model.markings import Label
from enlace.store import Store
from enlace.web import i18n

TEMPLATES = Path(__file__).resolve().parent / "templates"
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
    enabled_extensions=("html",), default_for_string=True, default=True))

LEVEL_CLASSES = {"PUBLIC": "public", "RESTRICTED": "restricted",
                 "CONFIDENTIAL": "confidential", "SECRET": "secret"}
TLP_CLASSES = {"CLEAR": "clear", "GREEN": "green", "AMBER": "amber",
               "AMBER+STRICT": "amber-strict", "RED": "red"}


def language(request: Request) -> str:
    return i18n.choose(request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))


def banner(store: Store, label: Label, tlp: str | None = None) -> dict[str, str]:
    """A label as classified paper shows it: its text, and the level's colour class."""
    name = store.scheme.level_name(label.level)
    return {"text": label.render(store.scheme), "level": name,
            "css": "lvl-" + LEVEL_CLASSES.get(name, f"rank-{label.level}"),
            "tlp": tlp or "", "tlp_css": "tlp-" + TLP_CLASSES.get(tlp or "", "none")}


def snippet(text: str) -> Markup:
    """A search snippet: everything escaped again except the <mark> of matched words."""
    safe = str(escape(html.unescape(text)))
    return Markup(safe.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


env.filters["snippet"] = snippet


def render(request: Request, template: str, session: Session | None = None,
           code: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)

    def t(key: str, **values: object) -> str:
        return i18n.translate(lang, key, **values)

    def state(value: str) -> str:
        return i18n.word(lang, "state", value)

    page = env.get_template(template).render(
        request=request, t=t, state=state, lang=lang, session=session,
        user=session.principal if session else None,
        csrf=session.csrf if session else "", path=request.url.path,
        query=request.url.query, **context)
    return HTMLResponse(page, status_code=code)


def error_page(request: Request, exc: EnlaceError) -> Response:
    lang = language(request)
    titles = {404: "error.not_found", 401: "error.unauthenticated", 403: "error.forbidden",
              429: "error.too_many", 409: "error.policy", 400: "error.invalid"}
    title = i18n.translate(lang, titles.get(exc.status, "error.generic"))
    message = str(exc) if exc.status < 500 else i18n.translate(lang, "error.generic")
    return render(request, "error.html", None, exc.status, title=title, message=message,
                  status=exc.status)
