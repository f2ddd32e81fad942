"""Language identification (py3langid plus Cyrillic letter hints) and stop-word lists."""

from __future__ import annotations

import pytest

from briefkit.corpus.language import (
    DETECT_SAMPLE_CHARS,
    STOPWORDS,
    detect_language,
    language_scores,
    stopword_density,
    word_count,
    words,
)

PARAGRAPHS = {
    "pt": (
        "A câmara municipal aprovou ontem o novo plano de mobilidade, que prevê mais "
        "ciclovias e autocarros elétricos até ao fim da década. A oposição votou contra "
        "e diz que as obras vão custar o dobro do que foi anunciado."
    ),
    "ja": (
        "市議会は昨日、新しい交通計画を承認した。計画では、十年後までに自転車専用道路と"
        "電気バスを増やすことになっている。野党は反対し、費用が発表の二倍になると主張した。"
    ),
    "ko": (
        "시의회는 어제 새로운 교통 계획을 승인했다. 계획에 따르면 십 년 안에 자전거 "
        "도로와 전기 버스가 늘어난다. 야당은 반대표를 던졌고 비용이 발표된 금액의 두 "
        "배가 될 것이라고 주장했다."
    ),
    "zh": (
        "市议会昨天批准了新的交通计划，计划在十年内增加自行车道和电动公交车。"
        "反对党投了反对票，并表示工程费用将是公布金额的两倍。"
    ),
    "be": (
        "Гарадская рада ўчора зацвердзіла новы план транспарту, які прадугледжвае больш "
        "веладарожак і электрычных аўтобусаў. Апазіцыя галасавала супраць і кажа, што "
        "будаўніцтва абыдзецца ўдвая даражэй."
    ),
    "ru": (
        "Городской совет вчера утвердил новый транспортный план, который предусматривает "
        "больше велодорожек и электрических автобусов. Оппозиция голосовала против и "
        "утверждает, что строительство обойдётся вдвое дороже."
    ),
    "uk": (
        "Міська рада вчора затвердила новий транспортний план, який передбачає більше "
        "велодоріжок та електричних автобусів. Опозиція голосувала проти й каже, що "
        "будівництво коштуватиме вдвічі дорожче."
    ),
    "pl": (
        "Rada miasta zatwierdziła wczoraj nowy plan transportowy, który przewiduje więcej "
        "ścieżek rowerowych i autobusów elektrycznych. Opozycja głosowała przeciw i twierdzi, "
        "że budowa będzie kosztować dwa razy więcej."
    ),
    "lt": (
        "Miesto taryba vakar patvirtino naują transporto planą, kuriame numatyta daugiau "
        "dviračių takų ir elektrinių autobusų. Opozicija balsavo prieš ir teigia, kad "
        "statybos kainuos dvigubai daugiau."
    ),
}


@pytest.mark.parametrize(("lang", "text"), PARAGRAPHS.items(), ids=list(PARAGRAPHS))
def test_paragraphs(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mas a obra ainda não começou.", "pt"),
        ("会議は東京で開かれた。", "ja"),
        ("회의는 서울에서 열렸다.", "ko"),
        ("會議在台北舉行，市長出席了。", "zh"),  # traditional characters
        ("Мы пайшлі дадому ўвечары.", "be"),
        ("Ми пішли додому ввечері.", "uk"),
        ("Мы пошли домой вечером.", "ru"),
        ("Wróciliśmy do domu wieczorem.", "pl"),
        ("Vakare grįžome namo.", "lt"),
    ],
)
def test_short_sentences(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_letters_settle_belarusian_ukrainian_russian() -> None:
    # Letters only one orthography writes rule the others out entirely.
    be = language_scores(PARAGRAPHS["be"])  # ў, і: neither Russian nor Ukrainian
    assert be["ru"] == be["uk"] == 0.0
    uk = language_scores(PARAGRAPHS["uk"])  # і, є, и: neither Russian nor Belarusian
    assert uk["ru"] == uk["be"] == 0.0
    ru = language_scores(PARAGRAPHS["ru"])  # ы, и: neither Ukrainian nor Belarusian
    assert ru["uk"] == ru["be"] == 0.0
    assert sum(ru.values()) == pytest.approx(1.0)


def test_a_quoted_name_does_not_change_the_language() -> None:
    text = (
        "Светлана Тихановская встретилась в Вильнюсе с представителями литовского "
        "правительства и рассказала журналистам о планах оппозиции на следующий год. "
        "По-белорусски её фамилия пишется «Ціханоўская»."
    )
    assert detect_language(text) == "ru"
    text = (
        "Лукашэнка заявіў журналістам: «Мы никому ничего не должны». Пасля гэтага ён "
        "паехаў у Маскву на сустрэчу з расійскім кіраўніцтвам."
    )
    assert detect_language(text) == "be"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345 !!! 678",
        "Kyiv",
        "東京",
        "Лукашенко",
        "Kyiv Minsk Vilnius Warsaw",  # names alone: any language
        "Home | News | Sport",
        "Privacy & Cookie policy",  # chrome the model reads as Polish (p≈0.6)
        "© 2024 ACME Corp.",
    ],
)
def test_short_or_unclear_text_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_min_words() -> None:
    assert detect_language("Mas a obra ainda não começou.", min_words=10) is None
    assert word_count("Mas a obra ainda não começou.") == 6
    # Scripts without spaces: two characters make a word.
    assert word_count("会議は東京で開かれた。") == 5
    assert word_count("東京") == 1
    assert word_count("iPhone 16 は東京で") == 1 + 2


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = "The council approved the new transport plan yesterday. " * 100
    assert len(english) > DETECT_SAMPLE_CHARS
    assert detect_language(english + PARAGRAPHS["pl"] * 5) == "en"


