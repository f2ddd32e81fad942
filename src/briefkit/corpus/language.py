"""Offline language identification and stop-word lists.

Language identification uses py3langid's bundled naive-Bayes model (byte
n-grams, about 140 languages; no download, ever). Belarusian, Ukrainian and
Russian are close enough for the model to mix them up on short texts, so
letters that only some of the three orthographies use settle which of them a
Cyrillic text is in.

The stop-word lists give the cleaner its stop-word density, the main jusText
feature that separates prose from site chrome. The hand-made lists below are
the ones the cleaner's thresholds were set on; other languages get the most
frequent words of jusText's bundled stoplists, cut to a comparable length, and
Chinese and Japanese (which jusText lacks and which are written without
spaces) get lists of function characters, counted character by character.
"""

from __future__ import annotations

import math
import pkgutil
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Scripts written without spaces between words: Han, kana, Thai, Lao, Tibetan,
# Myanmar, Khmer. A run of them is one ``words()`` token, not one word.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"
)


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Hand-made lists: the cleaner's stop-word density thresholds were set on these.
_HAND_LISTS: dict[str, frozenset[str]] = {
    "en": wordset(
        """a about above after again against all also although am an and any are as at be because
        been before being below between both but by can could did do does doing down during
        each either even ever every few for from further had has have having he her here hers
        herself him himself his how however i if in into is it its itself just least less many
        may me might more most much must my myself neither no nor not now of off often on once
        one only or other others our ours ourselves out over own per rather same several shall
        she should since so some still such than that the their theirs them themselves then
        there these they this those though through thus to too toward towards under until up
        upon us very via was we were what whatever when where whether which while who whom
        whose why will with within without would yet you your yours yourself also among across
        already another around away back become became like made make many new next said says
        still up well whilst it's don't can't isn't there's that's"""
    ),
    "de": wordset(
        """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
        beim bin bis bist da damit dann das dass dem den denn der des dessen dich die dies
        diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer
        eines er es etwa euch fur für gegen gewesen hab habe haben hat hatte hatten hier hin
        hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem
        jeden jeder jedes jetzt kann kein keine keinem keinen können könnte man manche mehr
        mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne schon
        sehr sein seine seinem seinen seiner sich sie sind so solche soll sollte sondern sowie
        über um und uns unser unter viel vom von vor wann war waren warum was weil weiter
        welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wo wurde
        wurden zu zum zur zwar zwischen"""
    ),
    "fr": wordset(
        """à au aux avec ce ces cette celle celui chez comme dans de des du elle elles en entre
        est et été être eux il ils je la le les leur leurs lui ma mais me même mes moi mon ne
        nos notre nous on ont ou où par pas pour plus qu que qui sa sans se ses son sont sous
        sur ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y ainsi
        alors aussi avait avoir bien car cela ces déjà donc dont encore fait faire lors depuis
        selon après avant contre peut ni sera c'est d'un d'une qu'il l'on n'est"""
    ),
    "es": wordset(
        """a al algo algunos ante antes como con contra cual cuando de del desde donde durante e
        el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estas este esto
        estos está están fue fueron ha han hasta hay la las le les lo los más me mi mientras
        muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque que
        quien se sea ser si sido sin sobre su sus también tanto te tiene todo todos tu un una
        unas uno unos y ya según además aunque cada desde esta sus sino"""
    ),
    "it": wordset(
        """a ad agli ai al alla alle allo anche ancora che chi ci come con contro cui da dai dal
        dalla dalle degli dei del della delle dello di dopo e ed era erano essere fa gli ha
        hanno i il in io la le lei li lo loro ma mi molto ne nei nel nella nelle nello noi non
        nostro o per perché più poi può quale quando quello questa questo se sei sembra senza
        si sia sono su sua sue sui sul sulla suo suoi tra tutti tutto un una uno è stato stata"""
    ),
    "nl": wordset(
        """aan al alle als bij dan dat de deze die dit doch door dus een en er ge geen had heb
        hebben heeft het hier hij hoe hun ik in is ja je kan kon maar me meer men met mij mijn
        na naar niet niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u
        uit uw van veel voor want waren was wat we wel werd wie wij worden wordt zal ze zei
        zelf zich zij zijn zo zonder zou"""
    ),
    "pl": wordset(
        """a aby ale bez bo być był była było były być chociaż co czy dla do gdy gdzie i ich ja
        jak jako je jednak jego jej jest jeszcze jeśli już ku lub ma mnie może na nad nie niż
        nich o od oraz po pod ponieważ przez przy przed się są także tak tam te tego tej tylko
        to tym u w we więc wszystko z za ze że żeby który która które których którzy został
        została zostały jego ich również bardzo"""
    ),
    "ru": wordset(
        """а без более бы был была были было быть в вам вас во вот все всё всех вы где да даже
        для до его ее её если есть еще ещё же за и из или им их к как когда ко который которые
        кто ли между меня мне мы на над не него нее неё нет ни них но о об однако он она они
        оно от по под после при про с со так также там то того тоже только том ты у уже что
        чтобы эта эти это этого этом я"""
    ),
    "uk": wordset(
        """а але без би був була були було бути в вже від вона вони воно все всі де для до є з за
        і із її їх й к коли який яка які як ми між на над не немає ні но о або по під після
        при про с так також там те то тощо у це цей ці цього чи що щоб я його нього тому через"""
    ),
    "be": wordset(
        """а але без бы быў была былі было быць в ва ад вы гэта гэтага гэты гэтыя дзе для да ён
        яна яны з за і й каб калі ці што як які якая якія мы на над не няма ні па пад пасля
        пры пра у ў ужо таксама там тое толькі таму праз іх яго яе сваю сваёй"""
    ),
    "lt": wordset(
        """ir kad yra su į iš tai bet kaip jo ji jie jos o ar nuo dėl per apie buvo tik jau nėra
        be taip už kai tačiau savo šis šie ta tas mes jūs aš ne nes po prie bei arba kuris
        kuri kurie kurios taip pat gali būti buvo bus dar labai tarp"""
    ),
    # Function characters (particles, pronouns, auxiliaries, conjunctions):
    # Chinese and Japanese are counted character by character.
    "zh": frozenset(
        "的了是在和有也就不都而及与或这那之其为以于被把对将从到由等个们我你他她它着过会能"
        "要可说但并所如因此还又让给向该已没很更最些么吗呢吧"
        "這們為於與對將從個說過會還讓給該沒麼嗎著"  # traditional forms
    ),
    "ja": frozenset("のにはをたがでてとしもなかられるいすまだうこそあよやへばっんど"),
}

