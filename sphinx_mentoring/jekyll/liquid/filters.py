"""Jekyll's Liquid filters (Jekyll 4.3's ``Jekyll::Filters``), over python-liquid's.

python-liquid brings Shopify's standard filters; Jekyll adds these and replaces
``where`` and ``sort``. Each follows Jekyll's code, including its quirks
(``where`` compares as strings, numbers in strings sort as numbers). Two cannot
be the same offline and are documented: ``sample`` picks the first items (a
build must be reproducible), and ``sassify``/``scssify`` return their input.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
import urllib.parse
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import BooleanExpression, FilteredExpression
from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context
from liquid.stringify import to_liquid_string
from liquid.token import TOKEN_EXPRESSION, Token
from liquid.undefined import is_undefined

from sphinx_mentoring.jekyll.liquid.lax import expression_stream

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from liquid import RenderContext

    from sphinx_mentoring.site import Site


# -- values as Ruby shows them ---------------------------------------------------------


def ruby_str(value: object) -> str:
    """``value.to_s`` in Ruby: nil is "", booleans are lowercase."""
    if value is None or is_undefined(value):
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (list, tuple)):
        return "".join(ruby_str(v) for v in value)
    return str(value)


def _items(value: object) -> list[Any]:
    """A filter's input as a list: a mapping gives its values (as Jekyll does)."""
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return []


_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def _sortable(value: object) -> object:
    """Jekyll's ``parse_sort_input``: strings holding numbers become numbers."""
    text = ruby_str(value) if not isinstance(value, (int, float)) else str(value)
    if isinstance(value, bool):
        return value
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return value


def item_property(item: object, prop: object) -> object:
    """``item.prop`` (``a.b`` walks into mappings), numbers in strings as numbers."""
    value: object = item
    for key in str(prop).split("."):
        if isinstance(value, Mapping):
            value = value.get(key)
        else:
            value = None
            break
    return _sortable(value)


# -- arrays ---------------------------------------------------------------------------


def _is_nil(value: object) -> bool:
    # python-liquid's ``map`` gives a null object for a missing key, equal to None.
    return value is None or is_undefined(value) or bool(value == None)  # noqa: E711


def compact(value: object, prop: object = None) -> object:
    """Ruby's ``compact``: nils removed (those ``map`` gives for a missing key too)."""
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    if prop is None or is_undefined(prop):
        return [item for item in _items(value) if not _is_nil(item)]
    return [item for item in _items(value) if not _is_nil(item_property(item, prop))]


def _matches(prop: object, target: object) -> bool:
    """Jekyll's ``compare_property_vs_target``."""
    if target is None or is_undefined(target):
        return prop is None
    expected = ruby_str(target)
    if isinstance(prop, str):
        return prop == expected
    values = prop if isinstance(prop, (list, tuple)) else [prop]
    return any(ruby_str(v) == expected for v in values)


def where(value: object, prop: object = None, target: object = None) -> object:
    if prop is None or is_undefined(prop) or isinstance(target, (list, tuple, Mapping)):
        return value
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    return [item for item in _items(value) if _matches(item_property(item, prop), target)]


def find(value: object, prop: object = None, target: object = None) -> object:
    if prop is None or is_undefined(prop) or isinstance(target, (list, tuple, Mapping)):
        return value
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    return next(
        (item for item in _items(value) if _matches(item_property(item, prop), target)), None
    )


@functools.lru_cache(maxsize=256)
def _condition_token(expression: str) -> Token:
    return Token(TOKEN_EXPRESSION, expression, 0, expression)


def _each_with(
    context: RenderContext, value: object, variable: object, expression: object, kind: str
) -> Iterable[tuple[Any, object]]:
    """Each item of ``value`` with ``expression`` evaluated for it as ``variable``."""
    token = _condition_token(str(expression))
    stream = expression_stream(token, "if" if kind == "condition" else "output")
    parsed: Any = (
        BooleanExpression.parse(context.env, stream)
        if kind == "condition"
        else FilteredExpression.parse(context.env, stream)
    )
    for item in _items(value):
        with context.extend({str(variable): item}):
            yield item, parsed.evaluate(context)


