"""Key figures: numeric facts found in the sources, each tied to its sentence.

A figure is more than a number. It is a ``value`` exactly as written ("1,100",
"97%", "€2.3 billion", "between 21 and 23 years"), the ``qualifier`` the source
puts with it ("more than", "believed to exceed", "no longer than", "up to"), a
``unit``, a ``label`` naming what is counted and, where the sentence gives one,
a ``scope`` (a date, a place, an event). Label and scope are made only of the
source's own words (words may be dropped, never added), so the box that prints
"more than 1,100 — Belarusians detained — anti-war rallies on February 27th
and 28th 2022" says nothing its source does not.

Rules and small word lists, not a model. Numbers that are not quantities
(years and dates, ordinals, clock times, flight, page and version numbers,
scores, names such as "COVID-19") are found and marked ineligible. A number
whose label cannot be made meaningful ("figure risen", "ago", a bare place
name for a percentage) is never chosen for a box; neither is one in a
sentence that points back ("As a result, …") unless the sentence before it
says when, where or at what event the number holds.

:func:`figures_in_sentence` is the whole analysis of one sentence (a held-out
benchmark scores it); :func:`find_figures` runs it over articles and ranks;
:func:`qualifier_dropped` checks curated figures against their quotes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .corpus.model import Article, Sentence
from .textstats import STOP_WORDS, stem, words

__all__ = [
    "Candidate",
    "Figure",
    "display",
    "figures_in_sentence",
    "find_figures",
    "qualifier_dropped",
]

# Kinds of number. Quantities can be chosen for a box; the rest never are.
QUANTITY_KINDS = frozenset(["count", "percent", "money", "range", "duration", "measure"])


@dataclass(frozen=True)
class Candidate:
    """One number in one sentence, with everything the box would print about it.

    ``start``/``end`` are offsets of ``value`` in the sentence. ``kind`` is a
    quantity kind (``QUANTITY_KINDS``) or what the number is instead ("year",
    "date", "time", "ordinal", "id", "name", "score", "age", "period", "ago",
    "total", "baseline", "conversion"). ``reason`` says why a candidate is not
    eligible ("" when it is). ``from_previous``: the label or scope was taken
    from the previous sentence. ``qualifier_after``: the qualifier follows the
    value ("1,000 or more", "100+").
    """

    value: str
    qualifier: str
    unit: str
    label: str
    scope: str
    eligible: bool
    kind: str = "count"
    start: int = 0
    end: int = 0
    reason: str = ""
    from_previous: bool = False
    qualifier_after: bool = False

    @property
    def display(self) -> str:
        return display(self.value, self.qualifier, self.qualifier_after)


@dataclass(frozen=True)
class Figure:
    """A chosen figure, tied to the sentence (and article offsets) stating it."""

    value: str  # exactly as written: a substring of sentence.text
    label: str  # a noun phrase from the source's own words
    source_id: str
    paragraph_id: str
    sentence: Sentence
    start: int  # offsets of value in Article.text
    end: int
    qualifier: str = ""  # as written in the sentence: "more than", "up to"; "" if none
    unit: str = ""  # "%", "EUR", "years", …; "" for a plain count
    scope: str = ""  # when, where or at what event, from the source's words
    context: Sentence | None = None  # the previous sentence, when scope or label came from it
    kind: str = "count"
    qualifier_after: bool = False  # "1,000 or more": the qualifier follows the value

    @property
    def display(self) -> str:
        """The number as the box prints it: never without its qualifier."""
        return display(self.value, self.qualifier, self.qualifier_after)


def display(value: str, qualifier: str, after: bool = False) -> str:
    """A number with its qualifier, in the source's order: "more than 1,100", "200+"."""
    if not qualifier:
        return value
    if after:
        return f"{value}{qualifier}" if qualifier == "+" else f"{value} {qualifier}"
    return f"{qualifier} {value}"


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_NUM_EN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Elsewhere "1 445", "1.445" and "12,5" are common.
_NUM_INTL = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
)
_SCALE = (
    r"(?:\s?(?:bn|mn|m|k|tn)\b|\s(?:billion|million|thousand|trillion|"
    r"млн|млрд|трлн|тыс|тысяч[а-яё]*|миллион[а-яё]*|миллиард[а-яё]*|мільйон[а-яіїє]*|"
    r"мільярд[а-яіїє]*|тисяч[а-яіїє]*|мільён[а-яў]*|тысяч|mln|mld|mlrd|tys|"
    r"Mio|Mrd|Millionen|Million|Milliarden|Milliarde|Tsd|millions?|milliards?)\b)"
)
_CUR_BEFORE = r"(?:US\$|C\$|A\$|HK\$|NZ\$|[$€£¥₽₴]|(?:USD|EUR|GBP|RUB|BYN|UAH|PLN|CHF|JPY|CNY)\s?)"
_CUR_AFTER = (
    r"(?:\s?(?:€|\$|zł|₽|₴)|\s(?:euros?|dollars?|pounds?(?!\s+of\b)|roubles?|rubles?|yuan|yen|pence|"
    r"cents|"
    r"zlotys?|złotych|złote|hryvnias?|francs|руб(?:л[а-яё]*)?|долл(?:ар[а-яё]*)?|евро|"
    r"гривен[ья]?|гривн[а-яіїє]*|грн|рублёў|рублі|долар[а-яіїє]*|Euro|USD|EUR|GBP|RUB|BYN|"
    r"UAH|PLN|CHF)\b)"
)
_TIME = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|"
    r"лет|года?|годы|месяц[а-яё]*|недел[а-яё]*|дн[а-яё]*|день|сут[а-яё]*|час[а-яё]*|"
    r"минут[а-яё]*|рок[а-яіїє]*|рік|місяц[а-яіїє]*|тиж[а-яіїє]*|годин[а-яіїє]*|"
    r"гадоў|гады|гадоу|месяц[а-яў]*|тыдн[а-яў]*|дзён|гадзін[а-яў]*|"
    r"lat|lata|roku|rok|miesi[a-ząęóśćżźńł]+|tygodni[a-ząęóśćżźńł]*|dni|dzień|godzin[a-ząęółśćżźń]*|"
    r"Jahre?n?|Monate?n?|Wochen?|Tage?n?|Stunden?|Minuten|"
    r"ans|années?|mois|semaines?|jours?|heures?)"
)
_PCT = (
    r"(?:\s?%|\s(?:per\s?cent|percent|percentage\spoints?|"
    r"процент[а-яё]*|відсот[а-яіїє]*|працэнт[а-яў]*|procent[a-ząęóśćżźńł]*|proc\.|"
    r"Prozent|Prozentpunkte|pour\s?cent|pourcent)\b)"
)
_MEASURE = (
    r"(?:\s?(?:km²|km2|sq\s?km|km/h|mph|km|kg|MW|GW|TWh|GWh|kWh|mm|cm)\b|\s?°[CF]?|"
    r"\s(?:kilometres?|kilometers?|miles?|metres?|meters?|kilograms?|tonnes?|tons?|"
    r"hectares?|acres?|barrels?|litres?|liters?|gallons?|ounces?|feet|foot|inches|"
    r"square\s(?:miles|kilometres|kilometers|metres|meters|feet|foot)"
    r"|километр[а-яё]*|км|кг|тонн[а-яё]*|гектар[а-яё]*)\b)"
)


def _figure_regex(num: str, ranges: bool = True) -> re.Pattern[str]:
    amount = rf"{_CUR_BEFORE}?(?:{num}){_SCALE}?(?:{_PCT}|{_CUR_AFTER})?"
    # "between 250 euros (£173) and 600 euros": a conversion may stand inside
    conv = r"(?:\s\([^()]{1,30}\))?"
    between = r"(?:between|между|між|паміж|między|zwischen|entre)"
    and_ = r"(?:and|и|і|та|a|und|et|i)"
    from_ = r"(?:from|от|від|ад|od|von|de)"
    to_ = r"(?:to|до|да|do|bis|à)"
    range_ = (
        rf"""(?P<range>{between}\s{amount}{conv}\s{and_}\s{amount}(?:\s{_TIME}|{_MEASURE})?
              | {from_}\s{amount}\s{to_}\s{amount}(?:\s{_TIME}|{_MEASURE})?
              | {amount}\s?(?:–|—|-|\sto\s){amount}(?:\s{_TIME}|{_MEASURE})?) |"""
        if ranges
        else ""
    )
    return re.compile(
        rf"""(?<![\w.,/:#№\[-])(?:
            {range_}
            (?P<money>{_CUR_BEFORE}(?:{num}){_SCALE}? | (?:{num}){_SCALE}?{_CUR_AFTER})
          | (?P<percent>(?:{num}){_PCT})
          | (?P<duration>(?:{num})\s{_TIME})
          | (?P<measure>(?:{num}){_SCALE}?{_MEASURE})
          | (?P<count>(?:{num}){_SCALE}?)
        )(?![\w%²]|[.,]\d|[-–:/]\w)""",
        re.VERBOSE | re.IGNORECASE,
    )


@lru_cache(maxsize=4)
def _figures_regex(lang: str, ranges: bool = True) -> re.Pattern[str]:
    """The number pattern for English or other languages, compiled when first needed
    (each takes tens of milliseconds to compile; a brief in English never needs the
    other, and a build that shows no figure needs neither)."""
    return _figure_regex(_NUM_EN if lang == "en" else _NUM_INTL, ranges=ranges)


# Anything else with a digit in it: "COVID-19", "10:30", "27th", "G7", "1990s".
_OTHER_NUMBER = re.compile(r"[\w$€£#№+/:.,-]*\d[\w%/:.,+-]*")

_MONTHS_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTHS_OTHER = (
    r"январ[а-яё]*|феврал[а-яё]*|март[а-яё]*|апрел[а-яё]*|ма[йяе]|июн[а-яё]*|июл[а-яё]*|"
    r"август[а-яё]*|сентябр[а-яё]*|октябр[а-яё]*|ноябр[а-яё]*|декабр[а-яё]*|"
    r"січ[а-яіїє]*|лют[а-яіїєо]*|берез[а-яіїє]*|квіт[а-яіїє]*|трав[а-яіїєо]*|черв[а-яіїє]*|"
    r"лип[а-яіїє]*|серп[а-яіїє]*|верес[а-яіїє]*|жовт[а-яіїє]*|листопад[а-яіїє]*|груд[а-яіїє]*|"
    r"студз[а-яў]*|сакав[а-яў]*|красав[а-яў]*|чэрв[а-яў]*|ліп[а-яў]*|жнів[а-яў]*|верас[а-яў]*|"
    r"кастрыч[а-яў]*|лістапад[а-яў]*|снеж[а-яў]*|"
    r"stycznia|styczeń|lutego|luty|marca|marzec|kwietnia|kwiecień|maja|czerwca|czerwiec|"
    r"lipca|lipiec|sierpnia|sierpień|września|wrzesień|października|październik|listopada|"
    r"grudnia|grudzień|"
    r"januar|februar|märz|april|mai|juni|juli|oktober|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_MONTH = rf"(?:{_MONTHS_EN}|{_MONTHS_OTHER})\b\.?"
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_DATE_AFTER = re.compile(
    rf"^(?:st|nd|rd|th|-?го|-?ого)?\.?(?:\s+(?:of\s+)?{_MONTH})(?!\w)", re.IGNORECASE
)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|-?й|-?го|-?я|-?ий|-?і|-?ы|\.\s+(?=[a-zäöüß]))\b")
_CLOCK_AFTER = re.compile(
    r"^\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|BST|CET|EST|CEST|MSK)\b", re.IGNORECASE
)
_AGO_AFTER = re.compile(r"^\s*(?:ago|earlier|later|назад|тому|таму|temu|zuvor|auparavant)\b")
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age|ages|age of|aged between|aged \w+ to|under-|over-|возрасте|wieku|Alter von)\s*$"
    r"|\b(?:children|kids|adults|youths?|teens|teenagers|people)\s*\(\s*(?:under|over|aged)?\s*$",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:past|last|previous|next|coming|first|final|recent|following|"
    r"последние|последних|ближайшие|апошнія|останні|ostatnie|ostatnich|letzten|derniers|dernières)\s+$",
    re.IGNORECASE,
)
_ADDRESS_AFTER = re.compile(
    r"^\s+[A-Z][\w'-]*\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Place|Drive|Way)\b"
)
# Words after which a number is a name or an address, not a quantity.
_ID_WORDS = frozenset(
    """flight no no. nr nr. n° number nos page pages p. pp. route bus room article articles
    art. section chapter paragraph para case code id version v model resolution amendment item
    line platform gate seat channel ward district zone unit road street highway tel phone fax
    box lot order decree law protocol regulation directive rule act bill motorway interstate
    level tier grade class category stage step phase round week matchday episode season
    series volume vol. issue edition figure fig. table chart appendix annex clause schedule
    psalm verse rule covid windows iphone ios android formula ftse dax nasdaq nikkei cac
    fortune s&p russell stoxx ibex dow euro
    boeing airbus f- su- mig- top group type category tier league division zone
    туры рейс статья статьи пункт №""".split()
)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_SPORT_AFTER = re.compile(
    r"^\s+(?:hurdles?|title|race|freestyle|sprint|finals?|record|relay|dash|butterfly|"
    r"breaststroke|backstroke|medley|champion\w*|gold|silver|bronze|run|swim|event|heats?|"
    r"semi-finals?|steeplechase|individual|crown|winner|runner|specialist|mark)\b",
    re.IGNORECASE,
)
_SPORT_BEFORE = re.compile(r"\b(?:men's|women's|men’s|women’s|olympic|indoor|outdoor|at)\s+$", re.I)


# ---------------------------------------------------------------------------
# Qualifiers
# ---------------------------------------------------------------------------

_Q_EN = """between|every|once every|more than|less than|fewer than|greater than|higher than|
larger than|bigger than|lower than|longer than|shorter than|over|under|above|below|almost|
nearly|about|around|approximately|approx\\.|roughly|some|circa|ca\\.|c\\.|at least|at most|
up to|as many as|as much as|as few as|as little as|as high as|as low as|as long as|
in excess of|upwards of|
close to|a maximum of|a minimum of|maximum of|minimum of|an estimated|estimated at|
estimated|put at|within|an average of|average of|an additional|a further|another|
an extra|no more than|no less than|no fewer than|no longer than|no later than|
no shorter than|no greater than|no higher than|no lower than|no sooner than|not more than|
not less than|not fewer than|not longer than|not exceeding|not to exceed|not exceed|never more than|
exceeds|exceeded|exceeding|exceed|topped|tops|surpassed|surpassing|surpasses|
in the region of|of the order of|on the order of|the best part of|well over|well under|
well above|well below|just over|just under|just above|just below|nearly|
slightly more than|slightly less than|slightly over|slightly under|slightly above|
slightly below|a little over|a little under|a little more than|a little less than|
far more than|far fewer than|far less than|much more than|many more than|well in excess of|
roughly|an approximate|approximate|~|≈|<|>|≤|≥|<=|>="""
_Q_RU = """более чем|более|больше чем|больше|свыше|около|почти|примерно|приблизительно|порядка|
чуть более|чуть больше|чуть менее|чуть меньше|немногим более|не менее чем|не менее|
не более чем|не более|не меньше|не больше|не дольше|менее чем|менее|меньше|до|как минимум|
минимум|максимум|по меньшей мере|по крайней мере|по оценкам|по разным оценкам|
предположительно|ориентировочно|превышает|превысило|превысила|превысил|превысит|
превышать|может превышать|может достигать|ещё|еще|в среднем|около"""
_Q_BE = """больш за|больш чым|больш як|болей за|больш|звыш|каля|амаль|прыблізна|блізу|
не менш за|не менш чым|не менш|не больш за|не больш чым|не больш|менш за|менш чым|менш|
да|прынамсі|па меншай меры|як мінімум|мінімум|максімум|перавышае|перавысіла|перавысіў|
перавысіць|яшчэ|у сярэднім|па ацэнках"""
_Q_UK = """понад|більше ніж|більш ніж|більше за|більш як|більше|більш|близько|майже|приблизно|
орієнтовно|до|щонайменше|не менше ніж|не менш ніж|не менше за|не менше|не більше ніж|
не більш ніж|не більше за|не більше|менше ніж|менш ніж|менше за|менше|принаймні|як мінімум|
мінімум|максимум|щонайбільше|перевищує|перевищила|перевищило|перевищив|ще|в середньому|
за оцінками"""
_Q_PL = """ponad|przeszło|więcej niż|ok\\.|około|blisko|niemal|prawie|do|co najmniej|
przynajmniej|nie więcej niż|nie mniej niż|nie dłużej niż|mniej niż|poniżej|powyżej|
szacunkowo|maksymalnie|minimalnie|niespełna|najwyżej|jeszcze|kolejne|kolejnych|aż|
przekracza|przekroczyła|przekroczył|przekroczyło|średnio|szacuje się na"""
_Q_DE = """mehr als|über|rund|etwa|ca\\.|circa|zirka|fast|beinahe|nahezu|knapp|gut|bis zu|
mindestens|wenigstens|höchstens|maximal|weniger als|unter|nicht mehr als|nicht weniger als|
nicht länger als|geschätzt|geschätzte|geschätzten|schätzungsweise|annähernd|ungefähr|
weit über|weitere|weiteren|durchschnittlich|im Schnitt|überschreitet|übersteigt"""
_Q_FR = """plus de|plus d'|plus d’|près de|près d'|près d’|presque|environ|d'environ|d’environ|
quelque|au moins|jusqu'à|jusqu’à|moins de|moins d'|moins d’|pas plus de|au plus|
au maximum|au minimum|autour de|quasiment|approximativement|un peu plus de|un peu moins de|
plus que|au-delà de|pas moins de|pas plus longtemps que|dépasse|dépassent|dépasser|
estimé à|estimée à|estimés à|estimées à|en moyenne|encore"""