# Languages written character by character (no spaces between words).
_BY_CHARACTER = frozenset({"zh", "ja"})

# ISO 639-1 code -> name of jusText's bundled stoplist, for languages without a
# hand-made list. (jusText's Western_Panjabi is in Shahmukhi script, while "pa"
# from the model is Gurmukhi, so it is left out.)
_JUSTEXT_NAMES = {
    "af": "Afrikaans", "an": "Aragonese", "ar": "Arabic", "az": "Azerbaijani",
    "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian", "ca": "Catalan",
    "cs": "Czech", "cv": "Chuvash", "cy": "Welsh", "da": "Danish", "el": "Greek",
    "eo": "Esperanto", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fy": "West_Frisian", "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "io": "Ido", "is": "Icelandic", "jv": "Javanese",
    "ka": "Georgian", "kk": "Kazakh", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "mt": "Maltese",
    "nb": "Norwegian_Bokmal", "ne": "Nepali", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "oc": "Occitan", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "sh": "Serbo_Croatian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "su": "Sundanese", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon",
    "yo": "Yoruba",
}  # fmt: skip

# jusText's lists are word-frequency lists from Wikipedia, most frequent first,
# and run to hundreds or thousands of words, content words included. Their
# first 200 distinct words give about the density the hand lists give on the
# same prose (English 0.45 vs 0.44, German 0.41 vs 0.41), so the cleaner's
# thresholds hold for them too.
JUSTEXT_STOPLIST_SIZE = 200


def _justext_list(lang: str) -> frozenset[str] | None:
    name = _JUSTEXT_NAMES.get(lang)
    if name is None:
        return None
    try:
        raw = pkgutil.get_data("justext", f"stoplists/{name}.txt")
    except (ImportError, OSError):  # jusText missing or without that list
        return None
    if raw is None:  # pragma: no cover - a loader that cannot read data files
        return None
    kept: dict[str, None] = {}
    for line in raw.decode("utf-8").splitlines():
        # Entries carry punctuation ("ye.", "(bi") and capitals; keep the
        # lower-cased word as ``words()`` would cut it.
        found = words(line)
        if len(found) == 1:
            kept.setdefault(found[0])
            if len(kept) >= JUSTEXT_STOPLIST_SIZE:
                break
    return frozenset(kept) or None


