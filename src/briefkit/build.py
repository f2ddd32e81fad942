"""Build briefs: load, resolve, compose, render and write every requested output.

The library entry point is :func:`build`. It never prints; it returns a
:class:`BuildReport` that the CLI formats. One failing brief does not stop the
others: its errors are recorded and the rest are built.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from .config.load import load_brief
from .config.models import Brief
from .config.yamlload import LoadedYaml
from .errors import BriefkitError, BriefkitErrors, ConfigError, Location, RenderError, raise_all

log = logging.getLogger(__name__)


@dataclass
class BuildOptions:
    briefs: tuple[str, ...] = ()  # ids; empty: all
    audiences: tuple[str, ...] = ()  # names; empty: each brief's own
    out: Path | None = None
    allow_unverified: bool = False
    strict: bool = False
    formats: tuple[str, ...] = ("pdf",)
    pdf_variant: str | None = None
    force: bool = False
    jobs: int = 1


@dataclass
class Output:
    brief: str
    audience: str
    path: Path
    display: str
    pages: int = 0
    size: int = 0
    status: str = "built"  # "built" | "unchanged" | "failed"
    warnings: list[BriefkitError] = field(default_factory=list)


@dataclass
class BuildReport:
    outputs: list[Output] = field(default_factory=list)
    errors: list[BriefkitError] = field(default_factory=list)
    warnings: list[BriefkitError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class LoadedBrief:
    brief: Brief
    loaded: LoadedYaml
    path: Path


def load_briefs(
    project, ids: tuple[str, ...] = ()
) -> tuple[list[LoadedBrief], list[BriefkitError]]:
    """Load the briefs named by id (all when empty); return them and the errors found."""
    files = project.brief_files()
    errors: list[BriefkitError] = []
    wanted = set(ids)
    out: list[LoadedBrief] = []
    seen: dict[str, str] = {}
    by_stem = {p.stem: p for p in files}
    for path in files:
        display = project.display(path)
        try:
            brief, loaded = load_brief(path, display)
        except BriefkitError as exc:
            if not wanted or path.stem in wanted:
                errors.append(exc)
            continue
        if wanted and brief.id not in wanted and path.stem not in wanted:
            continue
        if brief.id in seen:
            errors.append(
                ConfigError(
                    f"brief id '{brief.id}' is also used by {seen[brief.id]}",
                    location=loaded.location(("id",)),
                    hint="give each brief its own id",
                )
            )
            continue
        seen[brief.id] = display
        out.append(LoadedBrief(brief, loaded, path))
    found = {lb.brief.id for lb in out} | {lb.path.stem for lb in out}
    # several schema errors of one file come as one BriefkitErrors (no location of its own)
    failed_stems = {
        Path(str(e.location.file)).stem for e in BriefkitErrors(errors).errors if e.location
    }
    for want in ids:
        if want not in found and want not in failed_stems:
            import difflib

            names = sorted(by_stem)
            close = difflib.get_close_matches(want, names, n=1)
            errors.append(
                ConfigError(
                    f"no brief '{want}' in {project.config.paths.briefings}/",
                    hint=(f"did you mean '{close[0]}'? " if close else "")
                    + (
                        f"briefs: {', '.join(names)}"
                        if names
                        else "create one with `briefkit new brief NAME`"
                    ),
                )
            )
    return out, errors


def audiences_for(project, brief: Brief, only: tuple[str, ...]) -> list[str]:
    names = list(brief.audiences or project.config.default_audiences)
    if only:
        names = [a for a in names if a in only]
    return names


def output_path(out_dir: Path, brief_id: str, audience: str, ext: str) -> Path:
    return out_dir / brief_id / f"{brief_id}-{audience}.{ext}"


def check_audience_filter(project, only: tuple[str, ...]) -> None:
    import difflib

    errors = []
    for name in only:
        if name not in project.config.audiences:
            close = difflib.get_close_matches(name, list(project.config.audiences), n=1)
            errors.append(
                ConfigError(
                    f"unknown audience '{name}'",
                    hint=(f"did you mean '{close[0]}'? " if close else "")
                    + f"known audiences: {', '.join(sorted(project.config.audiences))}",
                )
            )
    raise_all(errors)


def build(project, options: BuildOptions, on_output=None) -> BuildReport:
    """Build every requested output that is stale; report what was done.

    ``on_output(Output)`` is called in this process as each output finishes
    (built, unchanged or failed), for progress display.
    """
    from .buildstate import BuildState, static_inputs, uses_whole_corpus
    from .publish.files import clean_stale_temp_files
    from .render.env import TemplateSet

    report = BuildReport()
    check_audience_filter(project, options.audiences)
    briefs, errors = load_briefs(project, options.briefs)
    report.errors.extend(errors)
    templates = TemplateSet(project.templates_dir, project.root)
    out_dir = options.out or project.out_dir
    clean_stale_temp_files(out_dir)
    state = BuildState(project)
    notify = on_output or (lambda output: None)

    # Plan: which outputs are stale? Only those briefs get resolved.
    stale: list[tuple[LoadedBrief, str, Output, dict]] = []
    for lb in briefs:
        for audience in audiences_for(project, lb.brief, options.audiences):
            path = output_path(
                out_dir, lb.brief.id, audience, "pdf" if "pdf" in options.formats else "html"
            )
            output = Output(lb.brief.id, audience, path, project.display(path))
            template = _template_name(project, lb.brief, audience)
            if template and templates.origin(template) is None:
                err = missing_template(project, lb, audience, template)
                if all(e.render() != err.render() for e in report.errors):  # once per config line
                    report.errors.append(err)
                output.status = "failed"
                report.outputs.append(output)
                notify(output)
                continue
            static = (
                static_inputs(project, templates, lb.path, template, options) if template else {}
            )
            if template and not options.force and state.is_fresh(path, static):
                output.status = "unchanged"
                report.outputs.append(output)
                notify(output)
                continue
            stale.append((lb, audience, output, static))
    if not stale:
        return report

    from .corpus.load import Corpus
    from .deps import warn_if_slow_subsetting
    from .publish.manifest import manifest_entry, update_manifest
    from .resolve import resolve_brief
    from .workers import Job, RenderPool

    resolved_by_brief: dict[str, object] = {}
    meta: dict[int, tuple[LoadedBrief, dict]] = {}

    def on_result(result) -> None:
        output = result.output
        report.outputs.append(output)
        if result.error is not None:
            output.status = "failed"
            # a missing library fails every output the same way: say it once
            if all(e.render() != result.error.render() for e in report.errors):
                report.errors.append(result.error)
        else:
            lb, static = meta[result.key]
            resolved = resolved_by_brief[lb.brief.id]
            sources = {a.path: a.content_hash for a in resolved.articles.values()}
            state.record(output.path, static, result.written, sources, uses_whole_corpus(lb.brief))
            try:
                update_manifest(out_dir, [manifest_entry(output, lb.brief)])
            except BriefkitError as exc:  # atomic_write's own (disk full, …)
                report.errors.append(exc)
            except OSError as exc:
                report.errors.append(BriefkitError(f"cannot update out/manifest.json: {exc}"))
        notify(output)

    if "pdf" in options.formats:
        warn_if_slow_subsetting()
    # Workers start now (importing WeasyPrint) while this process resolves the
    # briefs; each brief's outputs are handed over as soon as it is resolved.
    try:
        with RenderPool(min(options.jobs, len(stale)), on_result) as pool:
            corpus = Corpus(project)
            report.warnings.extend(corpus.problems)
            for lb, audience, output, static in stale:
                bid = lb.brief.id
                if bid not in resolved_by_brief:
                    try:
                        resolved = resolve_brief(
                            project,
                            corpus,
                            lb.brief,
                            lb.loaded,
                            allow_unverified=options.allow_unverified,
                        )
                        report.warnings.extend(resolved.warnings)
                    except BriefkitError as exc:
                        report.errors.append(exc)
                        resolved = None
                    resolved_by_brief[bid] = resolved
                resolved = resolved_by_brief[bid]
                if resolved is None:
                    output.status = "failed"
                    report.outputs.append(output)
                    notify(output)
                    continue
                key = len(meta)
                meta[key] = (lb, static)
                pool.submit(Job(key, project.root, resolved, audience, output, options))
    finally:
        # What was built is on disk whatever happens here: a state that cannot be
        # saved (disk full, read-only) is one more error in the report, never in
        # place of the report, and the next build simply redoes those outputs.
        try:
            state.save()
        except BriefkitError as exc:
            report.errors.append(exc)
    return report


def missing_template(project, lb: LoadedBrief, audience: str, name: str) -> BriefkitError:
    """The error for an audience whose template is in neither templates/ nor briefkit's own."""
    from .errors import TemplateError

    over = lb.brief.settings.get(audience)
    if over is not None and getattr(over, "template", None):
        where = lb.loaded.location(("settings", audience, "template"))
    elif project.config_yaml is not None:
        where = project.config_yaml.location(("audiences", audience, "template"))
    else:
        where = None
    return TemplateError(
        f"template '{name}' for audience '{audience}' not found",
        location=where,
        hint="see `briefkit templates list` for the templates there are",
    )


