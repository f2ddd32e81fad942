"""A SQLite FTS5 (BM25) index of the corpus paragraphs, cached in ``.briefkit/``.

The index is a cache, never a source of truth: anything odd about the file
(garbage bytes, another schema version, a missing table) makes briefkit throw
it away and build it again from ``seeds/``.

``update`` re-indexes only the sources whose raw bytes changed. A source is
first compared by (path, size, mtime_ns); only when those differ are its
bytes hashed, and only when the hash differs is it cleaned and segmented.
All changes of one update are one transaction, taken with ``BEGIN
IMMEDIATE`` so that two processes updating at once queue up rather than
fail; an interrupted update leaves the previous index as it was.

Search queries are built from the user's words, each one quoted, so no user
text ever reaches FTS5 as query syntax.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .corpus.extract import EXTRACTOR_VERSION
from .errors import BriefkitError, SourceError

log = logging.getLogger(__name__)

INDEX_FILE = "index.sqlite"
# Bump when the tables change; stored in PRAGMA user_version.
SCHEMA_VERSION = 1
# Stored per source: a source indexed by another briefkit version (whose
# cleaner may cut paragraphs differently) is indexed again.
INDEXER = f"{SCHEMA_VERSION}:{__version__}:{EXTRACTOR_VERSION}"
BUSY_TIMEOUT_MS = 120_000
TOKENIZER = "porter unicode61 remove_diacritics 2"
# A query word found in more paragraphs than both of these is left out of a
# many-word query: its BM25 weight is near zero, yet ranking its long list of
# matches is most of the work ("said" is in ~40% of news paragraphs). Small
# corpora are never pruned.
COMMON_TERM_RATIO = 0.05
COMMON_TERM_MIN_PARAGRAPHS = 5_000
# Paragraphs shorter than this many words have their score scaled down by
# (words / 8)², so a caption or a one-line teaser, which BM25's length
# normalisation favours, does not beat the paragraph that explains.
SHORT_PARAGRAPH_WORDS = 8
_SHORT_FACTOR_SQL = (
    f"min(1.0, p.words / {float(SHORT_PARAGRAPH_WORDS)}) "
    f"* min(1.0, p.words / {float(SHORT_PARAGRAPH_WORDS)})"
)


def short_factor(words: int) -> float:
    """The score multiplier for a paragraph of ``words`` words (1.0 from 8 words on)."""
    return min(1.0, words / SHORT_PARAGRAPH_WORDS) ** 2


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    indexer TEXT NOT NULL,
    title TEXT
);
CREATE TABLE IF NOT EXISTS paragraphs (
    rowid INTEGER PRIMARY KEY,
    pid TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    words INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_source ON paragraphs(source_id, idx);
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='rowid', tokenize='{TOKENIZER}'
);
"""
_TABLES = {"sources", "paragraphs", "paragraphs_fts"}

# Words too common to help a ranked OR query; dropped unless nothing else is left.
STOPWORDS = frozenset(
    """
    a an and are as at be been but by can could did do does for from had has have he her
    his how i if in into is it its me my no not of on or our she so than that the their
    them then there these they this those to was we were what when where which who whom
    why will with would you your s t
    """.split()
)

_TOKEN = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UpdateStats:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False  # the old index was unusable and was thrown away
    skipped: tuple[str, ...] = ()  # sources that could not be read (not indexed)

    @property
    def reindexed(self) -> int:
        return self.added + self.changed


@dataclass(frozen=True, slots=True)
class Hit:
    paragraph_id: str
    source_id: str
    score: float  # positive; higher is better
    text: str
    snippet: str
    # (start, end) offsets in ``text`` of the words that matched the query.
    spans: tuple[tuple[int, int], ...] = ()


class SearchIndexError(BriefkitError):
    """The search index cannot be used."""


