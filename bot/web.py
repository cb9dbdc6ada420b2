"""The web answer page: `PUBLIC_URL/r/<token>`, for recruiters who answer without Telegram or email.

    app = web.Application()
    add_answer_routes(app, lambda: desk, public_url="https://bot.example.org", posting_url="")

GET shows the posting, the question (never who asked it) and a form: the answer, "add to the posting's FAQ",
send. POST answers, through the same single-use path as Telegram and email (bot.answers). The page needs no
JavaScript; it speaks French, or English when the browser prefers it (Accept-Language); its templates are
autoescaped (Jinja2). State changes only by POST, which must carry the form's anti-forgery value, the same as
its cookie (SameSite=Strict), and come from the page's own origin. A used, expired or forged link gets a
clear page; failed look-ups are limited per address (429). Nothing is indexed (noindex), cached, or sent
as a Referer to another site, and the token never reaches the access log.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from jinja2 import Environment, PackageLoader, select_autoescape

from .answers import AnswerDesk, state_of
from .conversation import posting_link
from .limits import RateLimit
from .replies import MAX_REPLY_CHARS
from .storage import ForwardRecord

logger = logging.getLogger(__name__)

CSRF_COOKIE = "answer_csrf"
FAILED_LOOKUPS = 20  # per client address and FAILED_WINDOW, then 429
FAILED_WINDOW = timedelta(minutes=10)
HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",  # the token's URL never leaves the site (no-referrer would make the
    # browser send "Origin: null" with the form, which the cross-site check refuses)
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
}

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Répondre à une personne candidate",
        "intro": "Une personne candidate a posé cette question, à laquelle l'offre ne répond pas. Votre réponse lui "
                 "sera transmise dans Telegram ; son identité ne vous est pas communiquée.",
        "posting": "Offre", "question": "Sa question", "answer": "Votre réponse",
        "answer_help": "Écrivez la réponse telle que la personne candidate la lira. Une seule réponse est transmise.",
        "faq": "Ajouter cette réponse à la FAQ de l'offre, pour les prochaines personnes candidates",
        "send": "Envoyer la réponse",
        "answered": "Merci : votre réponse a été transmise à la personne candidate.",
        "answered_faq": "Merci : votre réponse a été transmise à la personne candidate et ajoutée à la FAQ de "
                        "l'offre.",
        "already": "Cette question a déjà reçu une réponse : la personne candidate l'a reçue. Une seule réponse est "
                   "transmise par question.",
        "expired": "Ce lien a expiré : le délai pour répondre est passé. La question reste visible des "
                   "administrateurs du bot.",
        "unknown": "Ce lien n'est pas valable. Utilisez le lien reçu par email, en entier.",
        "empty": "La réponse est vide : rien n'a été transmis. Revenez en arrière pour l'écrire.",
        "refused": "Cette demande n'a pas été acceptée (elle ne vient pas de la page de réponse). Rouvrez le lien "
                   "reçu par email et envoyez de nouveau votre réponse.",
        "limited": "Trop de liens non valables ont été ouverts depuis votre adresse. Réessayez dans quelques "
                   "minutes.",
    },
    "en": {
        "title": "Answer a candidate",
        "intro": "A candidate asked this question, which the posting does not answer. Your answer will reach them "
                 "in Telegram; who they are is not shared with you.",
        "posting": "Posting", "question": "Their question", "answer": "Your answer",
        "answer_help": "Write the answer as the candidate will read it. Only one answer is relayed.",
        "faq": "Add this answer to the posting's FAQ, for the next candidates",
        "send": "Send the answer",
        "answered": "Thank you: your answer was relayed to the candidate.",
        "answered_faq": "Thank you: your answer was relayed to the candidate and added to the posting's FAQ.",
        "already": "This question has already been answered: the candidate got the answer. Only one answer is "
                   "relayed per question.",
        "expired": "This link has expired: the time to answer is over. The question stays visible to the bot's "
                   "administrators.",
        "unknown": "This link is not valid. Use the whole link from the email.",
        "empty": "The answer is empty: nothing was relayed. Go back to write it.",
        "refused": "This request was not accepted (it does not come from the answer page). Open the link from the "
                   "email again and send your answer again.",
        "limited": "Too many invalid links were opened from your address. Try again in a few minutes.",
    },
}

_environment = Environment(loader=PackageLoader("bot", "templates"), autoescape=select_autoescape(default=True))


def language(accept_language: str) -> str:
    """French, unless the browser prefers English to French (Accept-Language, by its q-values)."""
    best: tuple[float, int, str] = (-1.0, 0, "fr")
    for n, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower()[:2]
        if code in TEXTS and (quality, -n) > best[:2]:
            best = (quality, -n, code)
    return best[2]


class RedactingAccessLogger(AbstractAccessLogger):
    """aiohttp's access log, without the answer tokens of /r/<token> paths."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = request.path
        if path.startswith("/r/"):
            path = "/r/…"
        self.logger.info("%s %s %s %d %.3fs", request.remote, request.method, path, response.status, time)

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)