_Q_BY_LANG = {
    "en": _Q_EN,
    "ru": _Q_RU,
    "be": _Q_BE,
    "uk": _Q_UK,
    "pl": _Q_PL,
    "de": _Q_DE,
    "fr": _Q_FR,
}
# Short words that are "up to" in one language but a plain preposition when a
# number stands just before them ("с 5% до 7%", "od 5 do 7").
_Q_NEEDS_NO_NUMBER_BEFORE = frozenset(["до", "да", "do", "to", "bis"])
# Said before a projection: "believed to exceed", "could reach", "expected to top".
_LEADIN = (
    r"(?:(?:(?:widely|generally|now|still)\s+)?(?:believed|thought|estimated|expected|likely|"
    r"said|reported|feared|projected|forecast|set|understood|known|predicted|due|poised|"
    r"on\s+track|on\s+course)\s+to\s+(?:have\s+)?(?:be\s+)?|"
    r"(?:could|may|might|will|would|can|should|must|shall)\s+(?:not\s+)?(?:now\s+)?(?:be\s+)?|"
    r"(?:is|are|was|were)\s+(?:estimated|thought|believed)\s+at\s+)"
)
_PROJECTION = (
    r"reach|hit|top|exceed|surpass|total|number|rise\s+to|fall\s+to|grow\s+to|climb\s+to|"
    r"increase\s+to|drop\s+to|double\s+to|amount\s+to|be"
)
_Q_ADVERB = (
    r"(?:just|well|slightly|far|much|a\s+little|a\s+bit|somewhat|significantly|considerably|"
    r"substantially|marginally|comfortably|easily|already|now|still|currently)\s+"
)
_Q_AFTER = re.compile(
    r"^(?:\+|-plus\b|\s+plus\b|\s+(?:or|and)\s+(?:more|over|above|upwards|higher|greater|longer|"
    r"fewer|less|under|below|so|counting)\b|\s+at\s+(?:least|most)\b|\s+или\s+больше|"
    r"\s+и\s+более|\s+і\s+больш|\s+і\s+більше|\s+lub\s+więcej|\s+und\s+mehr|\s+ou\s+plus)",
    re.IGNORECASE,
)


def _alternation(spec: str) -> str:
    items = {p.strip() for p in spec.replace("\n", "").split("|") if p.strip()}
    # longest first, so "more than" wins over "more"
    ordered = sorted(items, key=lambda p: (-len(p), p))
    return "|".join(p.replace(" ", r"\s+") for p in ordered)


