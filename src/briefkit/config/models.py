"""The validated schema of briefs, project config and the source registry.

All models are frozen and forbid unknown keys; nothing downstream sees a raw
dict. The schema is documented for users in ``docs/briefs.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import getaddresses, parseaddr
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,78}[a-z0-9])?$")
PARAGRAPH_REF = re.compile(
    r"^(?P<source>[^/\s]+)/p(?P<para>\d+)(?:\.s(?P<s1>\d+)(?:-s?(?P<s2>\d+))?)?$"
)
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _check_id(value: str, what: str) -> str:
    if not SAFE_ID.match(value):
        raise ValueError(
            f"{what} {value!r} is not a safe name: use lower-case letters, digits, '-', '_' "
            "and '.', starting and ending with a letter or digit"
        )
    return value


NonEmptyStr = Annotated[str, Field(min_length=1)]


def _partial_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and PARTIAL_DATE.match(value.strip()):
        text = value.strip()
        try:
            if len(text) == 10:
                dt.date.fromisoformat(text)
            elif len(text) == 7:
                dt.date.fromisoformat(text + "-01")
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
        return text
    raise ValueError("expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY)")


# ---------------------------------------------------------------- sources


class SourceEntry(Model):
    """One entry of ``seeds/sources.yaml``: curated metadata for a source file."""

    file: NonEmptyStr
    title: str | None = None
    standfirst: str | None = None
    authors: tuple[NonEmptyStr, ...] | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> str | None:
        return _partial_date(v)

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class SourceRegistry(Model):
    sources: dict[str, SourceEntry] = Field(default_factory=dict)

    @field_validator("sources")
    @classmethod
    def _ids(cls, v: dict[str, SourceEntry]) -> dict[str, SourceEntry]:
        for key in v:
            _check_id(key, "source id")
        return v


# ---------------------------------------------------------------- excerpts


class QuoteExcerpt(Model):
    source: NonEmptyStr
    quote: NonEmptyStr
    note: str | None = None  # the analyst's comment shown with the quote
    # who said the words, when they are not the article author's own; found in
    # the source when not given ("…, said Li Jifeng")
    speaker: NonEmptyStr | None = None


class ParagraphExcerpt(Model):
    paragraph: NonEmptyStr  # "source/p7" or "source/p7.s2-4"
    note: str | None = None
    speaker: NonEmptyStr | None = None

    @field_validator("paragraph")
    @classmethod
    def _ref(cls, v: str) -> str:
        if not PARAGRAPH_REF.match(v):
            raise ValueError(
                f"{v!r} is not a paragraph id: write SOURCE/pN, or SOURCE/pN.sM-K for sentences"
            )
        return v


class QueryExcerpt(Model):
    query: NonEmptyStr
    sources: tuple[NonEmptyStr, ...] | None = None
    top: int = Field(default=1, ge=1, le=20)
    must: tuple[NonEmptyStr, ...] = ()
    note: str | None = None
    speaker: NonEmptyStr | None = None


def _excerpt_kind(v: Any) -> str | None:
    if isinstance(v, dict):
        for key in ("quote", "paragraph", "query"):
            if key in v:
                return key
        return None
    for key, cls in (
        ("quote", QuoteExcerpt),
        ("paragraph", ParagraphExcerpt),
        ("query", QueryExcerpt),
    ):
        if isinstance(v, cls):
            return key
    return None


Excerpt = Annotated[
    Annotated[QuoteExcerpt, Tag("quote")]
    | Annotated[ParagraphExcerpt, Tag("paragraph")]
    | Annotated[QueryExcerpt, Tag("query")],
    Discriminator(
        _excerpt_kind,
        custom_error_type="excerpt_kind",
        custom_error_message="an excerpt needs one of the keys 'quote', 'paragraph' or 'query'",
    ),
]


# ---------------------------------------------------------------- summaries


class ManualSummary(Model):
    text: NonEmptyStr
    cites: tuple[NonEmptyStr, ...] = ()


class AutoSummary(Model):
    auto: Literal[True]
    sources: tuple[NonEmptyStr, ...] | None = None
    query: str | None = None
    sentences: int | None = Field(default=None, ge=1, le=30)
    words: int | None = Field(default=None, ge=10, le=2000)
    focus: str | None = None

    @model_validator(mode="after")
    def _length(self) -> AutoSummary:
        if self.sentences is not None and self.words is not None:
            raise ValueError("give either 'sentences' or 'words', not both")
        return self


def _summary_kind(v: Any) -> str | None:
    if isinstance(v, str):
        return "text"
    if isinstance(v, dict):
        return "auto" if "auto" in v else "manual"
    if isinstance(v, AutoSummary):
        return "auto"
    if isinstance(v, ManualSummary):
        return "manual"
    return None


Summary = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[AutoSummary, Tag("auto")]
    | Annotated[ManualSummary, Tag("manual")],
    Discriminator(
        _summary_kind,
        custom_error_type="summary_kind",
        custom_error_message="a summary is your own text, {text: ..., cites: [...]}, or {auto: true, ...}",
    ),
]


# ---------------------------------------------------------------- figures


class CuratedFigure(Model):
    value: NonEmptyStr
    label: NonEmptyStr
    source: NonEmptyStr
    quote: NonEmptyStr  # the source sentence (or part) that states the figure


class AutoFigures(Model):
    auto: Literal[True]
    sources: tuple[NonEmptyStr, ...] | None = None
    about: tuple[NonEmptyStr, ...] = ()
    top: int = Field(default=4, ge=1, le=12)


def _figures_kind(v: Any) -> str | None:
    if isinstance(v, dict | AutoFigures):
        return "auto"
    if isinstance(v, list | tuple):
        return "list"
    return None


Figures = Annotated[
    Annotated[AutoFigures, Tag("auto")] | Annotated[tuple[CuratedFigure, ...], Tag("list")],
    Discriminator(
        _figures_kind,
        custom_error_type="figures_kind",
        custom_error_message="figures are a list of {value, label, source, quote} or {auto: true, ...}",
    ),
]


# ---------------------------------------------------------------- briefs


class Section(Model):
    heading: NonEmptyStr
    text: str | None = None  # the analyst's own prose
    summary: Summary | None = None
    excerpts: tuple[Excerpt, ...] = ()
    figures: Figures | None = None


class AudienceOverride(Model):
    """Per-brief changes to an audience's settings."""

    paper: Literal["A4", "Letter"] | None = None
    max_pages: int | None = Field(default=None, ge=1, le=200)
    max_excerpts: int | None = Field(default=None, ge=0, le=100)
    blocks: tuple[str, ...] | None = None
    template: str | None = None