def add_answer_routes(app: web.Application, desk: Callable[[], AnswerDesk | None], *, public_url: str,
                      posting_url: str = "") -> None:
    """Serve the answer page on `app`: GET and POST /r/{token}."""
    failures = RateLimit(FAILED_LOOKUPS, FAILED_WINDOW)
    origin = _origin(public_url)

    def render(lang: str, state: str, *, status: int = 200, message: str = "", cookie: str = "",
               **values: Any) -> web.Response:
        text = TEXTS[lang]
        body = _environment.get_template("answer.html").render(
            lang=lang, state=state, text={**text, "message": text.get(message or state, "")},
            max_chars=MAX_REPLY_CHARS, **values)
        response = web.Response(text=body, content_type="text/html", status=status, headers=HEADERS)
        if cookie:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="Strict", path="/r/",
                                secure=public_url.startswith("https://"))
        return response

    async def look_up(request: web.Request, lang: str) -> ForwardRecord | web.Response:
        client = request.remote or "?"
        if failures.exhausted(client):
            logger.warning("answer page: too many failed look-ups from one address")
            return render(lang, "limited", status=429)
        current = desk()
        forward = await current.find(request.match_info["token"]) if current is not None else None
        if forward is None:
            failures.allow(client)
            logger.info("answer page: an unknown or forged link was opened")
            return render(lang, "unknown", status=404)
        return forward

    async def show(request: web.Request) -> web.Response:
        lang = language(request.headers.get("Accept-Language", ""))
        found = await look_up(request, lang)
        if isinstance(found, web.Response):
            return found
        state = state_of(found)
        if state != "open":
            return render(lang, state, status=410 if state == "expired" else 200)
        current = desk()
        assert current is not None
        engine_posting = current.posting(found)
        csrf = secrets.token_urlsafe(24)
        return render(lang, "form", cookie=csrf, csrf=csrf, question=found.question,
                      posting=current.posting_name(found),
                      posting_url=posting_link(engine_posting, posting_url) if engine_posting else "")

    async def answer(request: web.Request) -> web.Response:
        lang = language(request.headers.get("Accept-Language", ""))
        form = await request.post()
        given, cookie = str(form.get("csrf", "")), request.cookies.get(CSRF_COOKIE, "")
        sent_from = request.headers.get("Origin") or _origin(request.headers.get("Referer", ""))
        if not cookie or not hmac.compare_digest(given.encode(), cookie.encode()) or \
                (sent_from and sent_from not in {origin, _origin(str(request.url))}):
            logger.warning("answer page: a POST without the page's anti-forgery value or from another site")
            return render(lang, "refused", status=403)
        found = await look_up(request, lang)
        if isinstance(found, web.Response):
            return found
        current = desk()
        assert current is not None
        outcome = await current.answer(found, str(form.get("answer", ""))[:MAX_REPLY_CHARS],
                                       faq=form.get("faq") == "1", channel="web")
        if outcome.status == "answered":
            return render(lang, "answered", message="answered_faq" if outcome.faq_added else "answered")
        return render(lang, outcome.status, status=400 if outcome.status == "empty" else 200)

    app.router.add_get("/r/{token}", show)
    app.router.add_post("/r/{token}", answer)


def _origin(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}" if parsed.scheme and parsed.netloc else ""


async def serve_answer_page(desk: Callable[[], AnswerDesk | None], *, host: str, port: int, public_url: str,
                            posting_url: str = "") -> web.AppRunner:
    """Polling mode: a small web server for the answer page alone, on host:port; cleanup() stops it."""
    app = web.Application(client_max_size=64 * 1024)
    add_answer_routes(app, desk, public_url=public_url, posting_url=posting_url)
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger, shutdown_timeout=2.0)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    logger.info("answer page: listening on %s:%d", host, port)
    return runner
