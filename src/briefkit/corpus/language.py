"""Offline language identification from stop-word profiles.

Function words are the most frequent tokens of any language and differ
sharply between languages, so counting them identifies the language of a
paragraph reliably without a model file or network access. The same lists
also give the cleaner its stop-word density, the main jusText feature that
separates prose from site chrome.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
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
}

# Letters that occur in only some Cyrillic orthographies: they separate
# Belarusian, Ukrainian and Russian better than short function words do.
_CYRILLIC_HINTS = {
    "be": set("ўі"),
    "uk": set("їєґі"),
    "ru": set("ыэъ"),
}


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters only, inner apostrophes kept)."""
    return [w.lower() for w in _WORD.findall(text)]


def stopword_density(tokens: list[str], lang: str | None) -> float:
    """Share of ``tokens`` that are function words of ``lang`` (English if unknown)."""
    if not tokens:
        return 0.0
    stops = STOPWORDS.get(lang or "en", STOPWORDS["en"])
    return sum(1 for t in tokens if t in stops) / len(tokens)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def language_scores(text: str) -> dict[str, float]:
    """Stop-word density of ``text`` for every known language."""
    tokens = words(text)
    if not tokens:
        return {}
    scores = {lang: stopword_density(tokens, lang) for lang in STOPWORDS}
    letters = [c for c in text.lower() if c.isalpha()]
    cyr = sum(1 for c in letters if _is_cyrillic(c))
    if letters and cyr / len(letters) > 0.5:
        for lang in STOPWORDS:
            if lang not in _CYRILLIC_HINTS:
                scores[lang] = 0.0
        chars = set(letters)
        for lang, hints in _CYRILLIC_HINTS.items():
            if chars & hints:
                scores[lang] += 0.05 * len(chars & hints)
        # "ы"/"э" alone cannot be Ukrainian; "ї"/"є" cannot be Belarusian or Russian.
        if chars & set("ыэ"):
            scores["uk"] = 0.0
        if chars & set("їєґ"):
            scores["be"] = scores["ru"] = 0.0
        if chars & set("ўі"):
            scores["ru"] = 0.0
    elif letters and cyr:
        for lang in _CYRILLIC_HINTS:
            scores[lang] = 0.0
    return scores


DETECT_SAMPLE_CHARS = 4000  # plenty to tell languages apart; keeps long texts cheap


def detect_language(text: str, *, min_words: int = 3) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None if it is too unclear to say."""
    text = text[:DETECT_SAMPLE_CHARS]
    tokens = words(text)
    if len(tokens) < min_words:
        return None
    scores = language_scores(text)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < 0.08 or score - runner_up < 0.02:
        return None
    return best