@with_context
def where_exp(value: object, variable: object, expression: object, *, context: Any) -> object:
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    matches = _each_with(context, value, variable, expression, "condition")
    return [item for item, ok in matches if ok]


@with_context
def find_exp(value: object, variable: object, expression: object, *, context: Any) -> object:
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    matches = _each_with(context, value, variable, expression, "condition")
    return next((item for item, ok in matches if ok), None)


def _grouped(groups: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [{"name": name, "items": items, "size": len(items)} for name, items in groups.items()]


def group_by(value: object, prop: object) -> object:
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    groups: dict[str, list[Any]] = {}
    for item in _items(value):
        key = item_property(item, prop)
        # Ruby's to_s: a list (categories) is named as Ruby prints it, ["a", "b"].
        name = json.dumps(_plain(key), ensure_ascii=False) if isinstance(key, list) else key
        groups.setdefault(ruby_str(name), []).append(item)
    return _grouped(groups)


@with_context
def group_by_exp(value: object, variable: object, expression: object, *, context: Any) -> object:
    if not isinstance(value, (Mapping, list, tuple)):
        return value
    groups: dict[str, list[Any]] = {}
    for item, key in _each_with(context, value, variable, expression, "value"):
        groups.setdefault(to_liquid_string(key, autoescape=False), []).append(item)
    return _grouped(groups)


def _compare(a: object, b: object) -> int:
    """Ruby's ``a <=> b || a.to_s <=> b.to_s``."""
    try:
        return (a > b) - (a < b)  # type: ignore[operator]
    except TypeError:
        left, right = ruby_str(a), ruby_str(b)
        return (left > right) - (left < right)


def sort(value: object, prop: object = None, nils: object = "first") -> object:
    if value is None or is_undefined(value):
        raise FilterArgumentError("Cannot sort a null object.", token=None)
    items = _items(value) if isinstance(value, (Mapping, list, tuple)) else [value]
    if prop is None or is_undefined(prop):
        return sorted(items, key=functools.cmp_to_key(_compare))
    if nils not in ("first", "last"):
        raise FilterArgumentError(
            f"Invalid nils order: '{nils}' is not a valid nils order. "
            "It must be 'first' or 'last'.",
            token=None,
        )
    order = -1 if nils == "first" else 1
    keyed = [(item_property(item, prop), item) for item in items]

    def compare(a: tuple[object, Any], b: tuple[object, Any]) -> int:
        if a[0] is not None and b[0] is None:
            return -order
        if a[0] is None and b[0] is not None:
            return order
        return _compare(a[0], b[0])

    return [item for _, item in sorted(keyed, key=functools.cmp_to_key(compare))]


def _to_integer(value: object) -> int:
    if value is True:
        return 1
    if value is False:
        return 0
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def pop(value: object, count: object = 1) -> object:
    if not isinstance(value, list):
        return value
    number = _to_integer(count)
    return value[: len(value) - number] if number > 0 else list(value)


def push(value: object, item: object) -> object:
    return [*value, item] if isinstance(value, list) else value


def shift(value: object, count: object = 1) -> object:
    return value[max(_to_integer(count), 0) :] if isinstance(value, list) else value


def unshift(value: object, item: object) -> object:
    return [item, *value] if isinstance(value, list) else value


def sample(value: object, count: object = 1) -> object:
    """Jekyll picks at random; a reproducible build takes the first items."""
    if not isinstance(value, (list, tuple)):
        return value
    number = _to_integer(count)
    return (value[0] if value else None) if number == 1 else list(value[:number])


def array_to_sentence_string(value: object, connector: object = "and") -> str:
    items = [ruby_str(v) for v in value] if isinstance(value, (list, tuple)) else []
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return ", ".join(items[:-1]) + f", {connector} {items[-1]}"


# -- strings ---------------------------------------------------------------------------


def _keep_in_slug(char: str, extra: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "ML" or category == "Nd" or char in extra


def slugify(value: object, mode: object = None) -> str | None:
    """Jekyll's ``Utils.slugify`` (modes raw, default, pretty, ascii, latin)."""
    if value is None or is_undefined(value):
        return None
    text = ruby_str(value)
    mode = "default" if mode is None or is_undefined(mode) else str(mode)
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text.lower()
    if mode == "latin":
        text = "".join(
            c
            for c in unicodedata.normalize("NFKD", text)
            if not unicodedata.category(c).startswith("M")
        )
        text = "".join(c if ord(c) < 128 else "?" for c in text)
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    elif mode == "ascii":
        slug = re.sub(r"[^A-Za-z0-9]+", "-", text)
    else:
        extra = "._~!$&'()+,;=@" if mode == "pretty" else ""
        pieces: list[str] = []
        replacing = False
        for char in text:
            if _keep_in_slug(char, extra):
                pieces.append(char)
                replacing = False
            elif not replacing:
                pieces.append("-")
                replacing = True
        slug = "".join(pieces)
    return re.sub(r"^-|-$", "", slug).lower()


def xml_escape(value: object) -> str:
    return (
        ruby_str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def cgi_escape(value: object) -> str:
    return urllib.parse.quote_plus(ruby_str(value), safe="~")


def uri_escape(value: object) -> str:
    return urllib.parse.quote(ruby_str(value), safe="!$&'()*+,;=:@/?#[]%~")


def normalize_whitespace(value: object) -> str:
    return re.sub(r"\s+", " ", ruby_str(value)).strip()


_CJK = r"\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ff\u3040-\u309f\uac00-\ud7af"


def number_of_words(value: object, mode: object = None) -> int:
    text = ruby_str(value)
    if mode in ("cjk", "auto"):
        cjk = len(re.findall(f"[{_CJK}]", text))
        if mode == "auto" and cjk == 0:
            return len(text.split())
        return cjk + len(re.findall(rf"[^{_CJK}\s]+", text))
    return len(text.split())


def to_integer(value: object) -> int:
    return _to_integer(value)


def _plain(value: object, depth: int = 0) -> object:
    """Jekyll's ``as_liquid``: drops and mappings as plain data, for JSON."""
    if depth > 20:
        return None
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_undefined(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def jsonify(value: object) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def inspect(value: object) -> str:
    return xml_escape(json.dumps(_plain(value), ensure_ascii=False))


@functools.lru_cache(maxsize=8)
def _markdown(typographer: bool) -> Any:
    from markdown_it import MarkdownIt

    options = {"html": True, "typographer": typographer}
    md = MarkdownIt("commonmark", options).enable("table")
    return md.enable(["replacements", "smartquotes"]) if typographer else md


def markdownify(value: object) -> str:
    """Markdown to HTML (markdown-it, as the pages' own Markdown reader)."""
    return str(_markdown(False).render(ruby_str(value)))


def smartify(value: object) -> str:
    """Straight quotes, ``--`` and ``...`` made typographic (kramdown's SmartyPants)."""
    return str(_markdown(True).renderInline(ruby_str(value)))


def unchanged(value: object) -> object:
    return value


# -- dates -----------------------------------------------------------------------------


#: Date strings besides ISO 8601 that Ruby's ``Time.parse`` reads and authors write.
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%a, %d %b %Y %H:%M:%S %z",
)


def to_datetime(value: object) -> dt.datetime:
    """``Liquid::Utils.to_date``: dates, datetimes, timestamps and date strings."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min)
    text = ruby_str(value).strip()
    if text in ("now", "today"):
        return dt.datetime.now()
    if re.fullmatch(r"\d+", text):
        return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise FilterArgumentError(f"Invalid Date: '{text}' is not a valid datetime.", token=None)


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(date: dt.datetime, month: str, kind: object, style: object) -> object:
    if kind == "ordinal":
        day = f"{date.day}{_ordinal(date.day)}"
        if style == "US":
            return date.strftime(f"{month} {day}, %Y")
        return date.strftime(f"{day} {month} %Y")
    return date.strftime(f"%d {month} %Y")


def _site_zone(site: Site) -> dt.tzinfo:
    """The zone Jekyll's date filters show times in: ``timezone:`` (Jekyll sets the
    process's TZ from it), else UTC, as on GitHub Pages."""
    name = site.config.get("timezone")
    if isinstance(name, str) and name.strip():
        try:
            return zoneinfo.ZoneInfo(name.strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def date_filters(site: Site) -> dict[str, Callable[..., object]]:
    """Jekyll's ``date_to_*`` filters: the time in the site's zone (Jekyll's ``time()``
    is ``Time#localtime``; a time written without an offset is already local)."""
    zone = _site_zone(site)

    def local(value: object) -> dt.datetime:
        date = to_datetime(value)
        return date.astimezone(zone) if date.tzinfo is not None else date.replace(tzinfo=zone)

    def date_to_string(value: object, kind: object = None, style: object = None) -> object:
        return value if ruby_str(value) == "" else _stringify_date(local(value), "%b", kind, style)

    def date_to_long_string(value: object, kind: object = None, style: object = None) -> object:
        return value if ruby_str(value) == "" else _stringify_date(local(value), "%B", kind, style)

    def date_to_xmlschema(value: object) -> object:
        return value if ruby_str(value) == "" else local(value).isoformat()

    def date_to_rfc822(value: object) -> object:
        if ruby_str(value) == "":
            return value
        return local(value).strftime("%a, %d %b %Y %H:%M:%S %z")

    return {
        "date_to_string": date_to_string,
        "date_to_long_string": date_to_long_string,
        "date_to_xmlschema": date_to_xmlschema,
        "date_to_rfc822": date_to_rfc822,
    }


# -- URLs ------------------------------------------------------------------------------

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _url_of(value: object) -> str:
    if isinstance(value, Mapping) and "url" in value:
        return ruby_str(value["url"])
    return ruby_str(value)


def _normalize(url: str) -> str:
    return urllib.parse.quote(url, safe="!$&'()*+,;=:@/?#[]%~")


def url_filters(site: Site) -> dict[str, Callable[..., object]]:
    """``relative_url``, ``absolute_url`` (they read ``baseurl`` and ``url``), ``strip_index``."""

    def relative_url(value: object) -> object:
        if value is None or is_undefined(value):
            return None
        text = _url_of(value)
        if _ABSOLUTE.match(text):
            return text
        base = site.baseurl
        path = text if not text or text.startswith("/") else "/" + text
        return _normalize(base + path)

    def absolute_url(value: object) -> object:
        if value is None or is_undefined(value):
            return None
        text = _url_of(value)
        if _ABSOLUTE.match(text):
            return text
        url = ruby_str(site.config.get("url"))
        relative = ruby_str(relative_url(text))
        return _normalize(url.rstrip("/") + relative) if url else relative

    def strip_index(value: object) -> object:
        if value is None or ruby_str(value) == "":
            return value
        return re.sub(r"/index\.html?$", "/", ruby_str(value))

    return {"relative_url": relative_url, "absolute_url": absolute_url, "strip_index": strip_index}


#: Jekyll's filters that need nothing of the site.
JEKYLL_FILTERS: dict[str, Callable[..., object]] = {
    "markdownify": markdownify,
    "smartify": smartify,
    "sassify": unchanged,
    "scssify": unchanged,
    "slugify": slugify,
    "xml_escape": xml_escape,
    "cgi_escape": cgi_escape,
    "uri_escape": uri_escape,
    "normalize_whitespace": normalize_whitespace,
    "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string,
    "jsonify": jsonify,
    "where": where,
    "where_exp": where_exp,
    "find": find,
    "find_exp": find_exp,
    "group_by": group_by,
    "group_by_exp": group_by_exp,
    "to_integer": to_integer,
    "sort": sort,
    "compact": compact,
    "pop": pop,
    "push": push,
    "shift": shift,
    "unshift": unshift,
    "sample": sample,
    "inspect": inspect,
}