class Brief(Model):
    id: str | None = None  # defaults to the file name without .yaml
    title: NonEmptyStr
    subtitle: str | None = None
    date: dt.date
    authors: tuple[NonEmptyStr, ...] = ()
    language: str = "en"
    keywords: tuple[NonEmptyStr, ...] = ()
    audiences: tuple[NonEmptyStr, ...] = ()
    key_messages: tuple[NonEmptyStr, ...] = ()
    summary: Summary | None = None  # an overview of the whole brief
    sections: tuple[Section, ...] = ()
    recommendations: tuple[NonEmptyStr, ...] = ()
    contact: str | None = None
    settings: dict[str, AudienceOverride] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        return None if v is None else _check_id(v, "brief id")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, dt.datetime):
            return v.date()
        return v

    @field_validator("authors", "keywords", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


# ---------------------------------------------------------------- project config


class Colours(Model):
    primary: str = "#1f3a5f"
    accent: str = "#c8102e"
    text: str = "#1a1a1a"
    muted: str = "#5f6b7a"

    @field_validator("primary", "accent", "text", "muted")
    @classmethod
    def _colour(cls, v: str) -> str:
        if not re.match(r"^#(?:[0-9a-fA-F]{3}){1,2}$", v):
            raise ValueError(f"{v!r} is not a colour: write #rrggbb")
        return v


class Organisation(Model):
    name: NonEmptyStr = "briefkit"
    short_name: str | None = None
    url: str | None = None
    logo: str | None = None  # a path under the project, SVG or PNG
    contact: str | None = None
    colours: Colours = Field(default_factory=Colours)


class Paths(Model):
    seeds: str = "seeds"
    briefings: str = "briefings"
    templates: str = "templates"
    out: str = "out"


class Audience(Model):
    template: NonEmptyStr
    description: str | None = None
    paper: Literal["A4", "Letter"] = "A4"
    max_pages: int | None = Field(default=None, ge=1, le=200)
    max_excerpts: int | None = Field(default=None, ge=0, le=100)
    blocks: tuple[str, ...] | None = None


BLOCKS = (
    "key_messages",
    "summary",
    "sections",
    "excerpts",
    "figures",
    "recommendations",
    "notes",
    "references",
    "contact",
    "contents",
)


DEFAULT_AUDIENCES: dict[str, dict[str, Any]] = {
    "policymakers": {
        "template": "policymakers.html",
        "description": "Two-page note: key messages, recommendations, then the evidence",
        "max_pages": 2,
        "max_excerpts": 2,
    },
    "journalists": {
        "template": "journalists.html",
        "description": "Quote-and-figure sheet: pull quotes, key figures, background, contact",
        "max_pages": 2,
    },
    "newsletter": {
        "template": "newsletter.html",
        "description": "One-page digest: headline, three bullets, one quote",
        "max_pages": 1,
        "max_excerpts": 1,
    },
    "full": {
        "template": "full.html",
        "description": "Cover, contents, every section, notes and references",
    },
}


DEFAULT_PASSWORD_ENV = "BRIEFKIT_SMTP_PASSWORD"
PASSWORD_ENV = re.compile(r"^BRIEFKIT_[A-Z0-9_]+$")  # the only names password_env may give
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DOMAIN = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$"
)