def _check_fts5() -> None:
    con = sqlite3.connect(":memory:")
    try:
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    except sqlite3.OperationalError as exc:
        raise BriefkitError(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 full-text search",
            hint="use a Python whose SQLite has FTS5 (python.org, Debian/Ubuntu, conda builds)",
        ) from exc
    finally:
        con.close()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes while the index file is checked or replaced."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
        yield
        return
    from .publish.files import open_lock_file

    fd = open_lock_file(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_ignore_file(folder: Path) -> None:
    """``.gitignore`` in the cache folder: created once, never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(folder / ".gitignore", flags, 0o644)
    except OSError:
        return  # there already (or a link: left alone, not followed), or read-only
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("# briefkit cache: safe to delete\n*\n")


PARALLEL_BUILD_MIN = 64  # below this, starting processes costs more than it saves

_build_corpus = None


class _Indexed(NamedTuple):
    """What the index keeps of an article: the workers send only this back."""

    id: str
    content_hash: str
    title: str | None
    paragraphs: tuple[tuple[str, int, str, int, str], ...]  # pid, index, kind, words, text


def _indexed(corpus, sid: str) -> _Indexed | SourceError:
    try:
        article = corpus.build(sid)
    except SourceError as exc:
        return exc
    return _Indexed(
        article.id,
        article.content_hash,
        article.title,
        tuple((p.id, p.index, p.kind, len(p.text.split()), p.text) for p in article.paragraphs),
    )


def _build_one(sid: str) -> _Indexed | SourceError:
    return _indexed(_build_corpus, sid)


def _build_articles(corpus, sids: list[str]) -> Iterator[_Indexed | SourceError]:
    """Articles for ``sids`` in order (a SourceError in place of an unreadable one).

    Cleaning is the slow part of a first index, so many sources are cleaned in
    parallel by forked processes; none is kept in memory after it is written.
    """
    global _build_corpus
    import threading

    if len(sids) < PARALLEL_BUILD_MIN or threading.active_count() > 1 or (os.cpu_count() or 1) < 2:
        for sid in sids:
            yield _indexed(corpus, sid)
        return
    import multiprocessing

    _build_corpus = corpus
    try:
        with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
            yield from pool.imap(_build_one, sids, chunksize=16)
    finally:
        _build_corpus = None


class Index:
    """The paragraph index of one project. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, path: Path, con: sqlite3.Connection, *, rebuilt: bool = False) -> None:
        self.path = path
        self.con = con
        self._rebuilt = rebuilt
        self._total: int | None = None  # paragraphs in the index, counted when needed
        self._stems: _Stemmer | None = None

    # -- opening ----------------------------------------------------------

    @classmethod
    def open(cls, project) -> Index:  # project: briefkit.project.Project
        return cls.open_path(project.cache_dir / INDEX_FILE)

    @classmethod
    def open_path(cls, path: Path) -> Index:
        from .publish.files import own_cache_file, write_error

        _check_fts5()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # `.briefkit` is a file, or the project is read-only
            raise write_error(exc, str(path.parent)) from None
        _write_ignore_file(path.parent)
        for suffix in ("", "-wal", "-shm", "-journal"):  # no links, no folders
            own_cache_file(Path(f"{path}{suffix}"))
        with _file_lock(path.with_name(path.name + ".lock")):
            con = cls._connect(path)
            problem = cls._problem(con)
            if problem is None:
                return cls(path, con)
            con.close()
            log.warning("search index %s %s; rebuilding it", path.name, problem)
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{suffix}")
            con = cls._connect(path)
            problem = cls._problem(con)
            if problem is not None:  # pragma: no cover - a fresh file is always usable
                con.close()
                raise SearchIndexError(f"cannot create the search index {path}: {problem}")
            return cls(path, con, rebuilt=True)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE).
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Reads through mmap: much faster on a large index; pages are shared, not copied.
        con.execute("PRAGMA mmap_size = 268435456")
        return con

    @staticmethod
    def _problem(con: sqlite3.Connection) -> str | None:
        """Why the file cannot be trusted (None: it can); creates the tables in a new file."""
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = NORMAL")
            con.execute("BEGIN IMMEDIATE")
            try:
                version = con.execute("PRAGMA user_version").fetchone()[0]
                names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
                if version == 0 and not names:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            con.execute(statement)
                    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    con.execute("COMMIT")
                    return None
                con.execute("ROLLBACK")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            if version != SCHEMA_VERSION:
                return f"has schema version {version}, not {SCHEMA_VERSION}"
            if not names >= _TABLES:
                return "is missing tables"
            con.execute("SELECT count(*) FROM sources").fetchone()
            con.execute("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'x' LIMIT 1")
        except sqlite3.DatabaseError as exc:
            return f"is unreadable ({exc})"
        return None

    def close(self) -> None:
        self.con.close()
        if self._stems is not None:
            self._stems.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- updating -----------------------------------------------------------

    def update(self, corpus) -> UpdateStats:  # corpus: briefkit.corpus.load.Corpus
        """Bring the index in line with ``corpus``; re-index only what changed."""
        try:
            return self._update(corpus)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise SearchIndexError(
                    f"the search index is busy (another briefkit kept it locked for "
                    f"{BUSY_TIMEOUT_MS // 1000} s)",
                    hint="wait for the other briefkit command to finish, then try again",
                ) from exc
            # A file damaged after it was opened: start again from nothing.
            log.warning("search index is damaged (%s); rebuilding it", exc)
            self.con.close()
            fresh = Index.open_path(self._force_remove())
            self.con = fresh.con
            self._rebuilt = True
            return self._update(corpus)

    def _force_remove(self) -> Path:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")
        return self.path

    def _update(self, corpus) -> UpdateStats:
        con = self.con
        self._total = None
        con.execute("BEGIN IMMEDIATE")
        try:
            stats = self._apply(corpus)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        if self._rebuilt:
            stats = _replace(stats, rebuilt=True)
            self._rebuilt = False
        return stats

    def _apply(self, corpus) -> UpdateStats:
        con = self.con
        known = {
            row[0]: row[1:]
            for row in con.execute(
                "SELECT id, path, size, mtime_ns, content_hash, indexer FROM sources"
            )
        }
        added = changed = unchanged = 0
        skipped: list[str] = []
        todo: list[tuple] = []
        for sid in corpus.ids():
            source_file = corpus.files[sid]
            path: Path = source_file.path
            display: str = source_file.display
            try:
                st = path.stat()
            except OSError:
                st = None
            old = known.pop(sid, None)
            if old is not None and st is not None:
                o_path, o_size, o_mtime, o_hash, o_indexer = old
                if o_indexer == INDEXER and o_path == display:
                    if (o_size, o_mtime) == (st.st_size, st.st_mtime_ns):
                        unchanged += 1
                        continue
                    digest = _hash_file(path)
                    if digest == o_hash:
                        con.execute(
                            "UPDATE sources SET size = ?, mtime_ns = ? WHERE id = ?",
                            (st.st_size, st.st_mtime_ns, sid),
                        )
                        unchanged += 1
                        continue
            todo.append((sid, old, display, st))
        for (sid, old, display, st), article in zip(
            todo, _build_articles(corpus, [t[0] for t in todo]), strict=True
        ):
            if isinstance(article, SourceError):
                log.warning("%s", article.one_line())
                skipped.append(sid)
                if old is not None:
                    self._delete(sid)
                continue
            if old is not None:
                self._delete(sid)
                changed += 1
            else:
                added += 1
            size, mtime = (st.st_size, st.st_mtime_ns) if st is not None else (-1, -1)
            self._insert(article, display, size, mtime)
        for sid in known:  # no longer in the corpus
            self._delete(sid)
        return UpdateStats(
            added=added,
            changed=changed,
            removed=len(known),
            unchanged=unchanged,
            skipped=tuple(skipped),
        )

    def _delete(self, sid: str) -> None:
        # External-content FTS5: tell it the old text before the row goes.
        self.con.execute(
            "INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) "
            "SELECT 'delete', rowid, text FROM paragraphs WHERE source_id = ?",
            (sid,),
        )
        self.con.execute("DELETE FROM paragraphs WHERE source_id = ?", (sid,))
        self.con.execute("DELETE FROM sources WHERE id = ?", (sid,))

    def _insert(self, article: _Indexed, display: str, size: int, mtime_ns: int) -> None:
        con = self.con
        con.execute(
            "INSERT INTO sources (id, path, size, mtime_ns, content_hash, indexer, title) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, display, size, mtime_ns, article.content_hash, INDEXER, article.title),
        )
        rows = [
            (pid, article.id, idx, kind, n, text) for pid, idx, kind, n, text in article.paragraphs
        ]
        if not rows:
            return
        cur = con.execute(
            "SELECT coalesce(max(rowid), 0) FROM paragraphs",
        )
        first = cur.fetchone()[0] + 1
        con.executemany(
            "INSERT INTO paragraphs (rowid, pid, source_id, idx, kind, words, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(first + n, *row) for n, row in enumerate(rows)],
        )
        con.executemany(
            "INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)",
            [(first + n, row[-1]) for n, row in enumerate(rows)],
        )

    # -- reading --------------------------------------------------------------

    def paragraph(self, pid: str) -> str | None:
        row = self.con.execute("SELECT text FROM paragraphs WHERE pid = ?", (pid,)).fetchone()
        return row[0] if row else None

    def source_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM sources ORDER BY id")]

    def source_title(self, sid: str) -> str | None:
        row = self.con.execute("SELECT title FROM sources WHERE id = ?", (sid,)).fetchone()
        return row[0] if row else None

    def is_common(self, word: str) -> bool:
        """Whether ``word`` is in so many paragraphs that it barely helps ranking."""
        if self._total is None:
            self._total = self.con.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        threshold = max(COMMON_TERM_MIN_PARAGRAPHS, COMMON_TERM_RATIO * self._total)
        if self._total <= threshold:
            return False
        if self._stems is None:
            self._stems = _Stemmer()
        terms = self._stems.terms(word)
        if len(terms) != 1:
            return False
        self.con.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraphs_vocab "
            "USING fts5vocab(main, paragraphs_fts, row)"
        )
        row = self.con.execute(
            "SELECT doc FROM temp.paragraphs_vocab WHERE term = ?", (terms[0],)
        ).fetchone()
        return row is not None and row[0] > threshold

    def _rank_in(self, expression: str, sources: list[str], top: int) -> list[tuple]:
        """(rowid, pid, source, score) of the best body paragraphs of ``sources``."""
        # bm25() is negative, lower is better; the score shown is its negation.
        sql = (
            "SELECT p.rowid, p.pid, p.source_id, "
            f"-bm25(paragraphs_fts) * {_SHORT_FACTOR_SQL} AS score "
            "FROM paragraphs_fts JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid "
            "WHERE paragraphs_fts MATCH ? AND p.kind != 'heading' "
            f"AND p.source_id IN ({', '.join('?' * len(sources))}) "
            "ORDER BY score DESC, p.source_id, p.idx LIMIT ?"
        )
        return self.con.execute(sql, [expression, *sources, top]).fetchall()

    def _rank_all(self, expression: str, top: int) -> list[tuple]:
        """As :meth:`_rank_in` for the whole index, without scoring every match twice.

        FTS5 picks the best ``k`` by plain BM25 (its fast path); headings are
        dropped and short paragraphs scaled down here. Scaling only lowers
        scores, so once the ``top``-th result beats the ``k``-th plain score,
        nothing outside the ``k`` can enter the list; until then ``k`` grows.
        """
        k = max(50, top * 5)
        while True:
            candidates = self.con.execute(
                "SELECT rowid, -rank FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
                "ORDER BY rank LIMIT ?",
                (expression, k),
            ).fetchall()
            raw = dict(candidates)
            scored = []
            for rowid, pid, sid, idx, words in self.con.execute(
                "SELECT rowid, pid, source_id, idx, words FROM paragraphs "
                "WHERE rowid IN (SELECT value FROM json_each(?)) AND kind != 'heading'",
                (json.dumps(list(raw)),),
            ):
                score = raw[rowid] * short_factor(words)
                scored.append((-score, sid, idx, rowid, pid))
            scored.sort()
            best = [(rowid, pid, sid, -neg) for neg, sid, idx, rowid, pid in scored[:top]]
            if len(candidates) < k:
                return best  # every match was a candidate
            if len(best) == top and best[-1][3] > candidates[-1][1]:
                return best
            k *= 4

    def search(
        self,
        query: str,
        *,
        sources: Iterable[str] | None = None,
        top: int = 10,
        must: Sequence[str] = (),
        aliases=None,  # briefkit.aliases.Aliases | None: None means no alias expansion
    ) -> list[Hit]:
        """The ``top`` body paragraphs that best match ``query``, best first.

        Any word of ``query`` may match (ranked by BM25); every term of ``must``
        has to. Words in double quotes are matched as a phrase. A word that
        belongs to an alias group matches any spelling of the group.
        """
        expression = build_query(query, must=must, aliases=aliases, is_common=self.is_common)
        if expression is None or top <= 0:
            return []
        wanted = None if sources is None else sorted(set(sources))
        if wanted == []:
            return []
        try:
            if wanted is None:
                ranked = self._rank_all(expression, int(top))
            else:
                ranked = self._rank_in(expression, wanted, int(top))
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(
                f"search failed: {exc}",
                hint="delete .briefkit/index.sqlite; it is rebuilt on the next search",
            ) from exc
        if not ranked:
            return []
        # Only the few winners get their highlights and snippets.
        marks = {
            row[0]: row[1:]
            for row in self.con.execute(
                "SELECT rowid, highlight(paragraphs_fts, 0, char(2), char(3)), "
                "snippet(paragraphs_fts, 0, '', '', '…', 32) FROM paragraphs_fts "
                f"WHERE paragraphs_fts MATCH ? AND rowid IN ({', '.join('?' * len(ranked))})",
                [expression, *(r[0] for r in ranked)],
            )
        }
        hits = []
        for rowid, pid, sid, score in ranked:
            marked, snippet = marks[rowid]
            text, spans = _unmark(marked)
            hits.append(Hit(pid, sid, score, text, snippet, spans))
        return hits


