from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from briefkit.aliases import load_aliases
from briefkit.corpus.load import Corpus
from briefkit.index import INDEX_FILE, SCHEMA_VERSION, Index, build_query, short_factor
from briefkit.project import Project

SOURCES = {
    "sanctions": [
        "Sanctions policy toward Minsk after the election",
        "The European Union widened its sanctions against the regime in Minsk after the "
        "disputed election, adding dozens of officials to the list of banned travellers.",
        "Critics argued that the sanctions hurt ordinary Belarusians more than the officials "
        "who ordered the crackdown on peaceful protesters.",
        "Lukashenko answered the sanctions by cutting the transit of goods to Lithuania.",
    ],
    "exiles": [
        "Belarusian exiles in Vilnius and Warsaw",
        "Thousands of Belarusian exiles now live in Vilnius and Warsaw, where they run "
        "independent media, schools and volunteer networks for political prisoners.",
        "Tsikhanouskaya leads the democratic forces from her office in Vilnius and meets "
        "European ministers every month to ask for visas for exiles.",
        "Many exiles worry that their passports will expire before they can safely go home.",
    ],
    "energy": [
        "Energy and the nuclear plant at Astravets",
        "The nuclear power plant at Astravets supplies a growing share of the electricity "
        "used in Belarus, and its safety record is a worry for neighbouring Lithuania.",
        "Gas from Russia remains cheap for Belarus, which keeps the energy system tied to "
        "Moscow and weakens any attempt at independent policy.",
    ],
}