@lru_cache(maxsize=16)
def _qualifier_regex(lang: str) -> re.Pattern[str]:
    langs = [lang] if lang in _Q_BY_LANG else list(_Q_BY_LANG)
    specs = [_Q_EN] + [_Q_BY_LANG[x] for x in langs if x != "en"]
    cores = _alternation("|".join(specs))
    return re.compile(
        rf"(?:(?<=[\s(“\"'«„‘,;:–—])|^)(?P<q>(?:{_LEADIN})?(?:{_Q_ADVERB})?(?:{cores})(?:\s+(?:a|an))?"
        rf"|{_LEADIN}(?:{_PROJECTION}))\s*$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=16)
def _qualifier_last_words(lang: str) -> frozenset[str]:
    """The words a qualifier can end with: a cheap test before the big regex."""
    langs = [lang] if lang in _Q_BY_LANG else list(_Q_BY_LANG)
    specs = [_Q_EN] + [_Q_BY_LANG[x] for x in langs if x != "en"]
    out = {"a", "an", "reach", "hit", "top", "exceed", "surpass", "total", "number", "to", "be"}
    for spec in specs:
        for item in spec.replace("\n", "").split("|"):
            item = item.strip().replace("\\", "")
            if item:
                out.add(item.split()[-1].lower())
    return frozenset(out)


def _qualifier_before(text: str, s: int, lang: str) -> tuple[int, str]:
    """(start, qualifier as written) for the words right before offset ``s``."""
    tail = text[max(0, s - 30) : s].rstrip()
    last = tail.split()[-1].lower() if tail.split() else ""
    if not last or not (
        last in _qualifier_last_words(lang)
        or last[-1] in "~≈<>≤≥'’"
        or last.lstrip("(\"“'«„‘") in _qualifier_last_words(lang)
    ):
        return s, ""
    window_start = max(0, s - 80)
    m = _qualifier_regex(lang).search(text[window_start:s])
    if not m:
        return s, ""
    q = m.group("q")
    qs = window_start + m.start("q")
    low = q.lower()
    if low in _Q_NEEDS_NO_NUMBER_BEFORE and re.search(r"\d", text[max(0, qs - 16) : qs]):
        return s, ""
    # "to reach 5,000" without a lead-in is not a qualifier (the regex needs one)
    return qs, _as_written(text, qs, q)


def _as_written(text: str, qs: int, q: str) -> str:
    q = re.sub(r"\s+", " ", q.strip())
    # "More than 1,100 …": lower-case only the capital a sentence start gave it
    at_start = not text[:qs].strip(" \"'“‘(«„")
    if (
        q
        and q[0].isupper()
        and at_start
        and not q.isupper()
        and (len(q) == 1 or not q[1].isupper())
    ):
        q = q[0].lower() + q[1:]
    return q


def _qualifier_after(text: str, e: int) -> tuple[int, str]:
    m = _Q_AFTER.match(text[e:])
    if not m:
        return e, ""
    return e + m.end(), re.sub(r"\s+", " ", m.group(0).strip())


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def _ws(spec: str | list[str]) -> frozenset[str]:
    return frozenset(spec.split() if isinstance(spec, str) else spec)


# Function words (not textstats.STOP_WORDS: that list also holds "new", "one",
# "told", which can be part of what is counted: "190,000 new jobs").
_FUNCTION = _ws(
    """a an the and or but nor if then else than that this these those there here it its
    is are was were be been being am has have had do does did will would shall should can
    could may might must not no yes so as at by for from in into of off on onto out over
    to up upon with within without about above after again against all also although among
    any because before behind below between both during each either even ever every few
    further he her hers him his how however i me my mine we us our ours you your yours she
    they them their theirs what when where whether which while who whom whose why yet very
    via per own same such too just only other others another more most much many some
    several whereas though until unless since once thus hence therefore toward towards
    across through throughout including despite amid amongst beyond near like due"""
)
_DETERMINERS = _ws(
    "the a an this that these those its their his her our my your whose such any each every "
    "all both either neither no"
)
_QUANTIFIERS = _ws(
    "some many several most few numerous various other more less much lots plenty certain "
    "additional further extra another only just total"
)
_PRONOUNS = _ws(
    "it they this these that those he she we i you which who whom them there one ones him her "
    "us me itself themselves what others another something anything everything nothing "
    "everyone someone anyone everybody somebody"
)
_PREPOSITIONS = _ws(
    "of in on at for from to by with across among amongst over under during since after before "
    "between into within per than through throughout around about against via without like "
    "including amid despite toward towards upon onto off out beyond below above behind "
    "following inside outside near versus vs"
)
_CONJUNCTIONS = _ws(
    "and or but nor yet so while whereas although though because as if when where which who "
    "whom whose that whether until unless once"
)
_AUX = _ws(
    "is are was were be been being am has have had do does did will would shall should can "
    "could may might must"
)
_REPORTING_VERBS = _ws(
    """said says say told tells tell reported reports added adds noted notes claimed claims
    announced announces estimated estimates believes believe believed expects expect expected
    forecast forecasts thinks think thought warned warns confirmed confirms revealed reveals
    showed shows found finds suggests suggest suggested predicted predicts argued argues
    stated states insisted insists admitted admits"""
)
_VERBS = _REPORTING_VERBS | _ws(
    """went go goes gone came come comes took take takes taken got get gets made make makes saw
    see sees seen gave give gives given won win wins lost lose loses paid pay pays spent spend
    spends cost costs earned earn earns raised raise raises received receive receives own owns
    hold holds held keep keeps kept left leave leaves live lives lived work works worked face
    faces faced account accounts accounted represent represents represented totalled totaled
    totals numbered exceeded exceeds topped tops surpassed reach reaches reached hit hits rose
    risen fell fallen grew grow grows grown shrank shrink shrinks shrunk slid slides
    dropped climbed climbs jumped soared soars plunged plunges slumped slumps
    doubled doubles tripled halved include includes included contain contains contained
    involve involves involved need needs needed want wants wanted
    plan plans planned voted supports supported oppose opposes opposed
    agree agrees agreed knew known employ employs employed
    show shown find die dies died fled flee flees killed kill kills remain remains remained
    stand stands stood became become becomes began begin begins begun run runs ran sold sell
    sells bought buy buys built build builds put puts set sets let lets mean means meant led
    leads brought bring brings wrote write writes written spoke speak speaks sent send sends
    fought fight fights caught catch catches chose choose chooses felt feel feels heard hear
    hears met meet meets serve serves served attend attends attended
    increased decreased declined pledged pledges invested invests promised promises
    allocated allocates earmarked approved approves registered recorded arrested detained
    injured wounded displaced jailed sentenced imprisoned protested demonstrated participated
    gained submitted submits happened happens occur occurs occurred signed signs joined joins
    returned returns carried carries produced produces scored scores slowed slows eased
    eases hopes hoped aims aimed wanted seeks sought depend depends depended rely relies
    relied posted posts reported saw continues continued remains used uses use start starts
    started begin cite cites cited stay stays stayed last lasts lasted wait waits waited"""
)
# After a number, these are nouns: "a 5% rise", "a 2% cut in rates".
_NOUN_VERBS = _ws(
    """rise rises fall falls increase increases decrease decreases drop drops cut cuts gain
    gains loss losses jump jumps decline declines climb surge stake share shares vote votes
    win wins deal deals hike hikes raise pay cost costs spend return returns run runs plan
    plans change changes record lead rate rates need needs support work face fine fines
    sentence sentences offer offers bid bids claim claims demand demands estimate estimates
    forecast forecasts target targets limit limits cap caps show shows sale sales"""
)
_PARTICIPLES = _ws(
    """held hurt taken given kept sent shot lost made caught seen found put sold built
    born fled dead missing killed arrested detained injured wounded displaced jailed
    sentenced imprisoned released freed convicted charged deported evacuated affected
    employed hired sacked fired cut created stranded trapped rescued infected vaccinated
    tested admitted hospitalised hospitalized registered recorded reported elected chosen
    identified questioned interviewed surveyed polled shortlisted nominated needed
    accumulated announced expected planned proposed"""
)
# "50 people died", "6,700 Belarusians participated": what those counted did
_INTRANSITIVE = _ws(
    "died fled survived resigned protested participated gathered marched demonstrated voted "
    "escaped disappeared returned emigrated remained"
)
# "arrested 224 people": done to the people counted
_ACTION_VERBS = _ws(
    "added axed shed hired cut created lost arrested detained killed injured wounded displaced "
    "evacuated deported jailed sentenced freed released rescued infected employed sacked"
)
_NOT_VERB_ED = _ws(
    "hundred need seed speed feed shed weed greed breed creed bred bed red united kindred "
    "sacred naked wicked rugged ragged aged beloved learned wretched deed embed bled led fled "
    "indeed"
)
_ING_NOUNS = _ws(
    """funding housing spending building meeting training earnings savings holdings
    shootings bombings killings beatings hearings findings bookings sightings listings
    filings offerings buildings meetings warnings rankings ratings readings wedding
    clothing lending borrowing pricing trading shipping banking mining farming fishing
    marketing advertising polling voting screening testing thing things king wing ring
    spring string evening morning feeling ceiling nothing something anything everything
    sibling pudding darling during bring""".split()
)
_LY_NOUNS = _ws(
    "family assembly supply rally ally italy july anomaly monopoly weekly daily monthly "
    "quarterly yearly early likely belly jelly bully fly holy reply apply ugly oily "
    "sally lily billy emily molly polly kelly"
)
_ADVERBS = _ws(
    "now still already also just only even ever never currently recently so far nearly "
    "almost about roughly approximately respectively reportedly allegedly officially "
    "again once twice then there here too very more less most least quite rather "
    "previously back away"
)
_DIMENSIONS = _ws(
    "tall long wide high deep old thick heavy large big maximum minimum max min total overall "
    "apart away ahead behind late early"
)
_COMPARATIVES = _ws(
    "more less higher lower larger smaller bigger greater cheaper dearer fewer longer "
    "shorter better worse faster slower older younger stronger weaker up down"
)
# Heads that do not say what is counted on their own (compared by stem).
_VAGUE = _ws(
    """figure figures number numbers total totals amount amounts sum sums level levels
    percentage percentages percent cent proportion proportions share count counts tally
    rate rates times time ago thing things lot lots bit part parts way ways one ones data
    result results point points value values index kind kinds type types sort record
    records mark range average averages majority minority half quarter third list
    something anything everything nothing"""
)
# "the actual number", "the official figure": still no word for what is counted
_VAGUE_MODIFIERS = _ws(
    "actual real true total overall official final current latest new exact precise same "
    "whole entire average estimated reported recorded known full previous"
)
# "market expectations of 190,000 new jobs": the number is an expectation, not a count
_EXPECT_NOUNS = frozenset(
    stem(w)
    for w in """expectation forecast target estimate projection prediction goal plan aim
    hope ambition pledge promise limit cap ceiling threshold maximum minimum average median
    peak demand offer bid claim request proposal budget guidance consensus""".split()
)
_EVENT_NOUNS = (
    r"protests?|rall(?:y|ies)|demonstrations?|marches|elections?|referend(?:um|a)|"
    r"war|invasion|crackdown|pandemic|lockdowns?|crisis|strikes?|campaigns?|conflict|summit|"
    r"conference|hearings?|games|olympics|championships?|tournament|uprising|"
    r"revolution|attacks?|bombings?|storm|earthquake|floods?|riots?|unrest|trial|"
    r"surveys?|census|raids?|clashes|fighting|offensive|siege|occupation|outbreak|"
    r"recession|shutdown|ceasefire|talks|negotiations|festival|exhibition|quarter|"
    r"mobilisation|mobilization|purge|"
    r"opinion\s+poll|poll|"
    r"протест[а-яё]*|выбор[а-яё]*|акци[а-яё]*|войн[а-яё]*|вайн[а-яў]*|вибор[а-яіїє]*|"
    r"wybor[a-ząęóśćżźńł]*|protest[a-ząęóśćżźńł]*|wojn[a-ząęóśćżźńł]*|Wahl[a-z]*|Krieg[a-z]*|"
    r"Protest[a-z]*|élections?|guerre|manifestations?"
)
_PLACE_WORDS = ("worldwide", "globally", "nationwide", "internationally", "abroad", "overseas")
_COUNTRY_PHRASES = re.compile(
    r"\b(?:across|throughout|in|inside|outside)\s+the\s+(?:country|world|region|city|capital)\b"
)
_TIME_NOUNS = _ws(
    "year years month months week weeks day days decade decades quarter quarters century "
    "morning evening night weekend summer winter spring autumn fall period season hour hours "
    "minute minutes session sessions"
)
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"

_TOKEN = re.compile(
    r"\d[\d,.\u00a0\u202f]*[^\W_]*(?:-[^\W_]+)*|(?:[A-Z]\.){2,}|[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*(?:['’]s?)?|[^\w\s]",
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    end = len(text) if end is None else end
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _tok(word: str) -> _Tok:
    return _Tok(word, 0, len(word))


_CLITIC = re.compile(r"['’](?:s|ll|re|ve|d|m)?$|n['’]t$")


@lru_cache(maxsize=16384)
def _bare(w: str) -> str:
    return _CLITIC.sub("", w.lower())


def _is_verb(tok: _Tok, lang: str = "en") -> bool:
    """A finite verb or participle (English only; rules, so approximate)."""
    return lang == "en" and _verb_word(tok.text)


@lru_cache(maxsize=16384)
def _verb_word(text: str) -> bool:
    if not text[:1].isalpha():
        return False
    low = _bare(text)
    if low in _VERBS or low in _AUX:
        return True
    if text[:1].isupper():
        return False
    return len(low) > 4 and low.endswith("ed") and low not in _NOT_VERB_ED and "-" not in low


def _is_adverb(tok: _Tok) -> bool:
    return _adverb_word(tok.text)


@lru_cache(maxsize=16384)
def _adverb_word(text: str) -> bool:
    low = text.lower()
    return low in _ADVERBS or (
        len(low) > 4 and low.endswith("ly") and low not in _LY_NOUNS and text[:1].islower()
    )


@lru_cache(maxsize=16)
def _stops(lang: str) -> frozenset[str]:
    if lang == "en":
        return _FUNCTION | _DETERMINERS | _PRONOUNS | _PREPOSITIONS | _CONJUNCTIONS | _AUX
    from .corpus.language import STOPWORDS

    return _FUNCTION | STOPWORDS.get(lang, frozenset())


def _is_content(tok: _Tok, lang: str = "en") -> bool:
    """A word that can be part of a noun phrase (an adjective or a noun)."""
    return _content_word(tok.text, lang)


@lru_cache(maxsize=16384)
def _content_word(text: str, lang: str) -> bool:
    if not text[:1].isalpha():
        return False
    low = _bare(text)
    if text.isupper() and len(text) > 1 and lang == "en":
        return True  # "US", "UK", "WHO": names, not the pronoun "us"
    if low in _stops(lang) or low in _QUANTIFIERS:
        return False
    if (lang == "en" and _verb_word(text)) or _adverb_word(text):
        return False
    return len(low) >= 2 or text.isupper()


def _is_vague(word: str) -> bool:
    return _bare(word) in _VAGUE or _bare(word) in _PRONOUNS


def _vague_phrase(toks: list[_Tok]) -> bool:
    """ "the actual number", "this figure", "it": nothing names what is counted
    ("induction time" does: a word other than the vague head says what)."""
    label = " ".join(t.text for t in toks)
    head = _head_of(label)
    if not head or not _is_vague(head):
        return not head
    core = label.split(" (")[0].split()
    k = next((i for i, w in enumerate(core) if i and w.lower() in _PREPOSITIONS), len(core))
    others = [w for w in core[:k] if w != head and _is_content(_tok(w))]
    return all(_bare(w) in _VAGUE_MODIFIERS for w in others)


def _verbish(tok: _Tok) -> bool:
    """A verb, including -ing forms ("raising", "relating")."""
    if _is_verb(tok):
        return True
    low = tok.low
    return len(low) > 4 and low.endswith("ing") and low not in _ING_NOUNS and tok.text[:1].islower()


# ---------------------------------------------------------------------------
# One sentence
# ---------------------------------------------------------------------------


@dataclass
class _Hit:
    kind: str
    s: int
    e: int
    qs: int = 0  # span of the qualifier
    qe: int = 0
    qualifier: str = ""
    q_after: bool = False
    unit: str = ""
    label: str = ""
    label_spans: tuple[tuple[int, int], ...] = ()
    head: str = ""
    reason: str = ""
    from_previous: bool = False
    attribution: str = ""
    total_of: int = -1  # index of the hit this one is the total of
    verb_label: bool = False  # the label says what happened ("Belarusians detained")
    need: str = ""  # "borrow": the label may come from a sibling or the sentence before

    @property
    def left(self) -> int:
        """Where the figure starts, qualifier included."""
        return self.qs if self.qualifier and not self.q_after else self.s

    @property
    def right(self) -> int:
        return self.qe if self.qualifier and self.q_after else self.e


def figures_in_sentence(
    sentence: str, *, previous: str = "", language: str = "en"
) -> list[Candidate]:
    """Every number in ``sentence``, with value, qualifier, unit, label, scope and
    whether it could be chosen for a key-figures box (``eligible``).

    ``previous`` is the sentence before it in the same paragraph ("" when it is
    the first): a sentence that points back ("As a result, …") takes its scope
    from there, and a subject like "this figure" its label. ``language`` is an
    ISO 639-1 code (number formats, qualifiers; labels are best in English).
    """
    return list(_analyse(sentence, previous, _lang(language)))


def _lang(language: str | None) -> str:
    low = (language or "en").lower()[:2]
    return low if low in _Q_BY_LANG else ("en" if low == "en" else "xx")


@lru_cache(maxsize=4096)
def _analyse(text: str, previous: str, lang: str) -> tuple[Candidate, ...]:
    if not re.search(r"\d", text):
        return ()
    hits = _find_numbers(text, lang)
    if not hits:
        return ()
    for h in hits:
        if h.kind not in QUANTITY_KINDS:
            continue
        h.qs, h.qualifier = _qualifier_before(text, h.s, lang)
        h.qe = h.s
        if not h.qualifier:
            end_q, q = _qualifier_after(text, h.e)
            if q:
                h.qualifier, h.q_after, h.qs, h.qe = q, True, h.e, end_q
        if h.kind == "count" and _YEAR.match(text[h.s : h.e]) and not h.qualifier:
            h.kind, h.reason = "year", _REASONS["year"]
        h.unit = _unit(text[h.s : h.e], h.kind)
    _mark_relations(text, hits)
    live = [h for h in hits if h.kind in QUANTITY_KINDS]
    for h in live:
        _label(text, h, hits, lang)
    # "… 1,445 political prisoners …, the actual number is believed to exceed 12,000"
    for h in live:
        if not h.label and h.need:
            _borrow_label(text, h, live)
    if previous:
        for h in live:
            if not h.label and h.need in ("borrow", "vague"):
                _label_from_previous(text, h, _previous_labels(previous, lang))
    source, source_end = _attribution(text, lang)
    for h in live:
        if (
            h.label
            and source
            and _attribution_applies(text, source_end, h)
            and not (_stems(source) & _stems(h.label))
        ):
            h.attribution = source
    back = _Lazy(lambda: _refers_back(text) or bool(_SCOPE_BACK.match(text.lstrip(" \"“'‘("))))
    return tuple(_candidate(text, previous, lang, h, back, hits) for h in hits)


class _Lazy:
    """A truth value computed only when asked (refers_back is not free)."""

    def __init__(self, compute) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._compute())
        return self._value


# after a place: the list of places goes on ("in Miami; Chicago; Atlanta")
_LIST_GOES_ON = re.compile(r"\s*[;,]\s*(?:and\s+)?[A-Z]")


def _cut_list_place(text: str, h: _Hit) -> None:
    """'students in Miami' → 'students' when the source goes on '; Chicago; Atlanta'."""
    if not h.label_spans:
        return
    end = max(e for _s, e in h.label_spans)
    m = re.search(r"\s+(?:in|across|from|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*$", h.label)
    if m and _LIST_GOES_ON.match(text, end):
        h.label = h.label[: m.start()]
        h.label_spans = tuple((s, min(e, s + len(h.label))) for s, e in h.label_spans[:1])


# "$1,200 per student", "$4,000 a year": the rate is part of the amount
_RATE_AFTER = re.compile(
    r"(?:\s+(?:per|a|an|each)\s+(?:year|month|week|day|hour|night|head|person|capita|"
    r"student|pupil|child|patient|household|family|employee|worker|user|customer|member|"
    r"passenger|visitor|tonne|ton|barrel|kilo|kilogram|litre|liter|gallon|share|unit|"
    r"square\s+metre|square\s+meter|acre|hectare|[a-z]+)\b){1,2}"
)


def _rate_end(text: str, h: _Hit) -> int:
    """Where the amount ends with its rate ("$1,200 per student"), or ``h.e``."""
    if h.kind not in ("money", "count", "measure", "percent") or h.q_after:
        return h.e
    m = _RATE_AFTER.match(text, h.e)
    if not m:
        return h.e
    # "a" and "an" only with time words: "$4,000 a year", not "200 a person said"
    words_ = m.group().split()
    pairs = list(zip(words_[::2], words_[1::2], strict=False))
    for det, noun in pairs:
        if det in ("a", "an", "each") and noun not in (
            "year",
            "month",
            "week",
            "day",
            "hour",
            "night",
            "head",
        ):
            return h.e
    return m.end()


def _candidate(
    text: str, previous: str, lang: str, h: _Hit, back: _Lazy, hits: list[_Hit]
) -> Candidate:
    value = text[h.s : h.e]
    if lang == "en" and h.kind in QUANTITY_KINDS:
        rate_end = _rate_end(text, h)
        if rate_end > h.e and not any(o.s < rate_end and o.s >= h.e for o in hits if o is not h):
            h.e = rate_end
            value = text[h.s : h.e]
    if h.kind not in QUANTITY_KINDS:
        return Candidate(
            value=value, qualifier="", unit=h.unit, label="", scope="", eligible=False,
            kind=h.kind, start=h.s, end=h.e, reason=h.reason or f"not a quantity ({h.kind})",
        )  # fmt: skip
    _cut_list_place(text, h)
    if lang == "en" and h.label:
        _richer_label(text, h)
        _coordinate(text, h)
    reason = _unsafe(text, h, lang) or (_gapped_label(text, h) if h.label else "")
    if not reason and lang == "en" and h.kind == "percent" and h.label:
        reason = _with_predicate(text, h)
    label = h.label
    if reason:
        pass
    elif not label:
        reason = h.reason or "nothing in the sentence names what is counted"
    elif not _meaningful(h, lang):
        reason = f"label not meaningful: {label!r}"
    if label and h.attribution:
        label = f"{label} ({h.attribution})"
    busy = _busy_spans(h) + tuple(
        (o.s, o.e + 12) for o in hits if o.kind == "baseline"
    )  # "from $752.4 billion in 2024 to …": the baseline's date is not the figure's
    # what another figure's label says is about that figure ("28 seats in the Council")
    busy += tuple(span for o in hits if o is not h for span in o.label_spans)
    segment = _segment(text, h.s)
    opened = text.rfind("(", 0, h.s)
    if opened >= 0 and text.rfind(")", 0, h.s) < opened:
        # "(between 21 and 23 years under terrorism laws)": the brackets and what they follow
        closed = text.find(")", h.e)
        start = min([opened, *(s for s, _e in h.label_spans)])
        segment = (start, closed + 1 if closed > 0 else len(text))
    own = _scope_parts(text, busy, segment, lang, (h.s, h.e))
    parts = own
    from_previous = h.from_previous
    if not reason and back:
        prev_parts = _scope_parts(previous, (), (0, len(previous)), lang) if previous else {}
        if not prev_parts and not h.from_previous:
            reason = "refers back, and the sentence before gives no event, date or place"
        elif "date" not in own and len(set(_DATE_PHRASE.findall(previous))) > 1:
            # "from 253 deaths in 2018 to 723 in 2022. During the same period, …
            # 78%": which of its dates the figure holds for is not said
            reason = "refers back to a sentence with more than one date"
        else:
            parts, took = _merge_scope(prev_parts, own, len(previous))
            from_previous = from_previous or took
    return Candidate(
        value=value,
        qualifier=h.qualifier,
        unit=h.unit,
        label=label,
        scope=_join_scope(parts, label),
        eligible=not reason,
        kind=h.kind,
        start=h.s,
        end=h.e,
        reason=reason,
        from_previous=from_previous and not reason,
        qualifier_after=h.q_after,
    )


# -- figures whose meaning a box cannot keep -----------------------------------

# "more than 100": the qualifier; any other word before "than 100" makes a comparison
_THAN_QUALIFIERS = frozenset(
    "more less fewer greater higher lower larger smaller bigger over under no rather".split()
)
_COMPARISON = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:with|to)|against)\s", re.I)
# Groups a share is taken of: "42% of adolescents" says nothing until what they did is said.
_POPULATIONS = _ws(
    """adolescents teens teenagers youth young children kids adults people persons public
    respondents participants students pupils parents voters users customers consumers
    patients women men girls boys workers employees employers companies firms businesses
    organizations organisations households families americans britons europeans citizens
    residents population members readers viewers shoppers buyers owners schools districts
    institutions doctors nurses teachers physicians""".split()
)


def _unsafe(text: str, h: _Hit, lang: str) -> str:
    """Why a number cannot be shown in a box without misstating it ("" when it can).

    A figure box shows a number with a short label; some numbers only mean
    what they mean in their sentence, and are better left out than shown
    wrongly: one side of a comparison in brackets ("anxiety (43% vs. 14%)"),
    numbers matched to things by "respectively", a number alone in brackets
    whose meaning is outside them ("bullying (34%)"), a rate without its unit
    ("3.3 and 2.8 per 100,000" → "3.3").
    """
    if re.search(r"\brespectively\b", text, re.I):
        return "matched to what it counts by 'respectively'"
    for m in re.finditer(r"(\S+)\s+than\s+\d", text):
        before = m.group(1).lower()
        if before not in _THAN_QUALIFIERS and not re.fullmatch(r"[a-z]+er", before):
            # "It's easier to find 10 strong tutors, in other words, than 100."
            return "one side of a comparison ('… than 100'), not a count"
    opened = text.rfind("(", 0, h.s)
    if opened >= 0 and text.rfind(")", 0, h.s) < opened:
        closed = text.find(")", h.e)
        inside = text[opened + 1 : closed if closed > 0 else len(text)]
        if _COMPARISON.search(inside):
            return "one side of a comparison in brackets"
        rest = inside.replace(text[h.s : h.e], " ")
        words_ = [w for w in re.findall(r"[^\W\d_]{3,}", rest) if w.lower() not in _FUNCTION]
        if len(words_) <= 1:
            return "a number in brackets: what it counts is said outside them"
    # "the 20,000 students in this June analysis": what is counted is defined by
    # a reference to something an earlier sentence introduced
    after_np = re.match(r"[^,;:.()]{0,60}", text[h.e :]).group()
    if re.search(
        r"\b(?:this|these|those|that|such)\s+(?!year|month|week|time)[a-z]", after_np, re.I
    ):
        return "what it counts is named by a reference to an earlier sentence"
    if h.label_spans:
        before_label = text[max(0, h.label_spans[0][0] - 12) : h.label_spans[0][0]]
        if re.search(r"\b(?:their|its|his|her)\s+$", before_label, re.I):
            # "about 36% of their lessons": whose lessons, the label does not say
            return "what it counts belongs to someone its label does not name"
    value = text[h.s : h.e]
    if h.kind == "count" and re.match(
        r"\s*(?:and|or)\s+(?:younger|older|under|over|above|below)\b", text[h.e :], re.I
    ):
        return "an age or threshold ('18 and younger'), not a quantity"
    if h.kind == "count" and re.fullmatch(r"\d+\.\d+", value) and not h.unit:
        after = text[h.e : h.e + 20].lower()
        if "per " in after or not re.match(r"\s*(?:million|billion|thousand|bn|m|k)\b", after):
            return "a rate or measure without its unit"
    return ""