class _StopLists(dict[str, frozenset[str]]):
    """The hand lists, plus jusText's lists loaded the first time a language is asked for."""

    def __missing__(self, lang: str) -> frozenset[str]:
        found = _justext_list(lang)
        if found is None:
            raise KeyError(lang)
        self[lang] = found
        return found

    def get(self, lang: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[lang]
        except KeyError:
            return default

    def __contains__(self, lang: object) -> bool:
        return isinstance(lang, str) and self.get(lang) is not None

    def _load_all(self) -> None:
        for lang in _JUSTEXT_NAMES:
            self.get(lang)

    def __iter__(self) -> Iterator[str]:
        self._load_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._load_all()
        return super().__len__()

    def keys(self):  # type: ignore[override]
        self._load_all()
        return super().keys()

    def values(self):  # type: ignore[override]
        self._load_all()
        return super().values()

    def items(self):  # type: ignore[override]
        self._load_all()
        return super().items()


STOPWORDS: dict[str, frozenset[str]] = _StopLists(_HAND_LISTS)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters only, inner apostrophes kept)."""
    return [w.lower() for w in _WORD.findall(text)]


def _units(tokens: Iterable[str]) -> Iterator[str]:
    """Tokens, with runs of Chinese/Japanese/Thai... script cut into characters."""
    for t in tokens:
        if _UNSPACED.search(t):
            yield from t
        else:
            yield t


def stopword_density(tokens: list[str], lang: str | None) -> float:
    """Share of ``tokens`` that are function words of ``lang`` (English if unknown).

    For Chinese and Japanese the share is of characters (of words in other
    scripts in between), since their tokens are whole clauses.
    """
    if not tokens:
        return 0.0
    stops = STOPWORDS.get(lang or "en") or STOPWORDS["en"]
    if lang in _BY_CHARACTER:
        units = list(_units(tokens))
        return sum(1 for u in units if u in stops) / len(units)
    return sum(1 for t in tokens if t in stops) / len(tokens)


def word_count(text: str) -> int:
    """Words in ``text``; in scripts written without spaces, two characters make a word."""
    found = _WORD.findall(text)
    if not _UNSPACED.search(text):
        return len(found)  # the usual case: one word per token
    n = unspaced = 0
    for t in found:
        k = len(_UNSPACED.findall(t))
        unspaced += k
        n += k < len(t)  # letters of other scripts in the token: one word
    return n + math.ceil(unspaced / 2)


# --------------------------------------------------------------------- the model

# Labels of the model that are not ISO 639-1 codes but varieties of a language
# that has one (ISO 639-3 macrolanguage members): their probability is added.
_FOLD = {
    "ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "uzs": "uz", "ltg": "lv",
    "sdh": "ku", "fuv": "ff", "gug": "gn", "kik": "ki",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with normalised probabilities, loaded once (~0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    load = getattr(LanguageIdentifier, "from_model_file", None)
    if load is None:  # py3langid < 0.4
        load = LanguageIdentifier.from_pickled_model
    return load(MODEL_FILE, norm_probs=True)


# Letters that only some Cyrillic orthographies use: they separate Belarusian,
# Ukrainian and Russian better than the model does. Each set of letters rules
# out the languages that do not write it.
_SLAVIC = ("be", "ru", "uk")
_RULES_OUT = (
    (frozenset("ў"), frozenset({"ru", "uk"})),
    (frozenset("і"), frozenset({"ru"})),
    (frozenset("їєґ"), frozenset({"be", "ru"})),
    (frozenset("ыэ"), frozenset({"uk"})),
    (frozenset("ищ"), frozenset({"be"})),
    (frozenset("ъ"), frozenset({"be", "uk"})),
)
# A letter counts when it is at least this share of the Cyrillic letters, so a
# Belarusian name quoted in a Russian article does not make it Belarusian.
_HINT_SHARE = 0.005


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _ruled_out(text: str) -> frozenset[str]:
    """The East Slavic languages that ``text``'s letters exclude (none if not Cyrillic)."""
    low = text.lower()
    cyr = len(_CYRILLIC.findall(low))
    if not cyr or cyr <= len(_LETTER.findall(low)) / 2:
        return frozenset()
    out: set[str] = set()
    for chars, langs in _RULES_OUT:
        hits = sum(low.count(c) for c in chars)
        if hits and hits >= _HINT_SHARE * cyr:
            out |= langs
    # Letters of all three at once (a mixed text): trust the model alone.
    return frozenset(out) if len(out) < len(_SLAVIC) else frozenset()


