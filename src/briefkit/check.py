"""Check briefs as a build would — schema, sources, quotes, templates, audiences — without rendering."""

from __future__ import annotations

from .errors import BriefkitError


def check_project(
    project, ids: tuple[str, ...] = ()
) -> tuple[list[BriefkitError], list[BriefkitError], int]:
    """Return (problems, warnings, number of briefs checked)."""
    import jinja2

    from .build import audiences_for, load_briefs, missing_template
    from .compose import audience_settings
    from .corpus.load import Corpus
    from .errors import TemplateError
    from .render.env import COMPILE_ERRORS, TemplateSet
    from .resolve import resolve_brief

    briefs, load_errors = load_briefs(project, ids)
    problems = list(load_errors)
    corpus = Corpus(project)
    warnings: list[BriefkitError] = list(corpus.problems)
    templates = TemplateSet(project.templates_dir, project.root)
    checked_templates: set[str] = set()
    for lb in briefs:
        try:
            resolved = resolve_brief(project, corpus, lb.brief, lb.loaded)
            warnings.extend(resolved.warnings)
        except BriefkitError as exc:
            problems.append(exc)
        for audience in audiences_for(project, lb.brief, ()):
            if audience not in project.config.audiences:
                continue  # reported by resolve
            name = audience_settings(project.config, lb.brief, audience).template
            if name in checked_templates:
                continue
            checked_templates.add(name)
            try:
                templates.env.get_template(name)
            except jinja2.TemplateNotFound:
                problems.append(missing_template(project, lb, audience, name))
            except TemplateError as exc:  # e.g. a link out of templates/
                problems.append(exc)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(templates._syntax(exc))
            except COMPILE_ERRORS as exc:
                problems.append(templates.compile_error(name, exc))
    # briefs that failed to load count as checked too ("1 problem in 1 brief")
    from .errors import BriefkitErrors

    loaded = {lb.loaded.file for lb in briefs}
    failed = {
        e.location.file
        for e in BriefkitErrors(load_errors).errors
        if e.location is not None and e.location.file not in loaded
    }
    return problems, warnings, len(briefs) + len(failed)