def _gapped_label(text: str, h: _Hit) -> str:
    """Why a label made of pieces would misstate what is counted ("" when it would not).

    "Belarusians [were] detained" leaves out a function word; "utilization of
    substance [use disorder services] declined" leaves out what was used.
    """
    spans = sorted(h.label_spans)
    for (_s1, e1), (s2, _e2) in itertools.pairwise(spans):
        if s2 <= e1:
            continue
        gap = [w.lower() for w in re.findall(r"[^\W\d_][\w’'-]*", text[e1:s2])]
        content = [w for w in gap if w not in _FUNCTION and w not in _AUX and not w.endswith("ly")]
        if content and not re.search(r"[,;:()]", text[e1:s2]):
            return f"its label would leave out '{' '.join(content)}'"
    return ""


def _coordinate(text: str, h: _Hit) -> None:
    """'270 kindergartners' → '270 kindergartners and 1st graders': a label cut before
    "and" + another group would count only part of what the number counts."""
    if not h.label_spans or h.verb_label:
        return
    end = max(e for _s, e in h.label_spans)
    m = re.match(
        r"\s+(?:and|or)\s+((?:\d+(?:st|nd|rd|th)|[a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2})(?=\s*[,;.]|$)",
        text[end:],
    )
    if m and m.group(1).split()[-1].endswith("s"):
        stop = end + m.end()
        h.label = f"{h.label}{text[end:stop]}"
        h.label_spans = (*h.label_spans[:-1], (h.label_spans[-1][0], stop))


def _richer_label(text: str, h: _Hit) -> None:
    """'723 deaths' → 'drug overdose deaths among adolescents', as the sentence said
    before the number: a one-word label is made the fuller noun phrase of the same
    noun earlier in the sentence (its modifiers and one "among/of/in" phrase)."""
    word = h.label
    if " " in word or h.verb_label or not re.fullmatch(r"[a-z][a-z-]*s", word):
        return
    best: tuple[int, int] | None = None
    for m in re.finditer(rf"\b{re.escape(word)}\b", text[: h.s]):
        toks = _tokens(text, max(0, m.start() - 60), m.start())
        mods: list[_Tok] = []
        for t in reversed(toks):
            if not t.is_word or not t.text.islower() or not _is_content(t) or _verbish(t):
                break
            mods.insert(0, t)
            if len(mods) == 3:
                break
        pp = re.match(r"\s+(?:among|of|in|for)\s+[a-z][\w-]*", text[m.end() : h.s])
        if mods or pp:
            start = mods[0].start if mods else m.start()
            best = (start, m.end() + (pp.end() if pp else 0))
    if best is not None:
        h.label = text[best[0] : best[1]]
        h.label_spans = (best,)
        h.head = _head_of(h.label)


def _with_predicate(text: str, h: _Hit) -> str:
    """'42% of adolescents' + what they did ('reported feelings of sadness'), or why not.

    Extends ``h.label`` in place with the verb phrase that follows it, up to the
    end of the clause; a share of a group whose predicate cannot be taken is
    not eligible ("" when the label is fine as it is or was extended).
    """
    if h.verb_label or not h.label_spans:
        return ""
    core = re.sub(r" \([^()]*\)$", "", h.label).split()
    if not any(_bare(w).lower() in _POPULATIONS for w in core):
        return ""
    end = max(e for _s, e in h.label_spans)
    m = re.match(
        r"\s+([^,;:()\u2013\u2014]{3,120}?)(?=\s*(?:[,;:()\u2013\u2014]|\.\s|\.$|$|\s(?:which|while|whereas|but)\s))",
        text[end:],
    )
    if m:
        toks = [t for t in _tokens(m.group(1)) if t.is_word]
        if toks and (_verbish(toks[0]) or toks[0].low in _AUX or toks[0].low in _VERBS):
            words_ = m.group(1).split()
            if len(words_) <= 10:
                h.label = f"{h.label} {m.group(1).strip()}"
                h.label_spans += ((end + m.start(1), end + m.end(1)),)
                h.verb_label = True
                return ""
    return f"a share of {h.label!r}, but of them doing what is not said"


# Openers that say the when or where is the one just told: "At that time, …"
_SCOPE_BACK = re.compile(
    r"(?:(?:At|By|Since|Until|After|Before|During|From|In|On|Throughout|Over)\s+"
    r"(?:that|this|the\s+same|those|these)\s+(?:time|day|days|week|month|year|date|point|"
    r"moment|period|event|events|protests?|rall(?:y|ies)|demonstrations?|elections?|vote|meeting)"
    r"|Then|Back\s+then|By\s+then|Since\s+then|That\s+day|That\s+year|The\s+same\s+day|"
    r"The\s+next\s+day|The\s+following\s+day|Afterwards|Later|Subsequently|As\s+a\s+result|"
    r"Consequently|In\s+total|In\s+all|Overall)\b"
)


def _refers_back(text: str) -> bool:
    from .standalone import refers_back

    return refers_back(text)


_REASONS = {
    "year": "a year",
    "date": "a date",
    "time": "a clock time",
    "ordinal": "an ordinal",
    "id": "a name or number, not a quantity",
    "name": "part of a name",
    "score": "a score or vote tally",
    "age": "an age",
    "period": "a period of time, not a figure",
    "ago": "a point in time ('ago')",
    "total": "the total another number is counted out of",
    "baseline": "the starting point of a change",
    "conversion": "a conversion of the amount before it",
    "address": "an address",
    "ref": "a footnote or list number",
}


def _find_numbers(text: str, lang: str) -> list[_Hit]:
    regex = _figures_regex("en" if lang == "en" else "intl")
    hits: list[_Hit] = []
    for m in regex.finditer(text):
        kind = m.lastgroup or "count"
        s, e = m.start(), m.end()
        if kind == "range" and not _is_range(text, m, lang):
            # "jumped 76% to $1.13bn", "rose from 5% to 7%": two numbers
            hits.extend(_split_range(text, s, e, regex))
            continue
        other = _not_a_quantity(text, kind, s, e)
        hits.append(_Hit(other or kind, s, e, reason=_REASONS.get(other, "")))
    taken = [(h.s, h.e) for h in hits]
    for m in _OTHER_NUMBER.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".,:;-/+":
            e -= 1
        if any(a < e and s < b for a, b in taken):
            continue
        kind = _other_kind(text[s:e])
        hits.append(_Hit(kind, s, e, reason=_REASONS.get(kind, f"not a quantity ({kind})")))
    hits.sort(key=lambda h: h.s)
    return hits


def _is_range(text: str, m: re.Match[str], lang: str) -> bool:
    value = m.group()
    parts = re.split(r"\s(?:and|to|и|і|та|a|und|et|i|до|да|do|bis|à)\s|[–—-]", value)
    kinds = {_amount_kind(p) for p in parts if re.search(r"\d", p)}
    kinds.discard("count")
    if len(kinds) > 1:
        return False  # "76% to $1.13bn"
    if _UNIT_END_RE.search(value) and not kinds:
        return True  # "8 to 12 years": a range of durations
    if re.match(r"(?:from|с|з)\s", value, re.IGNORECASE) or re.search(r"\sto\s", value):
        before = text[max(0, m.start() - 120) : m.start()].lower()
        before = re.split(r"[;:]|,\s|\.\s", before)[-1]  # the same clause
        if re.search(r"\b(?:from|up|down)\s*$", before):
            return False
        if _CHANGE_BEFORE.search(before) and not re.match(r"between\s", value, re.IGNORECASE):
            return False  # "rose from 5% to 7%", "rose 2% to $11.1bn"
    return True


def _amount_kind(part: str) -> str:
    if re.search(r"%|per\s?cent|percent", part):
        return "percent"
    if _CURRENCY_RE.search(part):
        return "money"
    return "count"


_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rise|rises|rising|fell|fall|falls|fallen|falling|grew|grow|grown|growing|"
    r"increased?|increasing|decreased?|decreasing|dropped|drop|jumped|jump|climbed|climb|"
    r"soared|plunged|slipped|slid|cut|cutting|raised|raising|lowered|lowering|reduced|reducing|"
    r"went|changed?|moved?|shrank|shrunk|expanded|doubled|tripled|halved|increase|boost|"
    r"boosted|lifted|surged|tumbled|edged|gained|lost|widened|narrowed|slowed|eased|"
    r"reached|hit)\b(?:[^.;]|\.\d)*$"
)


def _split_range(text: str, s: int, e: int, regex: re.Pattern[str]) -> list[_Hit]:
    inner = re.match(r"(?:from|с|з)\s", text[s:e], re.IGNORECASE)
    start = s + (inner.end() if inner else 0)
    single = _figures_regex("en" if regex is _figures_regex("en") else "intl", ranges=False)
    return [
        _Hit(m.lastgroup or "count", m.start(), m.end()) for m in single.finditer(text, start, e)
    ]


def _other_kind(value: str) -> str:
    if re.fullmatch(r"\d{1,2}[:.]\d{2}(?::\d{2})?", value):
        return "time"
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}", value):
        return "date"
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", value, re.IGNORECASE):
        return "ordinal"
    if re.fullmatch(r"(?:1[5-9]\d0|20[0-9]0)['’]?s", value):
        return "year"
    if re.fullmatch(r"\d+-(?:year|month|week|day|hour|minute)s?-old", value):
        return "age"
    if re.fullmatch(r"(?:1[5-9]\d\d|20\d\d)(?:[-–/](?:\d\d|\d{4}))?", value):
        return "year"
    if re.search(r"[^\W\d_]", value):
        return "name"
    return "id"


def _not_a_quantity(text: str, kind: str, s: int, e: int) -> str:
    """What a regex match is instead of a quantity ("" when it is one)."""
    value = text[s:e]
    before, after = text[max(0, s - 60) : s], text[e : e + 60]
    prev_words = text[:s].split()[-4:] if s > 60 else before.split()
    prev = prev_words[-1].lower().strip("(\"“'").split("-")[-1] if prev_words else ""
    if prev in _ID_WORDS or before.rstrip().endswith(("#", "№")):
        return "id"
    if _DATE_BEFORE.search(before) or (kind in ("count", "duration") and _DATE_AFTER.match(after)):
        return "date"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if _CLOCK_AFTER.match(after):
        return "time"
    if re.match(r"\s*(?:A\.?D\.?|B\.?C\.?E?\.?|CE)(?!\w)", after):
        return "year"
    if after[:2] in ("'s", "’s") and kind == "count":
        return "name"
    if kind in ("duration", "count", "range") and _AGO_AFTER.match(after):
        return "ago"
    if kind in ("count", "range", "duration") and _AGE_BEFORE.search(before):
        return "age"
    if kind in ("duration", "count", "range") and re.match(
        r"\s*(?:years?\s+)?old\b|\s*-year-old", after
    ):
        return "age"
    if kind in ("duration", "range") and _PERIOD_BEFORE.search(before):
        return "period"
    if kind == "duration" and _YEAR.match(re.sub(r"\D", "", value)) and re.match(r"\d{4}\s", value):
        return "year"  # "в 2022 году", "im Jahr 2020"
    if (
        kind == "count"
        and re.fullmatch(r"\d+K", value)
        and (int(value[:-1]) < 10 or int(value[:-1]) >= 1000)
    ):
        return "name"  # "4K video", "6500K light": not thousands
    if (
        kind == "count"
        and not text[:s].strip(" \"“'‘(-•*")
        and re.fullmatch(r"\d{1,2}", value)
        and (re.match(r"\s+[A-Z](?![\w'’-]*s\b)", after))
    ):
        return "ref"  # "13 GraphWise research …": a footnote or list number
    if kind == "count" and _ADDRESS_AFTER.match(after):
        return "address"
    if (
        kind == "count"
        and re.fullmatch(r"[\d,.]+m", value)
        and (_SPORT_AFTER.match(after) or _SPORT_BEFORE.search(before))
    ):
        return "name"  # "the 60m hurdles", "the women's 5,000m": a race, not millions
    digits = re.sub(r"\D", "", value)
    if kind == "count" and len(digits) > 1 and digits.startswith("0") and "." not in value:
        return "id"
    if kind == "count" and _is_name_number(text, s, e, prev_words):
        return "name"
    if kind == "range":
        nums = re.findall(r"\d[\d,.]*", value)
        if nums and _YEAR.match(nums[0].rstrip(".,")) and not re.search(r"[%$€£]", value):
            return "period"  # "2020-2022", "between 2019 and 2021"
        score = re.fullmatch(r"(\d{1,3})\s?[-–]\s?(\d{1,3})", value)
        if score:
            a, b = int(score.group(1)), int(score.group(2))
            nxt = re.match(r"\s+([^\W\d_][\w'-]*)", after)
            noun = nxt and _is_content(_tok(nxt.group(1))) and nxt.group(1)[:1].islower()
            if a >= b or not noun:
                return "score"  # "2-1", "won 6-4": a score or a vote, not a range
    return ""


def _is_name_number(text: str, s: int, e: int, prev_words: list[str]) -> bool:
    """ "FTSE 100", "Radio 4", "Windows 10": a number right after a capitalised name."""
    if not prev_words or len(prev_words) == 1:
        return False
    prev = prev_words[-1]
    if not re.fullmatch(r"[A-Z][\w-]*", prev):
        return False
    if _MONTH_RE.fullmatch(prev) or prev.lower() in _ID_WORDS:
        return False
    if prev.upper() in ("USD", "EUR", "GBP", "RUB", "BYN", "UAH", "PLN", "CHF", "JPY", "CNY"):
        return False
    value = text[s:e]
    if "," in value or len(re.sub(r"\D", "", value)) > 3 or not value[-1].isdigit():
        return False
    if _qualifier_regex("en").search(text[max(0, s - 40) : s]):
        return False
    nxt = re.match(r"\s+([^\W\d_][\w'-]*)", text[e:])
    return not nxt or nxt.group(1)[0].isupper()


def _unit(value: str, kind: str) -> str:
    low = value.lower()
    if re.search(r"percentage\spoints?|prozentpunkte", low):
        return "percentage points"
    if "%" in value or re.search(
        r"per\s?cent|percent|процент|відсот|працэнт|procent|proc\.|prozent|pour\s?cent", low
    ):
        return "%"
    for pattern, code in _CURRENCIES:
        if re.search(pattern, value, re.IGNORECASE):
            return code
    if kind in ("duration", "range"):
        for pattern, unit in _TIME_UNITS:
            if pattern.search(low):
                return unit
    if kind in ("measure", "range"):
        for pattern, unit in _MEASURE_UNITS:
            if re.search(pattern, value):
                return unit
    return ""