class _Stemmer:
    """The index's own tokenizer, run on one word: what FTS5 will look up for it."""

    def __init__(self) -> None:
        self.con = sqlite3.connect(":memory:", isolation_level=None)
        self.con.execute(f"CREATE VIRTUAL TABLE words USING fts5(x, tokenize='{TOKENIZER}')")
        self.con.execute("CREATE VIRTUAL TABLE words_vocab USING fts5vocab(words, instance)")
        self.cache: dict[str, tuple[str, ...]] = {}

    def terms(self, word: str) -> tuple[str, ...]:
        if word not in self.cache:
            self.con.execute("INSERT INTO words (rowid, x) VALUES (1, ?)", (word,))
            rows = self.con.execute("SELECT term FROM words_vocab ORDER BY offset").fetchall()
            self.con.execute("DELETE FROM words")
            self.cache[word] = tuple(r[0] for r in rows)
        return self.cache[word]

    def close(self) -> None:
        self.con.close()


def _replace(stats: UpdateStats, **changes: object) -> UpdateStats:
    from dataclasses import replace

    return replace(stats, **changes)


def _hash_file(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start = 0
    for part in re.split("([\x02\x03])", marked):
        if part == "\x02":
            start = pos
        elif part == "\x03":
            spans.append((start, pos))
        else:
            text.append(part)
            pos += len(part)
    return "".join(text), tuple(spans)


# -- query building -----------------------------------------------------------


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _phrase(words: str) -> str | None:
    tokens = _TOKEN.findall(words)
    return _quote(" ".join(tokens)) if tokens else None


def _term(term: str, aliases) -> str | None:
    """One user term as FTS5: its spellings OR-ed, each spelling a quoted phrase."""
    spellings = aliases.expand(term) if aliases else (term,)
    parts = list(dict.fromkeys(p for p in map(_phrase, spellings) if p))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def split_terms(text: str) -> list[str]:
    """User text as terms: "quoted phrases" whole, other words one by one."""
    terms: list[str] = []
    pos = 0
    for m in _PHRASE.finditer(text):
        terms.extend(_words(text[pos : m.start()]))
        if _TOKEN.search(m.group(1)):
            terms.append(" ".join(m.group(1).split()))
        pos = m.end()
    terms.extend(_words(text[pos:]))
    return terms


def _words(text: str) -> list[str]:
    # "Lukashenka's" is searched as "Lukashenka": the "s" would demand the apostrophe form.
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    return [_POSSESSIVE.sub("", w) for w in words]


def build_query(
    query: str,
    *,
    must: Sequence[str] = (),
    aliases=None,
    is_common: Callable[[str], bool] | None = None,
) -> str | None:
    """A safe FTS5 expression: (any query term) AND (each must term); None if empty.

    Stopwords are left out of the query terms unless nothing else is left; so
    are single words ``is_common`` says are too common, when rarer terms remain.
    Names in an alias group, phrases and ``must`` terms are always kept.
    """
    terms = split_terms(query)
    terms = [t for t in terms if " " in t or t.casefold() not in STOPWORDS] or terms
    if is_common is not None and len(terms) > 1:
        rare = [
            t for t in terms if " " in t or (aliases and aliases.group_of(t)) or not is_common(t)
        ]
        terms = rare or terms
    any_of = [e for e in (_term(t, aliases) for t in terms) if e]
    all_of = [e for m in must for e in [_term(" ".join(split_terms(m)), aliases)] if e]
    parts = []
    if any_of:
        parts.append(any_of[0] if len(any_of) == 1 else "(" + " OR ".join(any_of) + ")")
    parts.extend(all_of)
    return " AND ".join(parts) if parts else None
