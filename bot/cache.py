"""The built index kept on disk, so that a start-up over unchanged knowledge reads it instead of parsing.

    cache = IndexCache(Path("var/cache"))
    payload = cache.load(folder, key)  # None: absent, stale, corrupt or foreign
    cache.save(folder, key, payload)

One file per knowledge folder (named by a hash of its resolved path), never inside the knowledge folder.
The key (`knowledge_key`) covers everything the index is built from: each posting file's name, slug and
bytes, the lexicon files' bytes, the date (a posting's open or closed status depends on it) and the bot's
own source files, so that any change makes the file stale; a stale file is rebuilt and replaced.

The file is a pickle behind an authenticated header: MAGIC, then the HMAC-SHA256 of the rest under a key
of this installation (`key`, 32 random bytes created beside the cache files, readable by the bot's user
only), then the knowledge key, then the pickle. Only the bot writes this folder; a file whose header does
not check out (corrupt, truncated, copied from another installation, written by hand) is never unpickled:
it is ignored and rebuilt. Files are written to a temporary file, then renamed over the old one.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

MAGIC = b"recruteur-bot index cache v1\n"
KEY_LINE_MAX = 256  # the knowledge key's line: a hex digest and its newline
_DIGEST = hashlib.sha256().digest_size
_KEY_BYTES = 32


@dataclass(frozen=True)
class IndexCache:
    """A folder of cached indexes, one file per knowledge folder; the bot's process is its only writer."""

    folder: Path

    def path_for(self, knowledge: Path) -> Path:
        """The cache file of a knowledge folder."""
        name = hashlib.sha256(str(knowledge.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
        return self.folder / f"index-{name}.cache"

    def load(self, knowledge: Path, key: str) -> object | None:
        """The payload saved for this knowledge folder under this key, or None when there is none that is
        current and authentic (a foreign or corrupt file is never unpickled)."""
        path = self.path_for(knowledge)
        try:
            data = path.read_bytes()
            secret = self._secret(create=False)
        except OSError:
            return None
        if secret is None:
            return None
        body = _authentic(data, secret)
        if body is None:
            logger.warning("index cache %s is corrupt or was not written by this installation: rebuilding it",
                           path.name)
            return None
        end = bytes(body[:KEY_LINE_MAX]).find(b"\n")
        stored_key, pickled = bytes(body[:max(end, 0)]), body[end + 1:]  # views: the file's bytes are not copied
        if end < 0 or stored_key != key.encode("ascii"):
            logger.info("index cache %s is stale (the knowledge, lexicon, date or code changed): rebuilding it",
                        path.name)
            return None
        try:
            with _gc_paused():
                payload: object = pickle.loads(pickled)  # authenticated above: written by this bot only
                return payload
        except Exception as exc:  # an authentic file the code can no longer read: rebuild it
            logger.warning("index cache %s cannot be read (%s): rebuilding it", path.name, type(exc).__name__)
            return None

    def save(self, knowledge: Path, key: str, payload: object) -> bool:
        """Write the payload for this knowledge folder under this key, atomically; False when it could not
        be written (the bot works on, it only starts slower next time)."""
        path = self.path_for(knowledge)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            secret = self._secret(create=True)
            assert secret is not None
            line = key.encode("ascii") + b"\n"
            pickled = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            mac = hmac.new(secret, line, "sha256")
            mac.update(pickled)
            _write_atomically(path, (MAGIC, mac.digest(), line, pickled))  # written piece by piece, never joined
        except Exception as exc:  # a full disk, a read-only folder, an index that will not pickle
            logger.warning("could not write the index cache in %s (%s: %s); the next start parses the "
                           "knowledge again", self.folder, type(exc).__name__, exc)
            return False
        return True

    def _secret(self, *, create: bool) -> bytes | None:
        """This installation's HMAC key, created (owner-only) when asked and absent."""
        path = self.folder / "key"
        try:
            secret = path.read_bytes()
        except FileNotFoundError:
            if not create:
                return None
            secret = os.urandom(_KEY_BYTES)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process of this bot made it meanwhile
                return path.read_bytes()
            with os.fdopen(fd, "wb") as file:
                file.write(secret)
        return secret if len(secret) == _KEY_BYTES else None


def cache_folder(env: Mapping[str, str]) -> Path:
    """The cache folder: $CACHE_DIR, else `cache` beside the database ($DATABASE_PATH, else var/bot.sqlite3)."""
    given = env.get("CACHE_DIR", "").strip()
    if given:
        return Path(given)
    return Path(env.get("DATABASE_PATH", "").strip() or "var/bot.sqlite3").parent / "cache"


def knowledge_key(parts: Iterable[str | bytes]) -> str:
    """A key for the cache: the SHA-256 of the parts (each length-prefixed) and of the bot's own code."""
    digest = hashlib.sha256(code_version().encode("ascii"))
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The SHA-256 of the bot's source files (bot/**/*.py) and of the Python version: a code change makes every
    cached index stale, and so does another interpreter (the cache holds its compiled regexes: bot/regex.py)."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode("utf-8"))
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _authentic(data: bytes, secret: bytes) -> memoryview | None:
    """The body of a cache file (a view of its bytes) when its header is ours and its HMAC checks out, else
    None."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _DIGEST:
        return None
    mac = data[len(MAGIC):len(MAGIC) + _DIGEST]
    body = memoryview(data)[len(MAGIC) + _DIGEST:]
    return body if hmac.compare_digest(mac, hmac.digest(secret, body, "sha256")) else None


def _write_atomically(path: Path, pieces: Iterable[bytes]) -> None:
    """Write a file through a temporary file in the same folder, renamed over the old one."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            for piece in pieces:
                file.write(piece)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while unpickling many long-lived objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