_CURRENCIES = [
    (r"US\$|\bUSD\b|dollars?|долл|долар", "USD"),
    (r"€|\bEUR\b|euros?|евро|\bEuro\b", "EUR"),
    (r"\bpence\b", "GBX"),
    (r"£|\bGBP\b|pounds?", "GBP"),
    (r"₽|\bRUB\b|roubles?|rubles?|руб", "RUB"),
    (r"\bBYN\b|рублёў|рублі", "BYN"),
    (r"₴|\bUAH\b|hryvnias?|гривн|гривен|грн", "UAH"),
    (r"zł|\bPLN\b|zlotys?|złotych|złote", "PLN"),
    (r"\bCHF\b|francs", "CHF"),
    (r"yuan|\bCNY\b", "CNY"),
    (r"¥|\byen\b|\bJPY\b", "JPY"),
    (r"C\$", "CAD"),
    (r"A\$", "AUD"),
    (r"HK\$", "HKD"),
    (r"NZ\$", "NZD"),
    (r"\bcents\b", "USD cents"),
    (r"\$", "USD"),
]
_TIME_UNITS = [
    (r"decades?", "decades"),
    (r"centur", "centuries"),
    (r"months?|месяц|місяц|miesi|monat|mois", "months"),
    (r"weeks?|недел|тиж|тыдн|tygod|woche|semaine", "weeks"),
    (r"hours?|час|годин|гадзін|godzin|stunde|heure", "hours"),
    (r"minutes?|минут|minut", "minutes"),
    (r"seconds?", "seconds"),
    (r"days?|дн|день|сут|дзён|dni|dzień|tage?|jours?", "days"),
    (r"years?|лет|год|рок|рік|гад|lat|rok|jahr|ans|année", "years"),
]
_MEASURE_UNITS = [
    (r"km²|km2|sq\s?km|square\s?kilomet", "km²"),
    (r"km/h", "km/h"),
    (r"mph", "mph"),
    (r"\bkm\b|kilomet|км|километр", "km"),
    (r"square\smiles", "sq mi"),
    (r"miles?", "miles"),
    (r"\bkg\b|kilogram|кг", "kg"),
    (r"tonnes?|tons?|тонн", "tonnes"),
    (r"TWh", "TWh"),
    (r"GWh", "GWh"),
    (r"kWh", "kWh"),
    (r"MW", "MW"),
    (r"GW", "GW"),
    (r"hectares?|гектар", "hectares"),
    (r"acres?", "acres"),
    (r"barrels?", "barrels"),
    (r"litres?|liters?", "litres"),
    (r"metres?|meters?", "metres"),
    (r"\bmm\b", "mm"),
    (r"\bcm\b", "cm"),
]


_BASELINE_BEFORE = re.compile(
    r"(?:\b(?:up|down)\s+from\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,2}(?:of\s+)?"
    r"|,\s+from\s+|\bcompared\s+(?:with|to)\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,2}(?:of\s+)?)$"
)