def test_hand_lists_are_kept() -> None:
    # The cleaner's stop-word thresholds were set on these lists.
    sizes = {"en": 180, "de": 160, "fr": 100, "es": 95, "it": 90, "nl": 85}
    sizes |= {"pl": 75, "ru": 90, "uk": 65, "be": 55, "lt": 50}
    for lang, at_least in sizes.items():
        assert len(STOPWORDS[lang]) >= at_least, lang
    assert {"the", "of", "and"} <= STOPWORDS["en"]
    assert "ўжо" in STOPWORDS["be"] or "ужо" in STOPWORDS["be"]


def test_justext_lists_for_other_languages() -> None:
    pt = STOPWORDS["pt"]
    assert {"que", "não", "uma", "para"} <= pt
    assert len(pt) == 200  # the most frequent words only: densities stay comparable
    assert "pt" in STOPWORDS and STOPWORDS.get("pt") is pt
    assert all(w == w.lower() and w.isalpha() for w in STOPWORDS["ko"])
    assert "sv" in STOPWORDS and "och" in STOPWORDS["sv"]
    # Unknown languages: no list, and English for the density.
    assert "xx" not in STOPWORDS
    assert STOPWORDS.get("xx") is None
    assert STOPWORDS.get("xx", frozenset()) == frozenset()
    with pytest.raises(KeyError):
        STOPWORDS["xx"]
    assert isinstance(STOPWORDS, dict)
    assert {"en", "pt", "sv", "zh", "ja"} <= set(STOPWORDS)


def test_density_is_comparable_across_languages() -> None:
    prose = {
        "en": "The council approved the new transport plan yesterday, which provides for "
        "more cycle lanes and electric buses by the end of the decade.",
        **PARAGRAPHS,
    }
    chrome = {
        "en": "Home News Sport Weather Contact us",
        "pt": "Início Notícias Desporto Economia Cultura Opinião Contactos",
        "zh": "首页 新闻 体育 天气 联系我们",
        "ja": "ホーム ニュース スポーツ 天気 お問い合わせ",
        "ko": "홈 뉴스 스포츠 날씨 문의하기",
    }
    # Inflected languages score lower (0.11-0.17 here for be, ru, uk, pl, lt,
    # ko) than analytic ones (0.2-0.5), as the hand lists always did.
    for lang, text in prose.items():
        assert stopword_density(words(text), lang) >= 0.1, lang
    for lang, text in chrome.items():
        # Low, not always zero: "us" in "Contact us" is a stop word, and so are
        # 我们 in 联系我们 and a few Wikipedia words ("início") in jusText's lists.
        dens = stopword_density(words(text), lang)
        assert dens <= 0.2 and dens < stopword_density(words(prose[lang]), lang), lang
    # Unknown or missing language: English.
    toks = words(prose["en"])
    assert stopword_density(toks, None) == stopword_density(toks, "xx") > 0.3
    assert stopword_density([], "pt") == 0.0