def language_scores(text: str) -> dict[str, float]:
    """Probability of each language (ISO 639-1 code) for ``text``, summing to 1.

    The model's labels that have no ISO 639-1 code and are not varieties of a
    language that has one (creoles, regional and ancient languages, "zxx" for
    no language) are left out, and the rest renormalised: the same as
    restricting the model to the languages we can name, without the copy of its
    tables that ``set_languages`` makes.
    """
    if not text.strip():
        return {}
    scores = _scores(text, _identifier().rank(text))
    total = sum(scores.values())
    return {lang: p / total for lang, p in scores.items()} if total > 0 else {}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str | None]:
    """The ISO 639-1 code each of the model's labels counts for (None: left out)."""
    codes: dict[str, str | None] = {}
    for label in _identifier().nb_classes:
        lang = _FOLD.get(label, label)
        codes[label] = lang if len(lang) == 2 else None
    return codes


def _scores(text: str, ranking: list[tuple[str, float]]) -> dict[str, float]:
    """Unnormalised probabilities per ISO 639-1 code, with the Cyrillic letter hints applied."""
    codes = _codes()
    scores: dict[str, float] = {}
    for label, p in ranking:
        lang = codes.get(label)
        if lang is not None:
            scores[lang] = scores.get(lang, 0.0) + p
    excluded = _ruled_out(text)
    if excluded:
        # Belarusian, Ukrainian or Russian: the letters decide which, the model
        # says how likely it is one of the three at all.
        mass = sum(scores.get(lang, 0.0) for lang in _SLAVIC)
        kept = [lang for lang in _SLAVIC if lang not in excluded]
        kept_mass = sum(scores.get(lang, 0.0) for lang in kept)
        for lang in _SLAVIC:
            if lang in excluded:
                scores[lang] = 0.0
            elif kept_mass > 0:
                scores[lang] = mass * scores.get(lang, 0.0) / kept_mass
            else:
                scores[lang] = mass / len(kept)
    return scores


DETECT_SAMPLE_CHARS = 4000  # plenty to tell languages apart; keeps long texts cheap
QUICK_SAMPLE_CHARS = 1500  # tried first; the full sample only when it is not near-certain
QUICK_PROBABILITY = 0.995

# The probability the best language needs; short texts need more, because a few
# words of chrome ("Privacy & Cookie policy") can look like anything.
MIN_PROBABILITY = 0.5
MIN_PROBABILITY_SHORT = 0.7
SHORT_WORDS = 6


def detect_language(text: str, *, min_words: int = 3) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None if it is too unclear to say."""
    return _detect(text[:DETECT_SAMPLE_CHARS], min_words)


@lru_cache(maxsize=32)  # a cleaner asks of a page and then of its body, often the same text
def _detect(text: str, min_words: int) -> str | None:
    n = word_count(text)
    if n < min_words:
        return None
    floor = MIN_PROBABILITY_SHORT if n < SHORT_WORDS else MIN_PROBABILITY
    if len(text) > QUICK_SAMPLE_CHARS:
        # A shorter sample first: long prose is usually plain at a glance.
        label, p = _identifier().rank(text[:QUICK_SAMPLE_CHARS])[0]
        lang = _codes().get(label)
        if lang is not None and lang not in _SLAVIC and p >= QUICK_PROBABILITY:
            return lang
    ranking = _identifier().rank(text)
    label, p = ranking[0]
    lang = _codes().get(label)
    if lang is not None and lang not in _SLAVIC and p > 0.5 and p >= floor:
        # More than half the probability: leaving labels out and folding
        # varieties can only raise it, so the full computation would agree.
        return lang
    scores = _scores(text, ranking)
    total = sum(scores.values())
    if total <= 0:
        return None
    best = max(scores, key=scores.__getitem__)  # ties: the model's ranking order
    return best if scores[best] >= floor * total else None