_TIME_UNITS = [(re.compile(rf"\d\s*{p}|\s(?:{p})"), unit) for p, unit in _TIME_UNITS]
_TIME_UNIT_NAMES = frozenset(unit for _p, unit in _TIME_UNITS)
_UNIT_END_RE = re.compile(rf"(?:\s{_TIME}|{_MEASURE})$", re.IGNORECASE)
_CURRENCY_RE = re.compile(_CUR_BEFORE + "|" + _CUR_AFTER, re.IGNORECASE)
_MONTH_RE = re.compile(_MONTH, re.IGNORECASE)
_MONTH_EN_RE = re.compile(rf"(?:{_MONTHS_EN})\.?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(_WEEKDAYS, re.IGNORECASE)


def _mark_relations(text: str, hits: list[_Hit]) -> None:
    """Numbers that only make sense beside another: "13 out of the 80 seats" (80 is
    the total), "$1.13bn (£600m)" (a conversion), "rose … from $639m" (a baseline)."""
    for i, h in enumerate(hits):
        if h.kind not in QUANTITY_KINDS:
            continue
        prev = hits[i - 1] if i else None
        gap_before = text[prev.e : h.s] if prev is not None else ""
        if re.search(
            r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*\(\s*$",
            text[max(0, h.s - 12) : h.s],
            re.IGNORECASE,
        ):
            h.kind, h.reason = "conversion", "the number before it, in digits"
            continue
        # "$1.13bn (£600m)", "7.5bn euros ($9.7bn)", "£5.7bn ($10.7bn; 8.2bn euros)"
        if (
            prev is not None
            and h.kind in ("money", "count", "measure")
            and prev.kind in ("money", "conversion", "measure")
            and re.fullmatch(
                r"\s*\(\s*|\s*;\s*|\s*\(\s*(?:about|around|roughly|some)\s+", gap_before
            )
            and (h.kind != "count" or re.search(r"[a-z]$", text[h.s : h.e]))
        ):
            h.kind, h.reason = "conversion", _REASONS["conversion"]
            continue
        # "rose 2% to $11.1bn from $10.9bn", "up from 23% in February"
        # "from an estimated $752.4 billion": the qualifier stands between
        left = h.qs if h.qualifier and not h.q_after else h.s
        before = text[max(0, left - 120) : left].lower()
        if "from" in before[-60:] or "compared" in before[-60:]:
            baseline = _BASELINE_BEFORE.search(before) or (
                re.search(r"\bfrom\s+$", before) and _CHANGE_BEFORE.search(before)
            )
        else:
            baseline = False
        if baseline:
            h.kind, h.reason = "baseline", _REASONS["baseline"]
            continue
        # "13 out of the 80 seats", "3 in 10 voters"
        if (
            prev is not None
            and prev.kind == "count"
            and h.kind in ("count", "percent")
            and _TOTAL_GAP.fullmatch(gap_before)
        ):
            h.kind, h.reason, h.total_of = "total", _REASONS["total"], i - 1


_TOTAL_GAP = re.compile(
    r"\s+(?:out\s+of|of|in|из|з|с|z|von|sur)\s+(?:the\s+|a\s+|all\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)


_REPORTING = re.compile(
    r"\b(?:report|reports|reported|estimate|estimates|count|counts|counted|recorded|claim|claims|"
    r"claimed)\b"
)
_ACCORDING = re.compile(
    r"\b(?:according to|по данным|по словам|за даними|паводле|według|laut|selon) "
    r"((?:[\w’'-]+ ?){1,6})",
    re.IGNORECASE,
)


def _attribution(text: str, lang: str = "en") -> tuple[str, int]:
    """Who gives the number ("human rights groups report", "according to the UN")
    and where that statement ends; ("", 0) when the sentence names no one."""
    m = _ACCORDING.search(text)
    if m:
        return _trim_phrase(m.group(1).split(), lang), -1  # "according to" covers the sentence
    m = _REPORTING.search(text)
    if not m:
        return "", 0
    # the subject right before the verb: "human rights groups report", not "… and reported"
    clause = re.split(r"[,;:(]|\b(?:and|but|or|while|which|who|that)\b", text[: m.start()])[-1]
    if not clause.strip():
        return "", 0
    return _trim_phrase(clause.split()[-4:]), m.end()


def _trim_phrase(ws: list[str], lang: str = "en") -> str:
    bad = _stops(lang) | _stops("en") | _QUANTIFIERS | {"data", "figures", "new", "latest"}
    cut = [w.strip(",.;:") for w in ws]
    if lang != "en":
        # "według obrońców praw człowieka w więzieniach …": up to the first small word
        k = next((i for i, w in enumerate(cut) if i and w.lower() in bad), len(cut))
        cut = cut[:k]
    # "data from the latest research in March": the research, not its month
    for i, w in enumerate(cut):
        if i and (_MONTH_RE.fullmatch(w) or re.search(r"\d", w)):
            cut = cut[: i - 1] if cut[i - 1].lower() in _PREPOSITIONS else cut[:i]
            break
        if i and ws[i - 1].endswith(","):
            cut = cut[:i]
            break
        if i > 1 and w.lower() in _ATTRIBUTION_STOP:
            cut = cut[:i]  # "an independent opinion poll among Belarusian internet users"
            break
    while cut and (cut[0].lower() in bad or cut[0].lower() in _PREPOSITIONS):
        cut = cut[1:]
    while cut and (cut[-1].lower() in bad or _is_verb(_tok(cut[-1]))):
        cut = cut[:-1]
    if not cut or any(w.lower() in _PRONOUNS for w in cut):
        return ""
    return " ".join(cut)


_ATTRIBUTION_STOP = _ws(
    "among in on at for with during about commissioned published conducted released gathered "
    "carried compiled issued"
)


def _attribution_applies(text: str, source_end: int, h: _Hit) -> bool:
    # The attribution holds for numbers in the clause its verb governs.
    if source_end < 0:
        return True
    return source_end <= h.s and not re.search(r"[,;]", text[source_end : h.left])


# -- labels -----------------------------------------------------------------


def _label(text: str, h: _Hit, hits: list[_Hit], lang: str) -> None:
    """Find what ``h`` counts, from the sentence's own words, by the first rule that
    gives a phrase (``_meaningful`` judges it later)."""
    left, right = h.left, h.right
    # 1. "13 out of the 80 seats in the Council": the total and its noun
    index = hits.index(h)
    total = next((t for t in hits if t.total_of == index), None)
    if total is not None:
        noun = _np_after(text, total.e, "count", lang)
        if noun:
            toks = _tokens(text, right, noun[-1].end)
            h.label = text[toks[0].start : toks[-1].end]
            h.label_spans = ((toks[0].start, toks[-1].end),)
            h.head = _head_of(" ".join(t.text for t in noun))
            return
    link = re.search(
        r"(?:^|\s)(of|at|by|above|below|under|over|for|to|from)\s+(?:(?:just|only|a|an|the)\s+)?$",
        text[:left],
    )
    if link is None and h.qualifier and not h.q_after:
        link = re.search(r"()\s*$", text[:left])  # "kept growth above 9%"
    obj: list[_Tok] = []
    if link and lang == "en":
        obj = _np_before(text, link.start(1) if link.group(1) else len(text[:left].rstrip()))
    after = _np_after(text, right, h.kind, lang)
    # 2. "market expectations of 190,000 new jobs": an expectation, not a count
    if (
        obj
        and link
        and link.group(1) in ("of", "for")
        and stem(_bare(obj[-1].text)) in _EXPECT_NOUNS
        and (len(obj) > 1 or (after and not _vague_np(after, lang)))
    ):
        words_ = [t.text for t in obj]
        if after and not _vague_np(after, lang):
            words_ += [link.group(1)] + [t.text for t in after]
        h.label = " ".join(words_)
        h.label_spans = ((obj[0].start, obj[-1].end),) + (
            ((after[0].start, after[-1].end),) if after else ()
        )
        h.head = obj[-1].text
        return
    # 3. the noun phrase right after: "1,445 political prisoners in Belarus"
    if after and not _vague_np(after, lang):
        _set(h, after)
        if h.kind == "count" and not h.verb_label and lang == "en":
            # "arrested 224 people": the people arrested, not all people
            prior = _tokens(text, max(0, left - 40), left)
            if prior and prior[-1].low in ("only", "just", "some"):
                prior = prior[:-1]
            if (
                prior
                and prior[-1].is_word
                and (prior[-1].low in _PARTICIPLES or prior[-1].low in _ACTION_VERBS)
            ):
                h.label = f"{h.label} {prior[-1].text}"
                h.label_spans += ((prior[-1].start, prior[-1].end),)
                h.verb_label = True
        return
    if lang != "en":
        h.reason = "no noun names what is counted"
        return
    # 4. "sentences given to rail partisans (between 21 and 23 years …)"
    before = text[:left].rstrip()
    if before.endswith("("):
        toks = _clean_np(_np_before(text, len(before) - 1))
        if toks and not all(t.low in _NUMBER_WORDS for t in toks):
            _set(h, toks)
            return
    # 5. "several thousand people demonstrated …, more than 800 of whom were arrested"
    if re.match(r"\s+of\s+(?:whom|them|which|those|these)\b", text[right:]):
        _of_whom(text, h)
        if h.label:
            return
    # 6. the object before a linking word: "kept growth above 9%", "set compensation
    #    at …", "raising fuel prices by 30%", "posted a profit of $3.36bn"
    if obj and not _vague_np(obj, lang) and not (h.kind == "duration" and link.group(1) == "for"):
        start_tok = _tokens(text, max(0, obj[0].start - 60), obj[0].start)
        prior = [t for t in start_tok if t.is_word and t.low not in _DETERMINERS]
        verb = prior[-1] if prior and _verbish(prior[-1]) and prior[-1].low not in _AUX else None
        if link.group(1) == "of" or (verb is not None and link.group(1) != "from"):
            toks = list(obj)
            if verb is not None and link.group(1) == "by" and _CHANGE_BEFORE.match(verb.low):
                toks = [verb, *obj]  # "raising fuel prices"
            _set(h, toks)
            h.verb_label = toks[0] is verb
            return
    # 7. what lasts that long: "Police may hold people for no longer than 72 hours"
    timed = h.kind == "duration" or (h.kind == "range" and h.unit in _TIME_UNIT_NAMES)
    if timed and _duration_clause(text, h, lang):
        return
    # 8. the subject of the clause: "Unemployment fell to 4.7%", "The EU pledged €2.3 billion"
    _subject(text, h, lang)
    if not h.label:
        h.reason = h.reason or "nothing in the sentence names what is counted"


def _set(h: _Hit, toks: list[_Tok]) -> None:
    h.label = " ".join(t.text for t in toks)
    h.label_spans = ((toks[0].start, toks[-1].end),)
    h.head = _head_of(h.label)
    h.verb_label = any(t.low in _PARTICIPLES or _is_verb(t) for t in toks[1:])


def _head_of(label: str) -> str:
    """The word naming what is counted: "political prisoners in Belarus" -> "prisoners"."""
    core = label.split(" (")[0].split()
    k = next((i for i, w in enumerate(core) if i and w.lower() in _PREPOSITIONS), len(core))
    nouns = [w for w in core[:k] if w.lower() not in _PARTICIPLES and not _is_verb(_tok(w))]
    return (nouns or core[:k] or [""])[-1]


def _vague_np(toks: list[_Tok], lang: str) -> bool:
    content = [t for t in toks if _is_content(t, lang)]
    if not content:
        return True
    if lang != "en":
        return False
    k = next((i for i, t in enumerate(toks) if i and t.low in _PREPOSITIONS), len(toks))
    core = [t for t in toks[:k] if _is_content(t, lang) or t.low in _NOUN_VERBS]
    return not core or _vague_phrase(core)


_PP_CONTINUE = _ws("of in from across at for among on within")
_NUMBER_WORDS = _ws(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion first second third fourth fifth last next past final"
)


def _np_after(text: str, e: int, kind: str, lang: str) -> list[_Tok]:
    """A short noun phrase from the words right after the value."""
    toks = _tokens(text, e, min(len(text), e + 200))
    i = 0
    out: list[_Tok] = []
    # "79% of respondents", "80 of the seats", "$280bn in profits", "22 years of service"
    lead = ("of", "из", "з", "od", "von", "des", "de", "du")
    if kind == "duration":
        lead = (
            ("of",)
            if not re.match(r"\s+of\s+(?:the|a|an|your|their|his|her|its|our|my)\b", text[e:])
            else ()
        )
        if re.match(r"\s+in\s+(?:prison|jail|custody|detention|office|power|exile)\b", text[e:]):
            lead = ("in",)  # "15 years in prison"; not "7 days in advance"
    # "$900m (£479m) loan": step over a conversion in brackets
    conv = re.match(r"\s*\([^()]{1,30}\d[^()]{0,30}\)", text[e:])
    if conv:
        toks = _tokens(text, e + conv.end(), min(len(text), e + conv.end() + 200))
    had_of = bool(toks[:1] and toks[0].low in lead)
    if toks[:1] and toks[0].low in lead:
        i = 1
        while i < len(toks) and toks[i].low in _DETERMINERS and toks[i].low != "no":
            i += 1
    elif (
        kind == "money"
        and toks[:1]
        and toks[0].low in ("in", "worth")
        and len(toks) > 1
        and (toks[1].low not in _DETERMINERS)
        and not (len(toks) > 2 and toks[2].text[:1].isdigit())
    ):
        i = 1  # "$280bn in profits"
    stops = _stops(lang)
    while i < len(toks) and len(out) < 6:
        t = toks[i]
        low = _bare(t.text)
        if not t.is_word:
            break
        if lang != "en":
            if low in stops or low in _PREPOSITIONS_OTHER or len(out) >= 2:
                break
            if out and lang in ("ru", "uk", "be", "pl", "xx") and _SLAVIC_VERB.search(low):
                break  # "політв'язнів перебувають": a verb
            out.append(t)
            i += 1
            continue
        if low in _PP_CONTINUE and out:
            j = i + 1
            if j < len(toks) and toks[j].low in ("a", "an"):
                break  # "children from a shortlist": not what is counted
            while j < len(toks) and toks[j].low in ("the", "its", "their", "his", "her"):
                j += 1
            pp: list[_Tok] = []
            timely = False
            while j < len(toks) and len(pp) < 3 and _is_content(toks[j], lang):
                word = toks[j]
                if _MONTH_RE.fullmatch(word.text) or word.low in _TIME_NOUNS:
                    timely = True  # "in the closing months": when, not what
                    break
                if word.low in _NUMBER_WORDS:
                    break
                if (
                    pp
                    and pp[-1].text[:1].isupper()
                    and word.text[:1].islower()
                    and toks[j - len(pp) - 1].low == "the"
                ):
                    break  # "people in the UK download …": the name ends the phrase
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if (
                    word.text[:1].islower()
                    and _verbish(word)
                    and (nxt is None or not _is_content(nxt, lang))
                ):
                    break
                pp.append(word)
                j += 1
            if pp and not timely:
                out.extend(toks[i:j])
            break
        if low in ("were", "was", "have", "had", "are", "is", "has", "been") and out:
            # "1,100 Belarusians were detained": keep the participle, it says what happened
            j = i + 1
            while j < len(toks) and toks[j].low in ("been", "being"):
                j += 1
            if j < len(toks) and (
                toks[j].low in _PARTICIPLES
                or (re.fullmatch(r"[a-z]+ed", toks[j].text) and toks[j].low not in _NOT_VERB_ED)
            ):
                out.append(toks[j])
            break
        if out and (t.low in _PARTICIPLES or (re.fullmatch(r"[a-z]+ed", t.text) and _is_verb(t))):
            # "50 people died", "500 people arrested" (not "respondents expressed interest",
            # not "students looked at …")
            if (t.low in _PARTICIPLES or t.low in _ACTION_VERBS or t.low in _INTRANSITIVE) and (
                _intransitive(toks, i)
            ):
                out.append(t)
            break
        if t.low in _NOUN_VERBS and (
            not out or (t.low.endswith("s") and _is_content(out[-1], lang))
        ):
            out.append(t)  # "a 5% rise", "a 2% cut", "20 financial reports"
            i += 1
            continue
        if out and low in ("and", "or") and _coordinated(toks, i + 1, lang):
            out.append(t)  # "61 cloud infrastructure and software stocks"
            i += 1
            continue
        if out and out[-1].text[-1:] in "'’" and re.fullmatch(r"[a-z]+ed", t.text):
            out.append(t)  # "companies' combined … premiums"
            i += 1
            continue
        if not _is_content(t, lang):
            break
        if not out and kind == "percent" and not had_of and not _noun_after_percent(toks, i, lang):
            break  # "1.08% reside outside …": a verb
        if (
            t.text[:1].islower()
            and _verbish(t)
            and i + 1 < len(toks)
            and (toks[i + 1].low in _PREPOSITIONS or toks[i + 1].low in _DETERMINERS)
        ):
            break  # "relating to", "leaving agents"
        if low in _COMPARATIVES and not (
            i + 1 < len(toks) and _is_content(toks[i + 1], lang) and toks[i + 1].low != "than"
        ):
            break  # "19% less than men"; but "a 25% lower risk of dying"
        if out and out[-1].text.endswith("s") and t.low in _NOUN_VERBS and not t.low.endswith("s"):
            break  # "movers offer packing services": a verb after a plural noun
        if _MONTH_RE.fullmatch(t.text) and t.text[:1].isupper():
            break
        out.append(t)
        i += 1
    while (
        out
        and not _is_content(out[-1], lang)
        and not (len(out) > 1 and (out[-1].low in _PARTICIPLES or _is_verb(out[-1])))
    ):
        out.pop()
    return out


def _coordinated(toks: list[_Tok], j: int, lang: str) -> bool:
    """After "and": a phrase that goes on to a plural head ("software stocks"),
    not a new clause ("and part of this has …")."""
    run = []
    while j < len(toks) and _is_content(toks[j], lang) and len(run) < 3:
        run.append(toks[j])
        j += 1
    return any(t.text.islower() and t.low.endswith("s") for t in run)


_NOUN_SUFFIX = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ence|age|ure|ism|ship|th|ery|ing|ers|ors|ists|ees|"
    r"ants|ents|cy|ies|ion|ate|al)s?$"
)


def _noun_after_percent(toks: list[_Tok], i: int, lang: str) -> bool:
    """After "5%" without "of": "growth", "stake in", "YoY growth" are nouns; "reside"
    and "work" are verbs."""
    if lang != "en":
        return True
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.low in _NOUN_VERBS or _NOUN_SUFFIX.search(t.low) or t.text.isupper():
        return True
    return nxt is not None and (_is_content(nxt, lang) or nxt.low in ("of", "in", "on", "for"))


_PREPOSITIONS_OTHER = _ws(
    "против для при после перед через около среди между проти після перед серед між супраць "
    "пасля перад праз сярод przeciw przeciwko podczas według wśród gegen während nach unter "
    "über pendant contre après avant parmi selon"
)
_SLAVIC_VERB = re.compile(
    r"(?:ют|ят|ут|ать|ить|еть|ять|ться|тся|ются|ются|ают|яют|ють|ять|ли|ло|ла|ют|ує|ює|ють|"
    r"ją|ać|ić|eć|ło|ła|li|ły|uje|ują|ają)$"
)


def _np_before(text: str, end: int) -> list[_Tok]:
    """The noun phrase that ends at ``end``: "… the severe sentences given to rail
    partisans", "kept growth", "the limit for foreign direct investment in telecoms"."""
    toks = _tokens(text, max(0, end - 200), end)
    out: list[_Tok] = []
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if not t.is_word:
            break
        low = t.low
        prev = toks[k - 1] if k else None
        if low in ("and", "or") and out and prev is not None and _is_content(prev):
            out.insert(0, t)  # "Finance and insurance ($309.2 billion)"
            continue
        if low in _DETERMINERS or low in _QUANTIFIERS or low in _CONJUNCTIONS or low in _AUX:
            break
        if low in _PREPOSITIONS:
            # a preposition inside the phrase: "limit for … investment in telecoms"
            if (
                out
                and prev is not None
                and prev.is_word
                and (_is_content(prev) or prev.low in _PARTICIPLES)
                and low in ("of", "for", "in", "to", "on", "from")
            ):
                if low == "to" and not (
                    prev.low in _PARTICIPLES or re.fullmatch(r"[a-z]+ed", prev.text)
                ):
                    break  # "options to accommodate": an infinitive
                out.insert(0, t)
                continue
            break
        if _is_adverb(t):
            continue
        if _is_verb(t) or _verbish(t):
            if (
                out
                and (low in _PARTICIPLES or re.fullmatch(r"[a-z]+(?:ed|en)", t.text))
                and (out[0].low in _PREPOSITIONS)
            ):
                out.insert(0, t)  # "sentences given to rail partisans"
                continue
            break
        if not _is_content(t):
            break
        out.insert(0, t)
        if len(out) >= 9:
            break
    while out and (out[0].low in _PREPOSITIONS or not _is_content(out[0])):
        out.pop(0)
    return out


def _of_whom(text: str, h: _Hit) -> None:
    before = text[: h.left]
    found = [
        m
        for m in re.finditer(
            r"\b(?:\d[\d,.]*|hundreds|thousands|dozens|millions|several|many|thousand|hundred|"
            r"million)\s+(?:of\s+)?((?:[^\W\d_][\w'-]*\s+){0,2}?(?:people|[a-z]+s))\b",
            before,
        )
        if _is_content(_tok(m.group(1).split()[-1]))  # "24 was …" is no antecedent
    ]
    if not found:
        return
    m = found[-1]
    noun = re.sub(r"^(?:(?:thousand|hundred|million|dozen)s?\s+(?:of\s+)?)+", "", m.group(1))
    part = ""
    for k, t in enumerate(_tokens(text, h.right, min(len(text), h.right + 80))[:6]):
        if t.low in ("were", "was", "had", "have", "been"):
            continue
        if t.low in _PARTICIPLES or re.fullmatch(r"[a-z]+ed", t.text):
            if k >= 2:
                part = t.text
            break
    h.label = f"{noun} {part}".strip()
    h.label_spans = ((m.start(1), m.end(1)),)
    h.head = noun.split()[-1]
    h.verb_label = bool(part)


_CHANGE_VERBS = _ws(
    """rose rise rises risen fell fall falls fallen grew grow grows grown shrank shrink shrinks
    shrunk increased increase increases decreased decrease decreases dropped drop drops climbed
    climb climbs jumped jump jumps soared soar soars plunged plunge plunges slumped slump slumps
    slipped slip slips slid slide slides declined decline declines gained gain gains lost lose
    loses cut cuts raised raise raises lowered reduced reduces expanded expand expands
    contracted contract contracts doubled tripled halved surged surge surges tumbled tumble
    tumbles edged edge edges slowed slows eased eases accelerated widened narrowed"""
)
_HAVE_VERBS = _ws(
    """pledged pledge pledges spent spend spends paid pay pays cost costs raised raise raises
    invested invest invests earned earn earns received receive receives allocated allocate
    promised promise promises borrowed borrow owed owe owes lent lend lends gave give gives
    won win wins sold sell sells bought buy buys made make makes lost lose loses donated
    donate granted grant offered offer offers awarded award approved approve set sets
    earmarked budgeted charged charge charges fined fine collected collect saved save
    generated generate voted vote votes took take takes secured secure secures attracted
    gained gain gains ruled rule rules served serve serves lasted last lasts lived live
    lives held hold holds stayed stay stays worked work works employed employ
    employs hired hire hires cut cuts posted post posts reported reports produced produce
    produces exported export exports imported import imports"""
)
_LEVEL_VERBS = _ws(
    "is are was were stands stood reached reaches hit hits totalled totaled totals numbered "
    "amounted amounts came comes stayed remained remains rose fell grew climbed dropped "
    "increased decreased jumped surged soared declined shrank doubled slowed eased"
)


def _clause_start(text: str, start: int) -> int:
    cut = 0
    for m in re.finditer(
        r"[;:()\[\]“”\"]|,\s|\s[–—-]\s|\b(?:but|while|whereas|although|though|because|which|who|"
        r"that|when|where|and|if|after|before|as|so)\b|\b(?:said|says|say|told|reported|"
        r"announced|added|noted|estimated|believes|believe|expects|expect|thinks|warned|"
        r"confirmed|revealed|showed|shows|found|suggests|suggested|predicted|argued|claimed)\s",
        text[:start],
    ):
        word = m.group().strip()
        if word in ("who", "which", "that") and _relative(text, m.start(), m.end(), start):
            continue
        cut = m.end()
    return cut


def _relative(text: str, pos: int, end: int, start: int) -> bool:
    """ "customers who bundle … may save up to 40%": "who" opens a relative clause
    inside the subject (a noun before it, and a verb of the main clause after it)."""
    before = _tokens(text, max(0, pos - 40), pos)
    if not before or not _is_content(before[-1]) or before[-1].text[:1].isupper():
        return False
    after = _tokens(text, end, start)
    if not after or after[0].low in _DETERMINERS or _bare(after[0].text) in _PRONOUNS:
        return False  # "the news that the firm had been fined": what the news says
    verbs = [t for t in after if _is_verb(t) or t.low in _AUX]
    return len(verbs) >= 2


def _skip_adverbials(toks: list[_Tok]) -> list[_Tok]:
    """Without the words that open a clause but are not its subject: "Last year",
    "In 2020", "Now", "So far"."""
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.low in ("last", "this", "next") and nxt is not None and nxt.low in _TIME_NOUNS:
            i += 2
            continue
        if (
            t.low in ("in", "on", "by", "since", "during", "for")
            and nxt is not None
            and (not nxt.is_word or _MONTH_RE.fullmatch(nxt.text))
        ):
            i += 2
            continue
        if _is_adverb(t) or t.low in ("so", "far", "then", "meanwhile", "now", "overall", "only"):
            i += 1
            continue
        if not t.is_word:
            i += 1
            continue
        break
    return toks[i:]


def _duration_clause(text: str, h: _Hit, lang: str) -> bool:
    """ "Police may hold people for no longer than 72 hours": what lasts that long is
    the clause before "for", word for word (a modal kept: "may hold" is not "hold")."""
    left = h.left
    link = re.search(r"\s(?:for|within|during|over)\s+$", text[:left])
    end = link.start() if link else left
    cs = _clause_start(text, end)
    toks = _skip_adverbials(_tokens(text, cs, end))
    subj, k = _subject_np(toks, lang) if toks else (None, 0)
    while subj and k < len(toks) - 1 and _is_adverb(toks[k]):
        k += 1  # "Creators only need to stream …"
    if not subj or k >= len(toks) or _vague_phrase(subj):
        return False
    if not (_is_verb(toks[k], lang) or toks[k].low in _AUX):
        return False
    while subj and subj[0].low in _DETERMINERS:
        subj = subj[1:]
    if any(t.text[:1].isdigit() for t in toks[k:]):
        return False  # "won in 14 minutes 32.93 seconds": another number in between
    rest = [t for t in toks[k:] if t.is_word]
    while rest and (
        rest[-1].low in _PREPOSITIONS
        or rest[-1].low in _QUANTIFIERS
        or rest[-1].low in _DETERMINERS
        or rest[-1].low in ("every", "each")
        or _is_adverb(rest[-1])
    ):
        rest = rest[:-1]  # "crossed the line just", "is created every"
    if all(t.low in _AUX or t.low in _LEVEL_VERBS or _is_adverb(t) for t in rest):
        rest = []  # "Prison terms were between 21 and 23 years": the terms themselves
    words_ = [*subj, *rest]
    words_ = [t for t in words_ if t.is_word or t.text in ("'", "’", "-")]
    if not subj or len(words_) > 9:
        return False
    h.label = text[words_[0].start : words_[-1].end]
    h.label_spans = ((words_[0].start, words_[-1].end),)
    h.head = _head_of(" ".join(t.text for t in subj))
    h.verb_label = bool(rest)
    return True


def _subject(text: str, h: _Hit, lang: str) -> None:
    """Label ``h`` from the subject of its clause (and the verb, for a change or a sum)."""
    left = h.left
    cs = _clause_start(text, left)
    toks = _skip_adverbials(_tokens(text, cs, left))
    if not toks:
        h.need = "borrow"  # "…, the actual number is believed to exceed 12,000": a bare number
        return
    subj, k = _subject_np(toks, lang)
    if subj is None:
        return  # "to 5%", "by 5%": no subject in reach
    verb_toks = toks[k:]
    verb_words = [t for t in verb_toks if t.is_word]
    np = _clean_np(subj)
    pronoun = not np or all(_bare(t.text) in _PRONOUNS for t in np) or _vague_phrase(np)
    gapped = re.search(r"(?:,|\band)\s*$", text[:cs]) and re.search(r"\d", text[: max(0, cs - 1)])
    if not verb_words and subj and h.kind in ("money", "percent") and not pronoun and gapped:
        # gapping: "The EU pledged €2.3 billion, the fund $5 million"
        h.label = " ".join(t.text for t in np)
        h.label_spans = ((np[0].start, np[-1].end),)
        h.head = np[-1].text
        h.need = "gapped"
        return
    if pronoun:
        h.need = "borrow"  # "this figure has now risen to 97%", "it exceeded 12,000"
        if np and _vague_phrase(np):
            h.need = "vague"
        return
    verb = _main_verb(verb_toks)
    last = verb_words[-1].low if verb_words else ""
    to_level = last in ("to", "at", "of")  # "fell to 4.7%", "stood at 5%"
    if verb is None:
        return
    if h.kind in ("count", "range", "measure") and (
        verb.low not in _LEVEL_VERBS and verb.low not in _HAVE_VERBS
    ):
        return
    label_toks = list(np)
    comparative = _COMPARE_AFTER.match(text, h.right)
    if (not to_level and (verb.low in _CHANGE_VERBS or verb.low in _HAVE_VERBS)) or (
        h.kind == "duration" and verb.low not in _LEVEL_VERBS
    ):
        label_toks.append(verb)
    elif h.kind == "duration":
        return
    if comparative:
        if verb not in label_toks:
            label_toks.append(verb)
        label_toks += _tokens(text, comparative.start(1), comparative.end())
    h.label = " ".join(t.text for t in label_toks)
    h.label_spans = tuple((t.start, t.end) for t in label_toks)
    h.head = np[-1].text
    h.verb_label = len(label_toks) > len(np)


# "19% less than men": what the difference is measured against
_COMPARE_AFTER = re.compile(
    r"\s+((?:more|less|higher|lower|larger|smaller|bigger|greater|cheaper|fewer|longer|shorter|"
    r"better|worse|faster|slower)\s+(?:[a-z]+\s+)?than\s+(?:the\s+)?[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2}?)"
    r"(?=[,.;:)]|\s+(?:in|on|at|according|and|but|while|who|which)\b|$)"
)


def _subject_np(toks: list[_Tok], lang: str) -> tuple[list[_Tok] | None, int]:
    """The noun phrase that opens a clause, and where it ends."""
    if (
        toks
        and _bare(toks[0].text) in _PRONOUNS
        and toks[0].low not in ("this", "that", "these", "those")
    ):
        return [toks[0]], 1
    subj: list[_Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if not t.is_word:
            if t.text in ("'", "’", "-") and subj:
                k += 1
                continue
            break
        if _is_verb(t, lang) or t.low in _AUX:
            # "full-time work earn": a noun that looks like a verb, before the verb
            if (
                subj
                and t.low in _NOUN_VERBS
                and nxt is not None
                and (_is_verb(nxt, lang) or nxt.low in _AUX or nxt.low in ("on", "in", "of", "for"))
            ):
                subj.append(t)
                k += 1
                continue
            break
        if (
            t.low in _DETERMINERS
            and subj
            and subj[-1].low not in _PREPOSITIONS
            and subj[-1].low != "and"
        ):
            break  # "Isinbayeva broke her own record": a new phrase
        if t.low in _PREPOSITIONS:
            if not subj:
                return None, 0
            if (
                t.low in ("of", "in", "for", "at", "from", "on", "with", "to", "per")
                and nxt is not None
                and (
                    (_is_content(nxt, lang) and not _is_verb(nxt, lang)) or nxt.low in _DETERMINERS
                )
                and not (t.low == "to" and nxt.low in _NOUN_VERBS)
            ):
                subj.append(t)
                k += 1
                continue
            break
        if t.low == "and" and subj and nxt is not None and _is_content(nxt, lang):
            subj.append(t)  # "the Trade and Industry Secretary"
            k += 1
            continue
        if t.low in _CONJUNCTIONS or (_is_adverb(t) and subj):
            break
        if not (
            _is_content(t, lang)
            or t.low in _DETERMINERS
            or t.low in _QUANTIFIERS
            or _is_adverb(t)
            or _bare(t.text) in _PRONOUNS
        ):
            break
        subj.append(t)
        k += 1
    return subj, k


def _clean_np(subj: list[_Tok]) -> list[_Tok]:
    """ "The number of political prisoners in Belarus" -> "political prisoners in Belarus"."""
    toks = [t for t in subj if t.is_word]
    while toks and (
        toks[0].low in _DETERMINERS or toks[0].low in _QUANTIFIERS or _is_adverb(toks[0])
    ):
        toks = toks[1:]
    # "the number of X", "the share of X": X is what is counted
    for k, t in enumerate(toks):
        if t.low == "of" and k and all(_is_vague(x.text) or not _is_content(x) for x in toks[:k]):
            rest = toks[k + 1 :]
            while rest and rest[0].low in _DETERMINERS:
                rest = rest[1:]
            toks = rest
            break
    while toks and not (_is_content(toks[-1]) or toks[-1].low in _NOUN_VERBS):
        toks = toks[:-1]
    if len(toks) > 7:
        toks = toks[-7:]
        while toks and not _is_content(toks[0]):
            toks = toks[1:]
    return toks


def _main_verb(verb_toks: list[_Tok]) -> _Tok | None:
    for verbs in (_CHANGE_VERBS, _HAVE_VERBS):
        for t in reversed(verb_toks):
            if t.low in verbs:
                return t  # the one nearest the number: "customers who bundle … may save"
    for t in verb_toks:
        if not t.is_word:
            continue
        if t.low in _AUX or t.low in ("not", "now", "already", "also", "still", "just"):
            continue
        if t.low in _LEVEL_VERBS:
            return t
        if _is_verb(t):
            return t
        if t.low in ("up", "down"):
            return t
    for t in verb_toks:
        if t.low in _LEVEL_VERBS:
            return t
    first = next((t for t in verb_toks if t.is_word), None)
    if first is not None and first.text[:1].islower() and _bare(first.text) not in _stops("en"):
        return first  # a verb the lists do not know: "Ethiopians depend"
    return None


def _borrow_label(text: str, h: _Hit, live: list[_Hit]) -> None:
    """An unlabelled number shares the noun of a labelled one in the same sentence:
    "1,445 political prisoners in Belarus, … believed to exceed 12,000"."""
    donors = [
        d
        for d in live
        if d is not h
        and d.label
        and d.kind == h.kind
        and not d.need
        and not d.verb_label
        and d.total_of < 0
    ]
    if h.kind == "count" and not _is_big(text[h.s : h.e]):
        donors = []
    # only a bare number at the end of its clause ("… exceed 12,000.") or after a
    # vague subject ("the actual number is …") takes another's noun
    bare_end = re.match(r"\s*(?:[.,;:!?]|$)", text[h.right :])
    if not donors or not (bare_end or h.need == "vague" or _verb_after(text, h.right)):
        return
    d = min(donors, key=lambda d: abs(d.s - h.s))
    h.label, h.head, h.label_spans = d.label, d.head, ()
    verb = _verb_after(text, h.right)
    if verb:
        h.label, h.verb_label = f"{h.label} {verb}", True
    h.need = ""


def _is_big(value: str) -> bool:
    digits = re.sub(r"\D", "", value.split(".")[0])
    return len(digits) >= 3 or bool(re.search(r"[a-z]", value, re.IGNORECASE))


@lru_cache(maxsize=1024)
def _previous_labels(previous: str, lang: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (c.kind, re.sub(r" \([^()]*\)$", "", c.label))
        for c in _analyse(previous, "", lang)
        if c.eligible and c.label and not c.from_previous
    )


def _label_from_previous(text: str, h: _Hit, prev: tuple[tuple[str, str], ...]) -> None:
    """ "this figure has now risen to 97%": what the sentence before counted."""
    same = {_noun_part(label) for kind, label in prev if kind == h.kind}
    if len(same) != 1:
        return
    h.label = same.pop()
    h.head = _head_of(h.label)
    verb = _verb_after(text, h.right)
    if verb:
        # "Only 3 per cent agreed with it": respondents who agreed, not all of them
        h.label = f"{h.label} {verb}"
        h.verb_label = True
    h.need = ""
    h.from_previous = True


def _noun_part(label: str) -> str:
    """ "respondents opposed" -> "respondents": who, without what they did."""
    ws = label.split()
    k = next(
        (i for i, w in enumerate(ws) if i and (w.lower() in _PARTICIPLES or _is_verb(_tok(w)))),
        len(ws),
    )
    return " ".join(ws[:k])


def _verb_after(text: str, e: int) -> str:
    """The verb right after a number used as a subject: "3 per cent agreed" -> "agreed"."""
    toks = _tokens(text, e, min(len(text), e + 60))
    i = 0
    while i < len(toks) and (toks[i].low in _AUX or _is_adverb(toks[i])):
        i += 1
    if i < len(toks) and toks[i].is_word and toks[i].low not in ("said", "say", "says", "told"):
        t = toks[i]
        if (t.low in _PARTICIPLES or (_is_verb(t) and t.low not in _AUX)) and _intransitive(
            toks, i
        ):
            return t.text
    return ""


def _intransitive(toks: list[_Tok], i: int) -> bool:
    """Whether the verb at ``i`` has no object after it ("died.", "agreed with it"):
    "respondents expressed interest in …" names the respondents, not what they did."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.low == "that":
        return False  # "a study that followed 105,000 adults found that …"
    return nxt is None or not nxt.is_word or nxt.low in _PREPOSITIONS or nxt.low in _CONJUNCTIONS


def _meaningful(h: _Hit, lang: str) -> bool:
    """Whether a label names something a reader can take the number to count."""
    ws = h.label.split()
    if not ws or len(ws) > 12:
        return False
    if lang != "en":
        return any(len(w) >= 3 and w.lower() not in _stops(lang) for w in ws)
    head = h.head or _head_of(h.label)
    content = [w for w in ws if _is_content(_tok(w))]
    if not content or not head:
        return False
    low = _bare(head)
    core_toks = [_tok(w) for w in re.sub(r" \([^()]*\)$", "", h.label).split()]
    if _vague_phrase(core_toks) or low in _stops(lang) or low in _TIME_NOUNS:
        return False
    if low in _COMPARATIVES or low in _DIMENSIONS or low in ("ago", "risen"):
        return False  # "10 metres tall", "8 hours long"
    if re.search(r"(?:ive|ous|ful|able|ible)$", low) and head.islower() and not h.verb_label:
        return False  # "active on Instagram": an adjective
    if _MONTH_RE.fullmatch(head) or _WEEKDAY_RE.fullmatch(head):
        return False
    common = [w for w in content if w[:1].islower() or (w.isupper() and len(w) > 1)]
    if h.kind == "percent" and not common and not h.verb_label:
        return False  # "90% — Belarus": a percentage of what?
    # "1,100 Belarusians" names people; "13 Apple" names nothing counted
    plural_name = h.kind == "count" and _bare(head).endswith("s")
    if (
        h.kind in ("count", "money")
        and not common
        and not h.verb_label
        and not plural_name
        and h.need != "gapped"
    ):
        return False
    if h.kind == "count" and head.isupper() and not h.verb_label and len(content) == 1:
        return False  # "the 5 NFC": a model name
    if all(_bare(w) in _NUMBER_WORDS for w in content):
        return False  # "two (2) years"
    if len(content) == 1 and "-" in content[0] and content[0].islower() and len(ws) == 1:
        return False  # "full-time", "one-way": a modifier without its noun
    head_tok = _tok(head)
    if _verbish(head_tok) and head.lower() not in _NOUN_VERBS:
        return False  # "seeking", "saying", "start"
    return not _is_adverb(head_tok)


# -- scope ------------------------------------------------------------------

_DATE_CORE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:(?:and|–|-|to)\s+\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:and|–|-|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
    rf"|(?:early|mid|late)[- ]{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}(?:\s+\d{{4}})?"
    r"|(?:the\s+)?(?:summer|winter|spring|autumn|first|second|third|fourth|last|final)\s+"
    r"(?:half\s+|quarter\s+)?of\s+\d{4}"
    r"|(?:1[5-9]\d\d|20\d\d)\s+and\s+(?:1[5-9]\d\d|20\d\d)"
    r"|(?:1[5-9]\d\d|20\d\d)(?:[-–/](?:\d\d|\d{4}))?"
    r"|Q[1-4](?:\s+of)?\s+(?:1[5-9]\d\d|20\d\d)|(?:fiscal|FY)\s?(?:1[5-9]\d\d|20\d\d)"
    rf"|(?:{_WEEKDAYS})"
    r"|(?:last|this|next|the\s+past|the\s+previous|the\s+last|the\s+first|the\s+next)\s+"
    r"(?:year|month|week|decade|quarter|summer|winter|spring|autumn|weekend|"
    r"(?:\d+|few|several|two|three|four|five|six|ten|twelve)\s+(?:years|months|weeks|days|decades))"
    r"|(?:the\s+)?(?:\w+\s+){0,2}(?:months?|year|weeks?|quarter)\s+to\s+"
    rf"(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{4}})?"
    r"|yesterday|today|this\s+morning|last\s+night)"
)
# "from 2021 to 2022", "from March 2020 to July 2022": the whole period, never half of it
_DATE_RANGE = (
    rf"(?:{_MONTH}\s+)?(?:1[5-9]\d\d|20\d\d)\s+(?:to|until|through|and|–|-)\s+"
    rf"(?:{_MONTH}\s+)?(?:1[5-9]\d\d|20\d\d)"
)
_DATE_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?:in|on|since|during|by|until|till|from|as\s+of|for|over|throughout|"
    rf"at\s+the\s+(?:start|end|beginning)\s+of|in\s+(?:early|mid|late)|between|before|after)\s+"
    rf"(?:the\s+)?)?(?:{_DATE_RANGE}|{_DATE_CORE})(?![\w’'-])",
    re.IGNORECASE,
)
_DATE_INTL = re.compile(
    r"(?<!\w)(?:в|у|w|im|in|en|au|з|с|od|seit|depuis)\s+(?:Jahr\s+)?(?:1[5-9]\d\d|20\d\d)"
    r"(?:\s+(?:году|годзе|годзе|році|roku|r\.))?",
    re.IGNORECASE,
)
_PLACE_PHRASE = re.compile(
    r"(?<![\w-])(?:in|across|throughout|inside|within|outside)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+){0,2})"
)
_SCOPE_OPENERS = re.compile(
    r"(?:In|On|At|During|Since|After|Before|By|Last|This|Across|Throughout|For|Over|Until|"
    r"Between|From|Following|Amid|As of)\b",
)


def _segment(text: str, pos: int) -> tuple[int, int]:
    """The part of the sentence a number's scope can come from: its own clause
    (split at ";", dashes, "while", "whereas", "but", ", and"), plus a
    sentence-initial adverbial ("In 2020, …")."""
    cuts = [0]
    for m in re.finditer(r";|\s[–—-]\s|,?\s(?:while|whereas|but|although)\s|,\s(?:and|as)\s", text):
        cuts.append(m.start() if m.start() > pos else m.end())
    lead = re.match(r"(?:While|Whereas|Although|Though)\b[^,;]*,\s", text)
    if lead:
        cuts.append(lead.end() - 2 if lead.end() - 2 > pos else lead.end())
    lo = max(c for c in cuts if c <= pos)
    later = [c for c in cuts if c > pos]
    hi = min(later) if later else len(text)
    return lo, hi


def _busy_spans(h: _Hit) -> tuple[tuple[int, int], ...]:
    spans = [(h.s, h.e)]
    if h.qualifier:
        spans.append((min(h.qs, h.qe, h.s), max(h.qs, h.qe, h.e)))
    spans.extend(h.label_spans)
    return tuple(spans)


def _scope_parts(
    text: str,
    busy: tuple[tuple[int, int], ...],
    segment: tuple[int, int],
    lang: str,
    anchor: tuple[int, int] | None = None,
) -> dict[str, tuple[int, int, str]]:
    """{"date"|"place"|"event": (start, end, phrase)}, one of each kind.

    With ``anchor`` (the figure's own sentence): a sentence-initial adverbial
    ("In 2020, …") first, else the phrase nearest the number; an event must
    come with a preposition ("during the protests") or a year ("the 2020
    protests"), not be the sentence's subject or object. Without (the
    sentence before): the first of each kind.
    """
    lo, hi = segment
    head_end = 0
    opener = _SCOPE_OPENERS.match(text.lstrip(" \"“'‘("))
    comma = text.find(",")
    if opener and 0 < comma < 80:
        head_end = comma

    def free(s: int, e: int) -> bool:
        in_segment = (lo <= s and e <= hi) or e <= head_end
        return in_segment and not any(a < e and s < b for a, b in busy)

    found = {
        kind: [x for x in items if free(x[0], x[1])]
        for kind, items in _scope_candidates(text, lang).items()
    }
    if anchor is not None:
        # "The Black Friday campaign offers …": the subject, not when
        found["event"] = [
            x
            for x in found["event"]
            if re.match(
                r"(?:during|at|after|before|in|since|following|amid|throughout)\s", x[2], re.I
            )
            or re.search(r"\b(?:1[5-9]\d\d|20\d\d)\b", x[2])
        ]
    parts: dict[str, tuple[int, int, str]] = {}
    for kind, items in found.items():
        if not items:
            continue
        if anchor is None:
            parts[kind] = min(items)
            continue
        heads = [x for x in items if x[1] <= head_end]
        if heads:
            parts[kind] = heads[0]
            continue
        near = [x for x in items if _distance(x, anchor)[0] <= 90]
        if near:
            parts[kind] = min(near, key=lambda x: _distance(x, anchor))
    # an event phrase that holds the date ("the 2020 protests"): keep it once
    for k in ("date", "place"):
        if k in parts and "event" in parts:
            a, b, _p = parts[k]
            ea, eb, _e = parts["event"]
            if ea <= a and b <= eb:
                del parts[k]
            elif a <= ea and eb <= b:
                del parts["event"]
    return parts


@lru_cache(maxsize=2048)
def _scope_candidates(text: str, lang: str) -> dict[str, tuple[tuple[int, int, str], ...]]:
    """Every phrase of ``text`` that says when, where or at what event."""
    found: dict[str, list[tuple[int, int, str]]] = {"date": [], "place": [], "event": []}
    if _MAYBE_DATE.search(text):
        for m in _DATE_PHRASE.finditer(text):
            phrase = m.group().strip().rstrip(".")
            if _good_date(phrase):
                found["date"].append((m.start(), m.start() + len(phrase), phrase))
    if lang != "en":
        for m in _DATE_INTL.finditer(text):
            found["date"].append((m.start(), m.end(), m.group()))
    listing = text.count(";") >= 2  # "in Miami; Chicago; …; throughout New Mexico"
    for m in _PLACE_PHRASE.finditer(text):
        if listing or _LIST_GOES_ON.match(text, m.end()):
            continue  # "in Miami; Chicago; Atlanta …": one place of a list is not the scope
        first = m.group("name").split()[0]
        if len(m.group("name").split()) == 1 and re.search(r"(?:ish|ese|ian|ic)$", first):
            continue  # "in English", "in Russian": a language, not a place
        if _MONTH_RE.fullmatch(first) or _WEEKDAY_RE.fullmatch(first):
            continue
        if first.lower() in _stops("en") or re.match(r"Q[1-4]\b", first):
            continue
        found["place"].append((m.start(), m.end(), m.group()))
    for m in _COUNTRY_PHRASES.finditer(text):
        found["place"].append((m.start(), m.end(), m.group()))
    for m in _PLACE_WORD_RE.finditer(text):
        found["place"].append((m.start(), m.end(), m.group()))
    for m in _EVENT_NOUN_RE.finditer(text):
        # the noun and up to five words before it, joined by spaces only
        start = m.start()
        for _ in range(5):
            w = re.search(r"[\w’'-]+\s+$", text[max(0, start - 40) : start])
            if not w or (start - len(w.group())) < 0:
                break
            start -= len(w.group())
        window = text[start : m.end()]
        phrase = _trim_event(window)
        if phrase:
            s = start + window.rfind(phrase)
            if re.search(r"\baccording\s*$", text[:s]) or phrase.lower().startswith("to "):
                continue  # "according to a 2024 federal survey": who says it, not when
            nxt = re.match(r"\s+([a-z][\w-]*)", text[s + len(phrase) :])
            if nxt and nxt.group(1) not in _FUNCTION:
                continue  # "in pandemic recovery funds": a modifier, not an event
            found["event"].append((s, s + len(phrase), phrase))
    return {k: tuple(v) for k, v in found.items()}


_MAYBE_DATE = re.compile(
    rf"\d|\b(?:{_MONTHS_EN}|{_WEEKDAYS}|year|month|week|decade|quarter|summer|winter|spring|"
    r"autumn|weekend|yesterday|today|night|morning)",
    re.IGNORECASE,
)
_PLACE_WORD_RE = re.compile(r"\b(?:" + "|".join(_PLACE_WORDS) + r")\b", re.IGNORECASE)
_EVENT_NOUN_RE = re.compile(rf"(?<![\w-])(?:{_EVENT_NOUNS})\b", re.IGNORECASE)


def _distance(x: tuple[int, int, str], anchor: tuple[int, int]) -> tuple[int, int]:
    """How far a phrase is from the number: after it is nearer than before it."""
    vs, ve = anchor
    return (x[0] - ve, 0) if x[0] >= ve else (vs - x[1] + 5, 1)


def _good_date(phrase: str) -> bool:
    has_prep = bool(
        re.match(
            r"(?:in|on|since|during|by|until|till|from|as of|for|over|throughout|at the|between|"
            r"before|after)\s",
            phrase,
            re.IGNORECASE,
        )
    )
    bare = re.sub(
        r"^(?:in|on|since|during|by|until|till|from|as of|for|over|throughout|at the (?:start|end|"
        r"beginning) of|between|before|after)\s+(?:the\s+)?",
        "",
        phrase,
        flags=re.IGNORECASE,
    )
    if _MONTH_EN_RE.fullmatch(bare) and bare[:1].islower():
        return False  # "may", "march"
    if bare.lower() in ("may", "march") and not has_prep:
        return False
    if re.fullmatch(r"\d{4}", bare) and not has_prep:
        return False  # a bare year is often a name ("the 2020 protests": an event)
    if _WEEKDAY_RE.fullmatch(bare) and not has_prep:
        return False  # "the Sunday Telegraph"
    if _MONTH_EN_RE.fullmatch(bare) and not has_prep:
        return False
    return bool(re.search(r"\d|[A-Za-z]", bare))


def _trim_event(phrase: str) -> str:
    ws = phrase.split()
    # keep the event's name, not what comes before it: "Many anti-war rallies",
    # "profit for the quarter"
    out: list[str] = []
    for i, w in enumerate(ws):
        low = w.lower()
        last = i == len(ws) - 1
        if last:
            out.append(w)
            break
        if low in _PREPOSITIONS and i > 0:
            out = [w]
            continue
        if low in _QUANTIFIERS or (
            low in _stops("en") and low not in _PREPOSITIONS and low not in ("the", "a", "an")
        ):
            out = []
            continue
        modifier = bool(out) and (
            out[-1].lower() in ("the", "a", "an") or _is_adverb(_tok(out[-1]))
        )
        if modifier and (re.fullmatch(r"[a-z]+ed", w) or _is_adverb(_tok(w))):
            out.append(w)  # "the previously scheduled referendum"
            continue
        if _is_verb(_tok(w)) or re.search(r"[,.;:]$", w) or _verbish(_tok(w)):
            out = []
            continue
        out.append(w)
    while out and out[0].lower() == "of":
        out = out[1:]
    while out and out[0].lower() in (
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "these",
    ):
        if len(out) > 1 and out[0].lower() in ("the",):
            break
        out = out[1:]
    text = " ".join(out)
    if re.fullmatch(
        r"(?:(?:in|at|for|over|during|after|before)\s+)?(?:the\s+|a\s+|an\s+)?"
        r"(?:quarter|season|polls?|research|study|surveys?|war|talks|operation|conflict|crisis|"
        r"trial|games|attacks?|offensive|strikes?|campaigns?|conference|hearings?)",
        text,
        re.IGNORECASE,
    ):
        return ""  # too vague on their own
    return text


def _merge_scope(
    prev: dict[str, tuple[int, int, str]], own: dict[str, tuple[int, int, str]], shift: int
) -> tuple[dict[str, tuple[int, int, str]], bool]:
    """Scope for a sentence that points back: what the sentence before says, unless
    the sentence says it itself. A date of its own ("in March") overrides the
    earlier sentence's date and the event tied to it."""
    taken = {k: (s - shift - 1, e - shift - 1, p) for k, (s, e, p) in prev.items()}
    if "date" in own and "date" in prev:
        taken.pop("event", None)
    for k in own:
        taken.pop(k, None)
    return {**taken, **own}, bool(taken)


def _join_scope(parts: dict[str, tuple[int, int, str]], label: str) -> str:
    label_stems = _stems(label)
    chosen = []
    for _k, (s, _e, phrase) in parts.items():
        if _stems(phrase) <= label_stems:
            continue  # the label says it already
        chosen.append((s, phrase))
    chosen.sort()
    out = ""
    for _s, phrase in chosen:
        if not out:
            out = phrase
        elif phrase.split()[0].lower() in _PREPOSITIONS:
            out = f"{out} {phrase}"
        else:
            out = f"{out}, {phrase}"
    return out


# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

_KIND_WEIGHT = {
    "money": 1.0,
    "percent": 1.0,
    "range": 0.9,
    "duration": 0.7,
    "measure": 0.7,
    "count": 0.6,
}


@dataclass(frozen=True)
class _Found:
    figure: Figure
    order: int
    relevance: int
    salience: float


def find_figures(
    articles: Sequence[Article],
    *,
    about: Sequence[str] = (),
    top: int = 4,
    shown: Sequence[Figure] = (),
) -> list[Figure]:
    """The ``top`` most relevant key figures in ``articles``.

    Only eligible candidates (:func:`figures_in_sentence`) are considered.
    With ``about`` terms, only figures whose own clause, label or scope
    mentions at least one of them (all the words of a multi-word term, matched
    by stem) are kept, the ones matching more terms first; then by salience
    (money and shares over bare counts, earlier in an article over later),
    then source order. The same value about an overlapping noun is kept once;
    of two figures that count the same thing with different values, the
    weaker is dropped unless the qualifier, scope or attribution (which the
    box prints) tells them apart. ``shown``: figures the brief already shows
    (in an earlier section): they are not repeated, nor contradicted.
    """
    terms = [t for t in (_stems(a) for a in about) if t]
    found: list[_Found] = []
    for article in articles:
        lang = _lang(article.language or "en")
        for para in article.body_paragraphs:
            prev: Sentence | None = None
            for sentence in para.sentences:
                if re.search(r"\d", sentence.text) and (
                    not terms or any(t <= _stems(sentence.text) for t in terms)
                ):
                    previous = prev.text if prev is not None else ""
                    for c in _analyse(sentence.text, previous, lang):
                        if not c.eligible:
                            continue
                        relevance = 0
                        if terms:
                            lo, hi = _segment(sentence.text, c.start)
                            own = _stems(f"{sentence.text[lo:hi]} {c.label} {c.scope}")
                            relevance = sum(1 for t in terms if t <= own)
                            if not relevance:
                                continue
                        scope = _dated(c.scope, article.date)
                        if scope is None:
                            continue  # "on Sunday", and the article's date is unknown
                        fig = Figure(
                            value=c.value,
                            label=c.label,
                            source_id=article.id,
                            paragraph_id=para.id,
                            sentence=sentence,
                            start=sentence.start + c.start,
                            end=sentence.start + c.end,
                            qualifier=c.qualifier,
                            unit=c.unit,
                            scope=scope,
                            context=prev if c.from_previous else None,
                            kind=c.kind,
                            qualifier_after=c.qualifier_after,
                        )
                        found.append(_Found(fig, len(found), relevance, _salience(fig, c)))
                prev = sentence
    ranked = sorted(found, key=lambda f: (-f.relevance, -f.salience, f.order))
    out: list[Figure] = []
    for f in ranked:
        fig = f.figure
        if any(_same_fact(fig, other) or _contradicts(fig, other) for other in (*shown, *out)):
            continue
        out.append(fig)
        if len(out) >= top:
            break
    return out


def _salience(fig: Figure, c: Candidate) -> float:
    weight = _KIND_WEIGHT.get(fig.kind, 0.5) + 0.5
    if fig.scope:
        weight += 0.1
    if c.from_previous:
        weight -= 0.1
    if len(fig.label.split()) > 7:
        weight -= 0.1
    # a number in a relative clause ("which submitted 45 candidates") is a side fact
    lo = max(0, c.start - 60)
    if re.search(r"\b(?:which|who|whose)\b[^,;]*$", fig.sentence.text[lo : c.start]):
        weight -= 0.2
    # Earlier in the article (offsets) is more likely the headline number.
    weight += 0.3 / (1 + fig.start / 2000)
    return weight


def _head_stems(label: str) -> frozenset[str]:
    head = _head_of(label)
    return frozenset([stem(_bare(head))]) if head else frozenset()


def _verb_stems(label: str) -> frozenset[str]:
    core = re.sub(r" \([^()]*\)$", "", label).split()
    return frozenset(
        stem(w.lower()) for w in core[1:] if w.lower() in _PARTICIPLES or _is_verb(_tok(w))
    )


def _dated(scope: str, date: str | None) -> str | None:
    """A scope with the date of 'last year' or 'on Sunday' added in brackets, as drafted
    sentences get it ('last year [2023]'); None when it cannot be dated."""
    if not scope:
        return scope
    from .standalone import apply_insertions, relative_date_insertions

    insertions, why = relative_date_insertions(scope, date)
    if why:
        return None
    return apply_insertions(scope, insertions)


def _same_fact(a: Figure, b: Figure) -> bool:
    """The same value about an overlapping noun, however many sources repeat it
    ("more than 20,000 students" and "the 20,000 students": one fact, told twice)."""
    if _normal_value(a.value) != _normal_value(b.value):
        return False
    la, lb = _stems(a.label), _stems(b.label)
    return not la or not lb or bool(la & lb)


def _contradicts(a: Figure, b: Figure) -> bool:
    """Two counts of the same thing with different values, and nothing the box
    prints (qualifier, scope, who gives the number) to tell them apart."""
    if a.unit != b.unit or _normal_value(a.value) == _normal_value(b.value):
        return False
    if not (_head_stems(a.label) & _head_stems(b.label)):
        return False
    if _verb_stems(a.label) != _verb_stems(b.label):
        return False  # "respondents opposed" and "respondents agreed" are two groups
    if a.qualifier != b.qualifier or a.scope != b.scope:
        return False
    return _attribution_of(a.label) == _attribution_of(b.label)


def _attribution_of(label: str) -> str:
    m = re.search(r"\(([^()]*)\)$", label)
    return m.group(1) if m else ""


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in words(text) if w.lower() not in STOP_WORDS)


def _normal_value(value: str) -> str:
    v = re.sub(r"\s+", " ", value.lower()).replace("per cent", "%").replace(" %", "%")
    v = re.sub(r"^(?:between|from) ", "", v)
    return re.sub(r" (?:and|to) |[–—]", "-", v)


# ---------------------------------------------------------------------------
# Curated figures
# ---------------------------------------------------------------------------


def qualifier_dropped(value: str, quote: str, *, language: str = "en") -> str | None:
    """The qualifier that stands with ``value`` in ``quote`` but is missing from
    ``value`` ("more than" for value "1,100" and quote "… more than 1,100 …"),
    or None when nothing is dropped (also when ``value`` is not in ``quote``).

    A curated value may carry its qualifier itself ("more than 1,100"). When the
    value occurs more than once, nothing is dropped if any occurrence stands
    without a qualifier.
    """
    lang = _lang(language)
    v = re.sub(r"\s+", " ", value.strip())
    if not v or not re.search(r"\d", v):
        return None
    found: list[str] = []
    pattern = re.escape(v).replace(r"\ ", r"\s+")
    for m in re.finditer(pattern, quote, re.IGNORECASE):
        s, e = m.start(), m.end()
        # a whole number, not part of a bigger one ("1,100" in "11,100" or "1,100.5")
        if (
            v[0].isdigit()
            and s
            and (
                quote[s - 1].isdigit()
                or (quote[s - 1] in ".," and s > 1 and quote[s - 2].isdigit())
            )
        ):
            continue
        if (
            v[-1].isdigit()
            and e < len(quote)
            and (
                quote[e].isdigit()
                or (quote[e] in ".," and e + 1 < len(quote) and quote[e + 1].isdigit())
            )
        ):
            continue
        _qs, q = _qualifier_before(quote, s, lang)
        if not q:
            _qe, q = _qualifier_after(quote, e)
        if not q:
            return None
        found.append(q)
    return found[0] if found else None