def _template_name(project, brief: Brief, audience: str) -> str | None:
    from .compose import audience_settings

    if audience not in project.config.audiences:
        return None
    return audience_settings(project.config, brief, audience).template


def render_one(
    project, templates, resolved, audience: str, output: Output, options: BuildOptions, write
) -> None:
    """Render one brief for one audience: PDF and/or HTML from the same template.

    The PDF is tagged (PDF/UA-1) unless another variant is asked for; its dates
    come from the brief (or SOURCE_DATE_EPOCH), so rebuilding gives the same
    bytes. The HTML carries its images inline and links to no local file.
    """
    import calendar
    import datetime as dt

    from .compose import audience_settings, compose
    from .project import source_date_epoch
    from .render.fetcher import SafeURLFetcher
    from .render.pdf import DEFAULT_VARIANT, render_pdf

    brief = resolved.brief
    settings = audience_settings(project.config, brief, audience)
    epoch = source_date_epoch()
    modified = dt.datetime.fromtimestamp(epoch, dt.UTC) if epoch is not None else None
    assets = _assets(project, templates)
    composed = compose(resolved, settings, project.config, assets=assets, modified=modified)
    origin = templates.origin(settings.template)
    template_shown = templates.display(str(origin[1])) if origin else settings.template
    formats = options.formats or ("pdf",)
    html_path = output.path.with_suffix(".html")
    # Each render numbers its own notes as it prints them; the provenance is
    # that of the PDF (of the HTML page when no PDF is made).
    recorder = None
    if "pdf" in formats:
        recorder = composed.recorder()
        html = templates.render(settings.template, recorder.context("pdf"))
        printed = html
        fetcher = SafeURLFetcher(templates.roots(), context=template_shown)
        base_url = (templates.project_dir or templates.builtin_dir).as_uri() + "/"
        try:
            pdf = render_pdf(
                html,
                base_url=base_url,
                fetcher=fetcher,
                identifier=f"{brief.id}/{audience}",
                pdf_variant=options.pdf_variant or DEFAULT_VARIANT,
                epoch=epoch if epoch is not None else calendar.timegm(brief.date.timetuple()),
            )
        except RenderError as exc:
            if exc.location is None:  # say which template made the HTML
                exc.location = Location(template_shown)
            raise
        for refused in pdf.refused:
            err = RenderError(
                f"template refused to load {refused}",
                location=Location(template_shown),
                hint="templates may only use files in templates/ or data: URLs; briefkit never goes online",
            )
            if options.strict:
                raise err
            output.warnings.append(err)
        if settings.max_pages and pdf.pages > settings.max_pages:
            err = RenderError(
                f"brief '{brief.id}' for '{audience}' has {pdf.pages} pages; the limit is {settings.max_pages}",
                location=Location(resolved.file),
                hint="shorten the brief, lower max_excerpts, or raise max_pages for this audience",
            )
            if options.strict:
                raise err
            output.warnings.append(err)
        write(output.path, pdf.data, display=output.display)
        output.pages = pdf.pages
        output.size = len(pdf.data)
    else:
        output.path = html_path
        output.display = project.display(html_path)
    if "html" in formats:
        page_recorder = composed.recorder()
        page = templates.render(settings.template, page_recorder.context("html"))
        write(html_path, page.encode(), display=project.display(html_path))
        if recorder is None:
            recorder, printed = page_recorder, page
        if "pdf" not in formats:
            output.size = len(page.encode())
    assert recorder is not None
    prov = {
        "brief": brief.id,
        "audience": audience,
        "template": settings.template,
        "brief_file": resolved.file,
        "sources": {
            sid: {"path": a.path, "sha256": a.content_hash, "title": a.title}
            for sid, a in resolved.articles.items()
        },
        # what the reader sees, in print order: item n is note n
        "items": recorder.items,
        # what the brief has and this output does not show, with the reason
        "omitted": recorder.omitted(printed),
    }
    prov_path = html_path.with_suffix(".provenance.json")
    write(
        prov_path,
        (json.dumps(prov, ensure_ascii=False, indent=2) + "\n").encode(),
        display=project.display(prov_path),
    )


def _assets(project, templates) -> dict[str, str]:
    logo = project.config.organisation.logo
    if not logo:
        return {}
    loc = project.config_yaml.location(("organisation", "logo")) if project.config_yaml else None
    path = project.inside(logo, what="organisation.logo", location=loc)
    if not path.is_file():
        raise ConfigError(
            f"organisation.logo: file {logo!r} not found",
            location=loc,
            hint="give the path of an SVG or PNG file inside the project",
        )
    import base64
    import mimetypes

    mime = mimetypes.guess_type(path.name)[0]
    if mime not in ("image/svg+xml", "image/png", "image/jpeg"):
        raise ConfigError(
            f"organisation.logo: {logo!r} is not an SVG, PNG or JPEG file",
            location=loc,
            hint="use a .svg or .png logo",
        )
    return {"logo": f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()}