def write_source(root: Path, name: str, lines: list[str]) -> Path:
    path = root / "seeds" / f"{name}.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_project(root: Path, sources: dict[str, list[str]] = SOURCES, aliases: str | None = None):
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "briefings").mkdir(exist_ok=True)
    for name, lines in sources.items():
        write_source(root, name, lines)
    if aliases is not None:
        (root / "config").mkdir(exist_ok=True)
        (root / "config" / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return Project.load(root)


def indexed(project: Project) -> Index:
    index = Index.open(project)
    index.update(Corpus(project))
    return index


def ids(hits) -> list[str]:
    return [h.paragraph_id for h in hits]


def pid_of(project: Project, source: str, needle: str) -> str:
    article = Corpus(project).get(source)
    return next(p.id for p in article.paragraphs if needle in p.text)


def test_most_relevant_paragraph_comes_first(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with indexed(project) as index:
        hits = index.search("nuclear plant safety")
        assert hits[0].paragraph_id == pid_of(project, "energy", "Astravets supplies")
        assert hits[0].source_id == "energy"
        assert hits[0].score > 0
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        hits = index.search("political prisoners media")
        assert hits[0].paragraph_id == pid_of(project, "exiles", "independent media")
        assert "prisoners" in hits[0].snippet
        start, end = hits[0].spans[0]
        assert hits[0].text[start:end].lower() in {"political", "prisoners", "media"}


def test_paragraph_reads_text_back(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with indexed(project) as index:
        pid = pid_of(project, "exiles", "passports")
        assert (
            index.paragraph(pid)
            == Corpus(project).get("exiles").paragraph(int(pid.rsplit("/p", 1)[1])).text
        )
        assert index.paragraph("exiles/p999") is None


def test_stemming_and_diacritics_widen_recall(tmp_path: Path) -> None:
    sources = {
        "k": [
            "About the regiment",
            "The Kastuś Kalinoŭski Regiment fights for Ukraine "
            "with volunteers from Belarus and the diaspora.",
        ]
    }
    project = make_project(tmp_path, sources)
    with indexed(project) as index:
        assert len(index.search("kastus kalinouski")) == 1
        assert len(index.search("volunteer fighting")) == 1


def test_headings_are_not_results(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    corpus = Corpus(project)
    with indexed(project) as index:
        for hit in index.search("Astravets sanctions exiles Vilnius Warsaw", top=50):
            index_no = int(hit.paragraph_id.rsplit("/p", 1)[1])
            assert corpus.get(hit.source_id).paragraph(index_no).kind != "heading"


def test_aliases_find_either_spelling(tmp_path: Path) -> None:
    aliases_yaml = "groups:\n  - [Lukashenka, Lukashenko]\n  - [Tsikhanouskaya, Tikhanovskaya]\n"
    project = make_project(tmp_path, aliases=aliases_yaml)
    aliases = load_aliases(project)
    with indexed(project) as index:
        assert index.search("Lukashenka") == []
        hits = index.search("Lukashenka", aliases=aliases)
        assert ids(hits) == [pid_of(project, "sanctions", "transit")]
        hits = index.search("Tikhanovskaya's ministers", aliases=aliases)
        assert hits[0].paragraph_id == pid_of(project, "exiles", "Tsikhanouskaya")
        must = index.search("visas", must=["Tikhanovskaya"], aliases=aliases)
        assert ids(must) == [pid_of(project, "exiles", "Tsikhanouskaya")]


def test_source_filter(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with indexed(project) as index:
        assert {h.source_id for h in index.search("Lithuania")} == {"sanctions", "energy"}
        hits = index.search("Lithuania", sources=["energy"])
        assert ids(hits) == [pid_of(project, "energy", "Astravets supplies")]
        assert index.search("Lithuania", sources=["exiles"]) == []
        assert index.search("Lithuania", sources=[]) == []


def test_must_terms_are_required(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with indexed(project) as index:
        assert len(index.search("Belarus exiles sanctions", top=20)) > 2
        hits = index.search("Belarus exiles sanctions", must=["officials"])
        assert {h.source_id for h in hits} == {"sanctions"}
        assert len(hits) == 2
        assert index.search("sanctions", must=["officials", "Vilnius"]) == []
        # A must term alone is a query too; a quoted phrase must match whole.
        assert len(index.search("", must=["peaceful protesters"])) == 1
        assert index.search('"protesters peaceful"') == []


def test_top_limits_and_order_is_deterministic(tmp_path: Path) -> None:
    same = "Identical words about the border crossing at Kuźnica and the long queues of trucks."
    sources = {f"s{n}": ["A title for this one", same] for n in (3, 1, 2)}
    project = make_project(tmp_path, sources)
    with indexed(project) as index:
        hits = index.search("border queues trucks")
        assert [h.source_id for h in hits] == ["s1", "s2", "s3"]
        assert len({h.score for h in hits}) == 1
        assert len(index.search("border queues trucks", top=2)) == 2


def test_short_paragraphs_do_not_dominate(tmp_path: Path) -> None:
    sources = {
        "a": ["A title for the caption", "Sanctions, sanctions and sanctions again."],
        "b": [
            "A title for the analysis",
            "The new sanctions target potash exports, the largest source of hard currency "
            "for the state, and the sanctions also close the airspace to Belavia flights.",
        ],
        **SOURCES,
    }
    project = make_project(tmp_path, sources)
    with indexed(project) as index:
        hits = index.search("sanctions")
        by_source = {h.source_id: h for h in hits}
        order = [h.source_id for h in hits]
        assert order.index("b") < order.index("a")
        # Plain BM25 would have put the five-word paragraph first.
        assert by_source["a"].score / short_factor(5) > by_source["b"].score
        # Both ways of ranking (all sources, or some) agree.
        # (SQLite sums BM25 terms in whatever order its plan gives: the last bit may differ)
        some = index.search("sanctions", sources=["a", "b", "sanctions"])
        assert [(h.paragraph_id, h.spans) for h in some] == [
            (h.paragraph_id, h.spans) for h in hits
        ]
        assert [h.score for h in some] == pytest.approx([h.score for h in hits], rel=1e-9)


@pytest.mark.parametrize(
    "query",
    ["NEAR(a b)", "sanctions OR", '"unbalanced', "col:umn", "a* -b ^c", "AND", "((", "'"],
)
def test_user_text_never_breaks_the_query(tmp_path: Path, query: str) -> None:
    project = make_project(tmp_path)
    with indexed(project) as index:
        index.search(query)
        index.search("sanctions", must=[query])


def test_build_query_quotes_every_token() -> None:
    assert build_query("the sanctions NEAR col:umn*") == '("sanctions" OR "NEAR" OR "col" OR "umn")'
    assert build_query('say "Lukashenka\'s regime"') == '("say" OR "Lukashenka s regime")'
    assert build_query("the", must=["EU visas"]) == '"the" AND "EU visas"'
    assert build_query("  ") is None


def test_incremental_update(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with Index.open(project) as index:
        first = index.update(Corpus(project))
        assert (first.added, first.changed, first.removed, first.unchanged) == (3, 0, 0, 0)
        again = index.update(Corpus(project))
        assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 3)

        # New bytes: only that source is indexed again.
        lines = [*SOURCES["energy"], "A new paragraph about peat briquettes for winter heating."]
        write_source(tmp_path, "energy", lines)
        stats = index.update(Corpus(project))
        assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (0, 1, 0, 2)
        assert ids(index.search("peat briquettes")) == [pid_of(project, "energy", "peat")]

        # Same bytes, new mtime: hashed, found unchanged.
        path = tmp_path / "seeds" / "exiles.txt"
        os.utime(path, ns=(1, 1))
        stats = index.update(Corpus(project))
        assert (stats.changed, stats.unchanged) == (0, 3)

        # A removed source disappears; a new one is added.
        (tmp_path / "seeds" / "sanctions.txt").unlink()
        write_source(
            tmp_path, "grain", ["Grain exports", "Grain exports through Klaipeda stopped."]
        )
        stats = index.update(Corpus(project))
        assert (stats.added, stats.changed, stats.removed, stats.unchanged) == (1, 0, 1, 2)
        assert index.search("officials") == []
        assert index.paragraph(pid_of(project, "exiles", "passports")) is not None
        assert index.source_ids() == ["energy", "exiles", "grain"]


def test_corrupt_file_is_rebuilt(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    indexed(project).close()
    path = project.cache_dir / INDEX_FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database at all\x00\xff" * 200)
    with Index.open(project) as index:
        stats = index.update(Corpus(project))
        assert stats.rebuilt
        assert stats.added == 3
        assert index.search("nuclear")[0].source_id == "energy"


def test_other_schema_version_is_rebuilt(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    indexed(project).close()
    con = sqlite3.connect(project.cache_dir / INDEX_FILE)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with Index.open(project) as index:
        stats = index.update(Corpus(project))
        assert stats.rebuilt
        assert (stats.added, stats.unchanged) == (3, 0)
    with Index.open(project) as index:
        stats = index.update(Corpus(project))
        assert not stats.rebuilt
        assert stats.unchanged == 3


def test_interrupted_update_keeps_the_previous_index(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    indexed(project).close()
    write_source(tmp_path, "energy", ["Energy", "Peat briquettes are the new fuel of the winter."])

    class Broken(Corpus):
        def build(self, source_id):
            raise KeyboardInterrupt

    with Index.open(project) as index, pytest.raises(KeyboardInterrupt):
        index.update(Broken(project))
    with Index.open(project) as index:
        assert index.search("nuclear")[0].source_id == "energy"
        assert index.search("peat") == []
        assert index.update(Corpus(project)).changed == 1


def _update_in_process(root: str) -> tuple[int, int]:
    project = Project.load(Path(root))
    with Index.open(project) as index:
        stats = index.update(Corpus(project))
        return stats.added, stats.unchanged


def test_two_processes_updating_at_once(tmp_path: Path) -> None:
    sources = {
        f"src{n:03d}": [
            f"Title number {n}",
            *[
                f"Paragraph {m} of source {n} says something about sanctions and exiles."
                for m in range(20)
            ],
        ]
        for n in range(60)
    }
    make_project(tmp_path, sources)
    # fork: the workers need nothing from this module but the function itself.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        results = pool.map_async(_update_in_process, [str(tmp_path)] * 2).get(timeout=120)
    # One process indexed everything; the other waited and found nothing to do.
    assert sorted(results) == [(0, 60), (60, 0)]
    project = Project.load(tmp_path)
    with Index.open(project) as index:
        count = index.con.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        expected = sum(len(a.paragraphs) for a in Corpus(project).articles())
        assert count == expected
        assert index.update(Corpus(project)).unchanged == 60


def test_a_long_paragraph_beyond_the_first_candidates_still_wins(tmp_path: Path) -> None:
    # 80 captions outrank the long paragraph on plain BM25; scaled down, they do not.
    sources = {
        f"cap{n:02d}": ["Caption title here", "Potash potash potash potash."] for n in range(80)
    }
    sources["long"] = [
        "The long one",
        "Potash is the largest export of Belarus, and the state potash company sells it "
        "through Lithuanian ports until the sanctions closed that route for good.",
    ]
    project = make_project(tmp_path, sources)
    with indexed(project) as index:
        hits = index.search("potash", top=3)
        assert hits[0].source_id == "long"
        assert [h.source_id for h in hits[1:]] == ["cap00", "cap01"]


def test_very_common_words_are_left_out_of_long_queries(tmp_path: Path, monkeypatch) -> None:
    import briefkit.index as index_module

    monkeypatch.setattr(index_module, "COMMON_TERM_MIN_PARAGRAPHS", 1)
    monkeypatch.setattr(index_module, "COMMON_TERM_RATIO", 0.3)
    project = make_project(tmp_path)
    with indexed(project) as index:
        assert index.is_common("Belarusian") is False
        assert index.is_common("the") is True
        assert build_query("Minsk Belarus", is_common=index.is_common) == '("Minsk" OR "Belarus")'
        sources = {
            f"b{n}": ["Title words here", f"Belarus news item {n} about the weather today."]
            for n in range(10)
        }
        for name, lines in sources.items():
            write_source(tmp_path, name, lines)
        index.update(Corpus(project))
        assert index.is_common("Belarus") is True
        assert build_query("Minsk Belarus", is_common=index.is_common) == '"Minsk"'
        assert build_query("Belarus", is_common=index.is_common) == '"Belarus"'