class NewsletterConfig(Model):
    """The ``newsletter:`` section of ``config/briefkit.yaml``."""

    audience: str = "newsletter"  # whose PDF the email presents
    attach: tuple[str, ...] = ()  # audiences whose PDFs are attached; empty: `audience`
    subject_prefix: str = ""  # e.g. "[BDM brief]"
    sender: str | None = None  # "Name <addr>" or addr; default: the address in organisation.contact
    recipients: tuple[str, ...] = ()
    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    username: str | None = None
    starttls: bool = True
    password_env: str = DEFAULT_PASSWORD_ENV  # the environment variable holding the password
    message_id_domain: str | None = None  # default: the host of organisation.url
    pdf_base_url: str | None = None  # where the PDFs are published, for teaser links
    timeout: float = Field(default=30, gt=0, le=600)
    # Present only to refuse it with a clear message (see _refuse_password).
    password: None = Field(default=None, exclude=True, repr=False)

    @field_validator("password", mode="before")
    @classmethod
    def _refuse_password(cls, v: Any) -> None:
        raise ValueError(
            "the SMTP password must never be stored in a file: remove it and set the "
            "environment variable named by newsletter.password_env "
            f"(default {DEFAULT_PASSWORD_ENV})"
        )

    @field_validator("recipients", "attach", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("sender")
    @classmethod
    def _sender(cls, v: str | None) -> str | None:
        problem = address_problem(v, "newsletter.sender") if v is not None else None
        if problem:  # the error's location already says newsletter.sender
            raise ValueError(problem)
        return v

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for addr in v:
            problem = address_problem(addr, "newsletter.recipients")
            if problem:
                raise ValueError(problem)
        return v

    @field_validator("message_id_domain")
    @classmethod
    def _domain(cls, v: str | None) -> str | None:
        if v is not None and not _DOMAIN.match(v):
            raise ValueError(f"{v!r} is not a domain name (like example.org)")
        return v

    @field_validator("password_env")
    @classmethod
    def _env_name(cls, v: str) -> str:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", v):
            raise ValueError(f"{v!r} is not an environment variable name")
        # A project file may come from anyone: it must not pick which of the
        # user's secrets (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, ...) is sent.
        if not PASSWORD_ENV.match(v):
            raise ValueError(
                f"{v!r} is not allowed: the SMTP password may only come from an environment "
                f"variable named BRIEFKIT_* (remove password_env to use {DEFAULT_PASSWORD_ENV}, "
                "or name another BRIEFKIT_ variable)"
            )
        return v


def check_address(value: str, what: str) -> str:
    """The bare address of ``value`` ("Name <a@b.org>" or "a@b.org"), or a ValueError.

    One address only: ``"a@example.org, b@example.org"`` is refused, since
    only the first would have been checked while the server is given both.
    """
    problem = address_problem(value, what)
    if problem:
        raise ValueError(f"{what}: {problem}")
    return parseaddr(value)[1]


def address_problem(value: str, what: str) -> str | None:
    """What is wrong with ``value`` as one email address (None: nothing)."""
    if len([pair for pair in getaddresses([value]) if any(pair)]) > 1:
        return f"{value!r} is more than one address; {_ONE_EACH.get(what, 'give one address')}"
    _, addr = parseaddr(value)
    if not addr or not _EMAIL.fullmatch(addr) or "\n" in value or "\r" in value:
        return f"{value!r} is not an email address"
    return None


_ONE_EACH = {
    "--to": "give one address per --to (repeat --to for more recipients)",
    "newsletter.recipients": "give each address as its own item: [a@example.org, b@example.org]",
    "--from": "the sender is one address",
    "newsletter.sender": "the sender is one address",
}


class ProjectConfig(Model):
    organisation: Organisation = Field(default_factory=Organisation)
    paths: Paths = Field(default_factory=Paths)
    language: str = "en"
    default_audiences: tuple[NonEmptyStr, ...] = ("policymakers",)
    audiences: dict[str, Audience] = Field(default_factory=dict, validate_default=True)
    newsletter: NewsletterConfig = Field(default_factory=NewsletterConfig)

    @field_validator("audiences", mode="before")
    @classmethod
    def _merge_defaults(cls, v: Any) -> Any:
        # Built-in audiences are always there; the config adds or changes them
        # key by key.
        merged: dict[str, Any] = {k: dict(d) for k, d in DEFAULT_AUDIENCES.items()}
        if isinstance(v, dict):
            for name, settings in v.items():
                if isinstance(settings, dict) and name in merged:
                    merged[name] = {**merged[name], **settings}
                else:
                    merged[name] = settings
            return merged
        return v

    @field_validator("audiences")
    @classmethod
    def _audience_ids(cls, v: dict[str, Audience]) -> dict[str, Audience]:
        for key in v:
            _check_id(key, "audience name")
        return v
